import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { downstreamCallDuration, traceCall } from '@onewindow/runtime';
import { probeSubgraphs, type SubgraphHealthPluginOptions } from './useSubgraphHealth.js';

/** How far back the status looks at real traffic. */
const WINDOW_MS = 5 * 60_000;
/** About this many calls are remembered per subgraph (the newest, up to twice as many), so memory stays bounded under load. */
export const MAX_SAMPLES = 20_000;

interface Sample {
  at: number;
  ms: number;
  ok: boolean;
}

/** A fetch's headers as a plain object, whichever form they came in. */
function headersOf(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)) {
    const plain: Record<string, string> = {};
    (headers as Headers).forEach((value, name) => (plain[name] = value));
    return plain;
  }
  if (Array.isArray(headers)) return Object.fromEntries(headers as [string, string][]);
  return { ...(headers as Record<string, string>) };
}

/** The gateway's recent calls to one subgraph. */
export interface RecentCalls {
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : null;

/** Times every call the gateway makes to each subgraph, and summarizes the last five minutes. */
export class SubgraphTimings {
  private readonly samples = new Map<string, Sample[]>();

  record(subgraph: string, ms: number, ok: boolean, at = Date.now()): void {
    let list = this.samples.get(subgraph);
    if (!list) this.samples.set(subgraph, (list = []));
    list.push({ at, ms, ok });
    // Trimmed in one go once twice over the bound, so recording stays cheap.
    if (list.length > 2 * MAX_SAMPLES) list.splice(0, list.length - MAX_SAMPLES);
  }

  recent(subgraph: string, now = Date.now()): RecentCalls {
    const list = (this.samples.get(subgraph) ?? []).filter((s) => s.at > now - WINDOW_MS);
    this.samples.set(subgraph, list);
    const times = list.map((s) => s.ms).sort((a, b) => a - b);
    const round = (ms: number | null) => (ms === null ? null : Math.round(ms * 10) / 10);
    return {
      requests: list.length,
      errors: list.filter((s) => !s.ok).length,
      p50Ms: round(percentile(times, 0.5)),
      p95Ms: round(percentile(times, 0.95)),
    };
  }
}

/**
 * 部门状态: `GET /subgraph-status` answers, for every subgraph, whether it answers a probe now and
 * how fast, and how the gateway's own calls to it went in the last five minutes (count, errors,
 * median and 95th percentile). The gateway times every subgraph call it makes, errors included,
 * also into its Prometheus metrics (onewindow_subgraph_call_duration_seconds at /metrics).
 */
export function useSubgraphStatus(options: Omit<SubgraphHealthPluginOptions, 'endpoint'>): GatewayPlugin {
  const timings = new SubgraphTimings();
  const nameByUrl = new Map(Object.entries(options.subgraphUrls).map(([name, url]) => [url, name]));
  return {
    onFetch({ url, executionRequest, fetchFn, setFetchFn }) {
      const subgraph = nameByUrl.get(url);
      // Only the calls that answer clients' operations; the probes are reported on their own.
      if (!subgraph || !executionRequest) return;
      setFetchFn(async (url, options, ...rest) => {
        const started = performance.now();
        const done = (ok: boolean, outcome: string) => {
          const ms = performance.now() - started;
          timings.record(subgraph, ms, ok);
          downstreamCallDuration.observe({ service: 'gateway', target: subgraph, outcome }, ms / 1000);
        };
        // A client span per subgraph call; its `traceparent` goes with the call.
        const traceHeaders: Record<string, string> = {};
        return traceCall(`call ${subgraph}`, { 'onewindow.target': subgraph }, traceHeaders, async () => {
          const headers = { ...headersOf(options?.headers), ...traceHeaders };
          try {
            const response = await fetchFn(url, { ...options, headers }, ...rest);
            done(response.ok, response.ok ? 'ok' : `http_${response.status}`);
            return response;
          } catch (error) {
            done(false, 'unreachable');
            throw error;
          }
        });
      });
    },
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== '/subgraph-status') return;
      const probes = await probeSubgraphs(options);
      const subgraphs = probes.map((probe) => ({ ...probe, recent: timings.recent(probe.name) }));
      endResponse(
        new fetchAPI.Response(JSON.stringify({ at: new Date().toISOString(), subgraphs }), {
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
