/**
 * GraphQL over HTTP conformance: graphql-http's server audits (61 of them: media types, methods,
 * status codes, parameters) against our gateway, with its default planner and with Hive's Rust
 * planner, and against every subgraph called directly, signed in. Every audit must be `ok`: no
 * error, and no warning or notice either, but for the GETs refused as cross-site request forgery.
 */
import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphNames } from '../../schema/src/index.js';
import { SUBGRAPHS, startFederation, type Federation } from '../support/federation.js';
import { SUPERVISOR, headersFor } from '../support/callers.js';

let federation: Federation;

beforeAll(async () => {
  // The servers audited: both Hive planners and every subgraph (not @apollo/gateway).
  federation = await startFederation({ demoCases: 10, services: [...SUBGRAPHS, 'gateway', 'rustGateway'] });
});

afterAll(async () => {
  await federation?.stop();
});

/**
 * Runs every audit against one server, one at a time (the machine has two cores), signed in as a
 * supervisor: the audits ask for `__type`, which the public is not served.
 */
async function audit(url: string): Promise<AuditResult[]> {
  const signed = await headersFor(SUPERVISOR);
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(signed)) headers.set(name, value);
    return fetch(input, { ...init, headers });
  };
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url, fetchFn })) results.push(await fn());
  return results;
}

/**
 * What the servers refuse on purpose (docs/security.md): a GET without a header that a cross-site
 * page cannot send (CSRF prevention). graphql-http counts accepting such GETs a "MAY" (a notice).
 */
const CSRF_REFUSED_GETS = new Set(['5A70', 'D6D5', '6A70']);
const refusedOnPurpose = (result: AuditResult) =>
  result.status === 'notice' && CSRF_REFUSED_GETS.has(result.id) && [400, 403].includes(result.response.status);

/** A failed audit, readable in a test failure: its id, name, status, reason and the response's status. */
function describeFailure(result: AuditResult): string | null {
  if (result.status === 'ok' || refusedOnPurpose(result)) return null;
  return `${result.id} ${result.status}: ${result.name} (${result.reason}; HTTP ${result.response.status})`;
}

/** Every server a client can reach: the gateway (its default planner, and the Rust one), and each subgraph. */
const targets = ['gateway', 'gateway (GATEWAY_PLANNER=rust)', ...subgraphNames];
function urlOf(target: string): string {
  if (target === targets[0]) return federation.gateway.url;
  if (target === targets[1]) return federation.rustGateway.url;
  return federation.urls[target]!;
}

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  it.each(targets)('every audit is ok on %s', async (target) => {
    const results = await audit(urlOf(target));
    const counts: Record<string, number> = {};
    for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
    console.log(`graphql-http audits on ${target}: ${JSON.stringify(counts)}`);
    expect(results.length).toBeGreaterThanOrEqual(60);
    expect(results.map(describeFailure).filter(Boolean)).toEqual([]);
  });
});

describe('parameters that are not JSON', () => {
  const gateways = ['gateway', 'gateway (GATEWAY_PLANNER=rust)'];
  it.each(gateways)(
    'a GET or a form post with broken variables or extensions is a 400 BAD_REQUEST on %s',
    async (target) => {
      const url = urlOf(target);
      const csrf = { 'x-graphql-csrf': '1' };
      const requests: [string, RequestInit][] = [
        [`${url}?query=%7B__typename%7D&variables=%7Bbad`, { headers: csrf }],
        [`${url}?query=%7B__typename%7D&extensions=%5B`, { headers: csrf }],
        [
          url,
          {
            method: 'POST',
            headers: { ...csrf, 'content-type': 'application/x-www-form-urlencoded' },
            body: 'query={__typename}&variables={bad',
          },
        ],
      ];
      for (const [address, init] of requests) {
        const response = await fetch(address, init);
        const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
        expect({ status: response.status, code: body.errors?.[0]?.extensions?.code }, address).toEqual({
          status: 400,
          code: 'BAD_REQUEST',
        });
        expect(body.errors![0]!.message).toMatch(/not valid JSON/);
      }
    },
  );
});

describe('request IDs', () => {
  const ask = (headers: Record<string, string>) =>
    fetch(federation.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"query": "{ __typename }"}',
    });

  it("the gateway answers with the caller's request ID, or one it made, by which the logs are searched", async () => {
    expect((await ask({ 'x-request-id': 'audit-7' })).headers.get('x-request-id')).toBe('audit-7');
    expect((await ask({})).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Something that is not an ID (too long for a log line) is replaced, not echoed.
    expect((await ask({ 'x-request-id': 'x'.repeat(300) })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
