import type { GatewayConfigContext, GatewayPlugin } from '@graphql-hive/gateway-runtime';

export interface SubgraphHealthPluginOptions {
  /**
   * The path answered (GET only). The runtime's own `/healthcheck` says only that the gateway
   * is up, and `/readiness` that it has a schema; this one asks the subgraphs.
   *
   * @default '/health'
   */
  endpoint?: string;
  /** Every subgraph to ask, its URL by name; the report names those that do not answer. */
  subgraphUrls: Record<string, string>;
  /** How long to wait for each subgraph, in milliseconds. */
  timeoutMs: number;
  /**
   * The fetch the probes are sent with: the gateway's own (`fetch` of the plugins' config
   * context), so they reach the subgraphs the way its queries do.
   */
  fetch: GatewayConfigContext['fetch'];
}

/** The outcome of asking every subgraph whether it answers. */
interface HealthReport {
  healthy: boolean;
  /** Subgraphs that did not answer `{ __typename }` in time. */
  missing: string[];
  /** Subgraphs that answer but whose process says their database is out of reach. */
  databaseUnreachable: string[];
}

type Fetch = SubgraphHealthPluginOptions['fetch'];

/** One subgraph's answer to the probe: whether it answered `{ __typename }` in time, and how long it took. */
export interface SubgraphProbe {
  name: string;
  up: boolean;
  /** Milliseconds until it answered, or until the probe gave up. */
  ms: number;
  /**
   * Whether its database answers, as its process's `/readyz` says: `ok`, `unreachable`, or null
   * when the process says nothing of it (not ready, not ours, or no answer in time).
   */
  database: 'ok' | 'unreachable' | null;
}

/** Whether a subgraph answers `{ __typename }` in time; any failure (refused, timed out, not JSON) is a no. */
async function answers(fetch: Fetch, url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: { __typename?: string } };
    return response.ok && body.data?.__typename === 'Query';
  } catch {
    return false;
  }
}

/**
 * What the subgraph's process says of its database: `/readyz` beside the GraphQL path names each
 * subgraph it serves (a department host serves several) and `database unreachable` for one whose
 * database does not answer (observability/probes.ts).
 */
async function databaseOf(
  fetch: Fetch,
  name: string,
  url: string,
  timeoutMs: number,
): Promise<SubgraphProbe['database']> {
  try {
    const response = await fetch(new URL('/readyz', url).toString(), { signal: AbortSignal.timeout(timeoutMs) });
    const state = ((await response.json()) as { services?: Record<string, unknown> }).services?.[name];
    if (state === 'database unreachable') return 'unreachable';
    return state === 'ready' ? 'ok' : null;
  } catch {
    return null;
  }
}

/** Asks every subgraph at once, timing each. Never rejects. */
export async function probeSubgraphs({
  subgraphUrls,
  timeoutMs,
  fetch,
}: Pick<SubgraphHealthPluginOptions, 'subgraphUrls' | 'timeoutMs' | 'fetch'>): Promise<SubgraphProbe[]> {
  return Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      const timedAnswer = async () => {
        const started = performance.now();
        const up = await answers(fetch, url, timeoutMs);
        return { up, ms: Math.round((performance.now() - started) * 10) / 10 };
      };
      const [{ up, ms }, database] = await Promise.all([timedAnswer(), databaseOf(fetch, name, url, timeoutMs)]);
      return { name, up, ms, database };
    }),
  );
}

/** Asks every subgraph at once; healthy only when all of them answer, each with its database. Never rejects. */
async function checkSubgraphs(options: SubgraphHealthPluginOptions): Promise<HealthReport> {
  const probes = await probeSubgraphs(options);
  const missing = probes.filter((probe) => !probe.up).map((probe) => probe.name);
  const databaseUnreachable = probes
    .filter((probe) => probe.up && probe.database === 'unreachable')
    .map((probe) => probe.name);
  return { healthy: missing.length === 0 && databaseUnreachable.length === 0, missing, databaseUnreachable };
}

/**
 * Serves the gateway's health check: `GET /health` answers 200
 * `{"status":"ok","missing":[],"databaseUnreachable":[]}` when every subgraph answers with its
 * database, and 503 `{"status":"degraded",…}` naming those that don't (`npm start` waits for it
 * before printing the URLs). The GraphQL endpoint keeps answering either way, with the missing
 * departments' data left out.
 */
export function useSubgraphHealth(options: SubgraphHealthPluginOptions): GatewayPlugin {
  const endpoint = options.endpoint ?? '/health';
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== endpoint) return;
      const report = await checkSubgraphs(options);
      const { missing, databaseUnreachable } = report;
      const body = JSON.stringify({ status: report.healthy ? 'ok' : 'degraded', missing, databaseUnreachable });
      endResponse(
        new fetchAPI.Response(body, {
          status: report.healthy ? 200 : 503,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}
