/**
 * One cross-department query, traced end to end: every service runs as its own process and
 * exports its spans to a file (OTEL_TRACES_FILE), as it would to a collector. The trace the client
 * started (its `traceparent`) must continue through the gateway, the hub and every department,
 * each span the child of the call that caused it, and the services' log lines carry its ID.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, urlVariable } from '../schema/src/index.js';
import { SUPERVISOR, headersFor } from './support/callers.js';
import { startServiceProcess, type ServiceProcess } from './support/processes.js';
import { freePorts } from './support/ports.js';

interface SpanLine {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  service: string;
}

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-tracing-'));
const processes = new Map<string, ServiceProcess>();
const spansOf = (service: string): SpanLine[] => {
  const file = join(dataDir, `${service}.spans.jsonl`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SpanLine);
};
let gatewayUrl: string;

beforeAll(async () => {
  const codes = departments.map((d) => d.code);
  const ports = await freePorts(codes.length + 3);
  const names = [...codes, 'hub', 'center'];
  const urls = Object.fromEntries(names.map((name, i) => [name, `http://127.0.0.1:${ports[i]}/graphql`]));
  const env = (service: string) => ({
    DATA_DIR: dataDir,
    DEMO_CASES: '30',
    OTEL_TRACES_FILE: join(dataDir, `${service}.spans.jsonl`),
    ...Object.fromEntries(Object.entries(urls).map(([name, url]) => [urlVariable(name), url])),
  });
  // Each kept as soon as it runs: if another fails to start, afterAll still stops it.
  await Promise.all(
    names.map(async (name, i) => {
      const settings = { ...env(name), PORT: String(ports[i]), ...(name === 'hub' ? { LOG_LEVEL: 'debug' } : {}) };
      processes.set(name, await startServiceProcess(name, settings, 120_000));
    }),
  );
  const gateway = await startServiceProcess('gateway', { ...env('gateway'), PORT: String(ports[names.length]) });
  processes.set('gateway', gateway);
  gatewayUrl = gateway.url;
}, 240_000);

afterAll(async () => {
  await Promise.all([...processes.values()].map((p) => p.kill()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a trace across the federation', () => {
  it("follows one query from the client's traceparent through the gateway, the hub and every department", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const clientSpan = '00f067aa0ba902b7';
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${clientSpan}-01`,
        ...(await headersFor(SUPERVISOR)),
      },
      body: JSON.stringify({ query: '{ cases(first: 5) { totalCount edges { node { id number } } } }' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

    // Spans are written as they end; the departments answer before the hub, the hub before the gateway.
    await expect.poll(() => spansOf('gateway').some((s) => s.traceId === traceId && s.kind === 'SERVER')).toBe(true);
    const inTrace = (service: string) => spansOf(service).filter((s) => s.traceId === traceId);

    const gatewayServer = inTrace('gateway').find((s) => s.kind === 'SERVER')!;
    expect(gatewayServer.parentSpanId).toBe(clientSpan);
    expect(gatewayServer.service).toBe('gateway');
    const callHub = inTrace('gateway').find((s) => s.kind === 'CLIENT' && s.name === 'call hub');
    expect(callHub?.parentSpanId).toBe(gatewayServer.spanId);

    const hubServer = inTrace('hub').find((s) => s.kind === 'SERVER');
    expect(hubServer?.parentSpanId).toBe(callHub!.spanId);
    for (const d of departments) {
      const call = inTrace('hub').find((s) => s.kind === 'CLIENT' && s.name === `call ${d.code}`);
      expect(call, d.code).toBeDefined();
      const served = inTrace(d.code).find((s) => s.kind === 'SERVER');
      expect(served?.parentSpanId, d.code).toBe(call!.spanId);
      expect(served?.service).toBe(d.code);
    }
    // The hub's log line for the request names the trace.
    const hubLogs = processes.get('hub')!.logs;
    expect(hubLogs.some((line) => line.traceId === traceId)).toBe(true);
  });
});
