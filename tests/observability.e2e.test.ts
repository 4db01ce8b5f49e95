/**
 * What operators read off every service: /livez, /readyz and Prometheus /metrics. The figures are
 * scraped before and after real requests through the gateway, and must move where the requests
 * went: the gateway's requests and its calls to the hub, the hub's calls to each department,
 * each department's database statements, the center's feed lag and overdue follow-ups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../schema/src/index.js';
import { SUPERVISOR, headersFor } from './support/callers.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';
import { query } from './support/graphql.js';
import { findItem, submitCase, throughHub } from './support/cases.js';

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ services: [...SUBGRAPHS, 'gateway'] });
});
afterAll(async () => {
  await federation?.stop();
});

/** A service's base URL from its GraphQL endpoint. */
const baseOf = (url: string) => url.replace(/\/graphql$/, '');

/** Prometheus text: every sample line as its name with labels, and its value. */
async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(`${baseOf(url)}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** The sum of the samples whose name and labels contain every given part. */
const total = (samples: Map<string, number>, ...parts: string[]) =>
  [...samples].filter(([key]) => parts.every((part) => key.includes(part))).reduce((sum, [, value]) => sum + value, 0);

describe('operators can see every service', () => {
  it('answers /livez and /readyz on the gateway and every subgraph', async () => {
    for (const url of [federation.gateway.url, ...SUBGRAPHS.map((name) => federation.urls[name]!)]) {
      const live = await fetch(`${baseOf(url)}/livez`);
      expect(live.status, url).toBe(200);
      const ready = await fetch(`${baseOf(url)}/readyz`);
      expect(ready.status, url).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
    }
  });

  it('moves the request, call and database figures where requests went', async () => {
    const gatewayBefore = await scrape(federation.gateway.url);
    const hubBefore = await scrape(federation.urls.hub!);
    const headers = await headersFor(SUPERVISOR);
    for (let i = 0; i < 3; i += 1) {
      await query(
        federation.gateway.url,
        '{ cases(first: 5) { totalCount edges { node { id number } } } }',
        {},
        headers,
      );
    }
    const gatewayAfter = await scrape(federation.gateway.url);
    const hubAfter = await scrape(federation.urls.hub!);

    const requests = (samples: Map<string, number>, service: string) =>
      total(samples, 'onewindow_http_requests_total{', `service="${service}"`);
    expect(requests(gatewayAfter, 'gateway') - requests(gatewayBefore, 'gateway')).toBeGreaterThanOrEqual(3);
    expect(requests(hubAfter, 'hub') - requests(hubBefore, 'hub')).toBeGreaterThanOrEqual(3);
    const durationCount = (samples: Map<string, number>, service: string) =>
      total(samples, 'onewindow_http_request_duration_seconds_count', `service="${service}"`);
    expect(durationCount(gatewayAfter, 'gateway') - durationCount(gatewayBefore, 'gateway')).toBeGreaterThanOrEqual(3);

    // The gateway's calls to the hub, and the hub's to every department, each timed.
    const calls = (samples: Map<string, number>, service: string, target: string) =>
      total(samples, 'onewindow_subgraph_call_duration_seconds_count', `service="${service}"`, `target="${target}"`);
    expect(calls(gatewayAfter, 'gateway', 'hub') - calls(gatewayBefore, 'gateway', 'hub')).toBeGreaterThanOrEqual(3);
    for (const d of departments) {
      expect(calls(hubAfter, 'hub', d.code) - calls(hubBefore, 'hub', d.code), d.code).toBeGreaterThanOrEqual(3);
      // Each department's statements, timed, by kind.
      const statements = total(
        hubAfter,
        'onewindow_database_statement_duration_seconds_count',
        `service="${d.code}"`,
        'statement="SELECT"',
      );
      expect(statements, d.code).toBeGreaterThan(0);
    }
    // The process's own figures (CPU, memory, event loop).
    expect(total(gatewayAfter, 'onewindow_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it("shows the center's feed lag per department and its overdue follow-ups", async () => {
    // A case taken now is a new event in market's feed; the center reads it and times the lag.
    const before = total(
      await scrape(federation.urls.center!),
      'onewindow_feed_lag_seconds_count{department="market"}',
    );
    const item = await findItem(throughHub(federation.gateway.url), { department: 'market', kind: 'PROMISED' });
    await submitCase(throughHub(federation.gateway.url), { item });
    await federation.center.followFeedsNow();
    const center = await scrape(federation.urls.center!);
    expect(total(center, 'onewindow_feed_lag_seconds_count{department="market"}') - before).toBeGreaterThanOrEqual(1);
    // Overdue follow-ups: one line per department and one for the center's own windows, read at the scrape.
    const gauges = [...center.keys()].filter((key) => key.startsWith('onewindow_follow_ups_overdue{'));
    expect(gauges.map((key) => /department="(\w+)"/.exec(key)?.[1]).sort()).toEqual(
      [...departments.map((d) => d.code), 'center'].sort(),
    );
  });
});
