/**
 * Operation limits (docs/security.md, "Operation limits"): through the gateway, every operation
 * shaped to exhaust the hub (too deep, too many aliases or root fields, too costly, too big, a
 * batch, a cross-site GET, introspection by the public, too many requests) is refused with its
 * code before any department works on it, and the gateway answers the next valid request. A
 * department and the hub called directly refuse a deep query and an alias bomb themselves.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/src/server.js';
import { SUBGRAPHS, startFederation, type Federation } from '../support/federation.js';
import { departments, urlVariable } from '../../schema/src/index.js';
import { asInternal, asUser } from '../support/identity.js';
import { expectAnswered, expectRefused, postGraphQL, send, type Answer } from '../support/security-requests.js';
import { NESTED_PAGES, aliasBomb, applicantLoop, applicantLoopDepth, typeChain } from '../support/security-queries.js';
import { auditRecordOf, gatewayAuditRecords, tracedRequest } from '../support/security-audit.js';

/**
 * The gateway's default limits (gateway/src/env.ts, docs/security.md "Operation limits"), which
 * this file runs under; the rate limits are tested on a second gateway with small ones.
 */
const LIMITS = { MAX_DEPTH: 12, MAX_ALIASES: 50, MAX_ROOT_FIELDS: 15, MAX_COST: 10_000 } as const;

let federation: Federation;
let gateway: string;

const SUPERVISOR = { role: 'supervisor' } as const;
const ANALYST = { role: 'analyst' } as const;
/** A query every caller may run, to show the gateway kept serving. */
const CATALOG = '{ housing { department { code } items(first: 1) { totalCount } } }';

beforeAll(async () => {
  federation = await startFederation({
    services: [...SUBGRAPHS, 'gateway'],
    demoCases: 6,
    // Nothing in the background touches a department's database while a test counts its statements.
    env: { CALENDAR_POLL_MS: '3600000', DEEMED_ACCEPTANCE_SWEEP_MS: '3600000' },
  });
  gateway = federation.gateway.url;
});

afterAll(async () => {
  await federation?.stop();
});

/** The gateway answers a valid request: it kept serving. */
async function expectServing(headers: Record<string, string> = {}): Promise<void> {
  expectAnswered(await postGraphQL(gateway, CATALOG, headers));
}

const CODES = departments.map((d) => d.code);
const statements = () => CODES.map((code) => federation.statements(code));

/** The departments' statement counts once they stop moving (a write or an audit record may still be landing). */
async function settledStatements(): Promise<number[]> {
  let last = statements();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = statements();
    if (now.every((count, i) => count === last[i])) return now;
    last = now;
  }
}

/**
 * Runs `request` and checks that no department ran a single SQL statement for it: the refusal
 * came before any work. The center reads every department's feed once a minute; a count that
 * moved is measured again (twice at most), so only a request that works every time fails.
 */
async function withoutDepartmentWork(request: () => Promise<Answer>): Promise<Answer> {
  for (let attempt = 1; ; attempt += 1) {
    const before = await settledStatements();
    const answer = await request();
    const after = await settledStatements();
    if (after.every((count, i) => count === before[i]) || attempt === 3) {
      expect(after, 'SQL statements ran for a refused request').toEqual(before);
      return answer;
    }
  }
}

describe('operation shape, through the gateway', () => {
  it('an operation nested within the limit runs (the control)', async () => {
    expect(applicantLoopDepth(2)).toBeLessThanOrEqual(LIMITS.MAX_DEPTH);
    expectAnswered(await postGraphQL(gateway, applicantLoop(2), await asUser(SUPERVISOR)));
  });

  it('an operation nested too deep is refused before it runs', async () => {
    const loops = 3;
    expect(applicantLoopDepth(loops)).toBeGreaterThan(LIMITS.MAX_DEPTH);
    const answer = await withoutDepartmentWork(async () =>
      postGraphQL(gateway, applicantLoop(loops), await asUser(SUPERVISOR)),
    );
    expectRefused(answer, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors?.[0]?.message).toMatch(new RegExp(`nested ${applicantLoopDepth(loops)} fields deep`));
    await expectServing();
  });

  it('an alias bomb is refused before it runs', async () => {
    const answer = await withoutDepartmentWork(() => postGraphQL(gateway, aliasBomb(LIMITS.MAX_ALIASES + 1)));
    expectRefused(answer, 'GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(answer.body.errors)).toMatch(/aliases/);
    await expectServing();
  });

  it('the nested page query (500 × 500 × 500 cases) is refused before it runs', async () => {
    const answer = await withoutDepartmentWork(async () =>
      postGraphQL(gateway, NESTED_PAGES, await asUser(SUPERVISOR)),
    );
    expectRefused(answer, 'COST_ESTIMATED_TOO_EXPENSIVE');
    const cost = answer.body.errors?.[0]?.extensions?.cost as { estimated: number };
    expect(cost.estimated).toBeGreaterThan(500 * 500);
    await expectServing();
  });

  it('a cost bomb (one list page with lists inside, too many objects) is refused before it runs', async () => {
    // 1 + 500 edges + 500 nodes + 500 × 10 events + 500 items + 500 × 10 materials + 500 departments = 12,001.
    const bomb =
      '{ cases(first: 500) { edges { node { id events { action at } ' +
      'item { materials { name } } department { code } } } } }';
    const answer = await withoutDepartmentWork(async () => postGraphQL(gateway, bomb, await asUser(SUPERVISOR)));
    expectRefused(answer, 'COST_ESTIMATED_TOO_EXPENSIVE');
    const cost = answer.body.errors?.[0]?.extensions?.cost as { estimated: number; max: number };
    expect(cost.max).toBe(LIMITS.MAX_COST);
    expect(cost.estimated).toBeGreaterThan(LIMITS.MAX_COST);
    await expectServing();
  });

  it('too many root fields are refused before they run', async () => {
    // Root fields that each ask every department: one more than the limit, and no more aliases than allowed.
    const roots = Array.from({ length: LIMITS.MAX_ROOT_FIELDS + 1 }, (_, i) => `r${i}: departments { code }`);
    expect(roots.length).toBeLessThanOrEqual(LIMITS.MAX_ALIASES);
    const answer = await withoutDepartmentWork(async () =>
      postGraphQL(gateway, `{ ${roots.join(' ')} }`, await asUser(SUPERVISOR)),
    );
    expectRefused(answer, 'GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(answer.body.errors)).toMatch(/root fields/);
    await expectServing();
  });

  const manyTokens = JSON.stringify({ query: `{ departments { ${'code '.repeat(10_001)}} }` });

  it('a document of more than 10,000 tokens is 400 GRAPHQL_PARSE_FAILED (graphql-response+json)', async () => {
    const answer = await withoutDepartmentWork(() =>
      send(gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: manyTokens,
      }),
    );
    expectRefused(answer, 'GRAPHQL_PARSE_FAILED', 400);
    expect(JSON.stringify(answer.body.errors)).toMatch(/10000 tokens/);
    await expectServing();
  });

  // docs/security.md gives 400 for this limit without a condition; for a client that accepts
  // application/json the gateway answers 200, as for every document error (GraphQL over HTTP).
  it('… and 200 GRAPHQL_PARSE_FAILED for application/json (docs/security.md: 400; reported)', async () => {
    const answer = await send(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: manyTokens,
    });
    expectRefused(answer, 'GRAPHQL_PARSE_FAILED', 200);
  });
});

/** A multipart GraphQL request (the upload format), which a page of another site can post. */
function multipart(): FormData {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: CATALOG }));
  form.append('map', '{}');
  return form;
}

describe('requests, through the gateway', () => {
  const huge = () => JSON.stringify({ query: CATALOG, variables: { filler: 'x'.repeat(2 * 1024 * 1024) } });

  it('a 2 MB body that declares its length is 413', async () => {
    const answer = await send(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge(),
    });
    expectRefused(answer, 'BAD_REQUEST', 413);
    await expectServing();
  });

  it('a 2 MB body sent in chunks without a length is 413', async () => {
    const bytes = new TextEncoder().encode(huge());
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' };
    const answer = await send(gateway, init as RequestInit);
    expectRefused(answer, 'BAD_REQUEST', 413);
    await expectServing();
  });

  it('a body that trickles in is cut off with 408 within a minute, at the gateway and at a department', async () => {
    // One byte of a declared hundred, then nothing: Node's default would hold the connection 300 s.
    const trickle = (url: string) =>
      new Promise<{ status: string; ms: number }>((resolve, reject) => {
        const { hostname, port, pathname } = new URL(url);
        const started = Date.now();
        let answer = '';
        const socket = connect(Number(port), hostname, () => {
          socket.write(`POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n`);
          socket.write('Content-Length: 100\r\n\r\n{');
        });
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('error', reject);
        socket.on('close', () => resolve({ status: answer.split('\r\n')[0] ?? '', ms: Date.now() - started }));
      });
    const cut = await Promise.all([trickle(gateway), trickle(federation.urls.housing!)]);
    for (const { status, ms } of cut) {
      expect(status).toBe('HTTP/1.1 408 Request Timeout');
      expect(ms).toBeLessThan(65_000);
    }
    await expectServing();
  }, 80_000);

  it('an encoded body (gzip, br) is 415, whether or not it really is encoded; identity is no encoding', async () => {
    const body = JSON.stringify({ query: CATALOG });
    for (const [encoding, sent] of [
      ['gzip', gzipSync(body)],
      ['gzip', body],
      ['br', body],
    ] as const) {
      const headers = { 'content-type': 'application/json', 'content-encoding': encoding };
      const answer = await send(gateway, { method: 'POST', headers, body: sent });
      expectRefused(answer, 'BAD_REQUEST', 415);
    }
    const plain = await send(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
      body,
    });
    expect(plain.status).toBe(200);
    await expectServing();
  });

  it('a batch (an array of operations) is refused', async () => {
    const batch = JSON.stringify(Array.from({ length: 50 }, () => ({ query: CATALOG })));
    const answer = await withoutDepartmentWork(() =>
      send(gateway, { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch }),
    );
    expectRefused(answer, 'BAD_REQUEST', 400);
    await expectServing();
  });

  it('a GET, a form post or a text/plain post without a CSRF header is 403, with one it runs', async () => {
    const get = `${gateway}?query=${encodeURIComponent(CATALOG)}`;
    const simpleRequests: [string, RequestInit][] = [
      [get, { headers: { accept: 'application/json' } }],
      [
        gateway,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `query=${encodeURIComponent(CATALOG)}`,
        },
      ],
      [
        gateway,
        { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: CATALOG }) },
      ],
      [gateway, { method: 'POST', body: multipart() }],
    ];
    for (const [url, init] of simpleRequests) {
      const answer = await withoutDepartmentWork(() => send(url, init));
      expectRefused(answer, 'FORBIDDEN', 403);
    }
    for (const header of ['x-graphql-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'])
      expectAnswered(await send(get, { headers: { accept: 'application/json', [header]: '1' } }));
    await expectServing();
  });

  it('a page of another site gets no CORS permission (none is configured)', async () => {
    const answer = await send(gateway, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('introspection is refused to the public and allowed to a signed-in analyst', async () => {
    for (const introspection of [
      '{ __schema { queryType { name } types { name } } }',
      '{ __type(name: "Query") { name } }',
    ]) {
      const refused = await withoutDepartmentWork(() => postGraphQL(gateway, introspection));
      expectRefused(refused, 'GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(refused.body.errors)).toMatch(/introspection/i);
    }
    const allowed = await postGraphQL(gateway, '{ __schema { queryType { name } } }', await asUser(ANALYST));
    expect(expectAnswered(allowed)).toEqual({ __schema: { queryType: { name: 'Query' } } });
    await expectServing();
  });

  it('GraphiQL is served (outside production unless GRAPHIQL=false)', async () => {
    const page = await send(gateway, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('the gateway’s audit trail records every refusal (docs/security.md, "Audit trail")', () => {
  it('who asked, the code, outcome error and no subgraph reached, for each limit', async () => {
    const supervisor = await asUser(SUPERVISOR);
    const refusals: [string, (headers: Record<string, string>) => Promise<Answer>, string, string][] = [
      [
        'deep',
        (h) => postGraphQL(gateway, applicantLoop(3), { ...supervisor, ...h }),
        'supervisor',
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'aliases',
        (h) => postGraphQL(gateway, aliasBomb(LIMITS.MAX_ALIASES + 1), h),
        'public',
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'cost',
        (h) => postGraphQL(gateway, NESTED_PAGES, { ...supervisor, ...h }),
        'supervisor',
        'COST_ESTIMATED_TOO_EXPENSIVE',
      ],
      [
        'introspection',
        (h) => postGraphQL(gateway, '{ __schema { queryType { name } } }', h),
        'public',
        'GRAPHQL_VALIDATION_FAILED',
      ],
    ];
    for (const [label, request, role, code] of refusals) {
      const traced = tracedRequest(label);
      await request(traced.headers);
      const record = await auditRecordOf(federation.gateway.baseUrl, traced.requestId);
      expect(record, label).toMatchObject({
        role,
        detail: { outcome: 'error', subgraphs: [], ip: '127.0.0.1' },
      });
      expect(record?.detail.codes, label).toContain(code);
      expect(record?.detail.documentHash, label).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  // "who: … and the client's address": a request refused before anyone is known (a CSRF
  // refusal) is recorded as the public, with the address it came from.
  it('a CSRF refusal is recorded as the public with FORBIDDEN and the client’s address', async () => {
    const traced = tracedRequest('csrf');
    await send(`${gateway}?query=${encodeURIComponent(CATALOG)}`, {
      headers: { accept: 'application/json', ...traced.headers },
    });
    const record = await auditRecordOf(federation.gateway.baseUrl, traced.requestId);
    expect(record).toMatchObject({ role: 'public', detail: { outcome: 'error', codes: ['FORBIDDEN'], subgraphs: [] } });
    expect(record?.detail.ip).toBe('127.0.0.1');
  });

  // A body over 1 MB is refused before it is read as an operation (docs/security.md), and leaves no record.
  it('a 2 MB body leaves no record: it never became an operation', async () => {
    const traced = tracedRequest('huge');
    const answer = await send(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...traced.headers },
      body: JSON.stringify({ query: CATALOG, variables: { filler: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(answer.status).toBe(413);
    expect(await auditRecordOf(federation.gateway.baseUrl, traced.requestId)).toBeUndefined();
  });
});

/**
 * A second gateway over the same subgraphs with small rate limits, a listed browser origin and
 * analysts held to the trusted documents: its counts are its own, so the rest of the file is not
 * slowed by them.
 */
describe('a gateway with small rate limits, a CORS origin, trusted documents only for analysts, no GraphiQL', () => {
  const PER_MINUTE = 5;
  const ORIGIN = 'https://dashboard.county.example';
  let strict: RunningGateway;
  let strictDir: string;

  beforeAll(async () => {
    strictDir = mkdtempSync(join(tmpdir(), 'onewindow-strict-gateway-'));
    const { startGateway } = await import('../../gateway/src/server.js');
    strict = await startGateway({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: strictDir,
      ...Object.fromEntries(Object.entries(federation.urls).map(([name, url]) => [urlVariable(name), url])),
      RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
      RATE_LIMIT_PUBLIC_PER_MINUTE: String(PER_MINUTE),
      CORS_ORIGINS: ORIGIN,
      PERSISTED_ONLY_ROLES: 'analyst',
      GRAPHIQL: 'false',
    });
  });

  afterAll(async () => {
    await strict?.stop();
    if (strictDir) rmSync(strictDir, { recursive: true, force: true });
  });

  it('a signed-in caller past the limit gets 429 RATE_LIMITED with Retry-After; another caller does not', async () => {
    const caller = await asUser({ role: 'supervisor', sub: 'supervisor-rate-1' });
    for (let i = 0; i < PER_MINUTE; i += 1) expectAnswered(await postGraphQL(strict.url, CATALOG, caller));
    const over = await withoutDepartmentWork(() => postGraphQL(strict.url, CATALOG, caller));
    expectRefused(over, 'RATE_LIMITED', 429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Per caller, not per address: another signed-in caller from the same address is served.
    expectAnswered(
      await postGraphQL(strict.url, CATALOG, await asUser({ role: 'supervisor', sub: 'supervisor-rate-2' })),
    );
    // And the limit is this gateway's: the other one serves the same caller.
    expectAnswered(await postGraphQL(gateway, CATALOG, caller));
  });

  it('the public past its limit from one address is 429 RATE_LIMITED, whatever X-Forwarded-For says', async () => {
    for (let i = 0; i < PER_MINUTE; i += 1)
      expectAnswered(await postGraphQL(strict.url, CATALOG, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    const over = await postGraphQL(strict.url, CATALOG, { 'x-forwarded-for': '203.0.113.200' });
    expectRefused(over, 'RATE_LIMITED', 429);
    expectAnswered(
      await postGraphQL(strict.url, CATALOG, await asUser({ role: 'supervisor', sub: 'supervisor-rate-3' })),
    );
  });

  it('a listed origin may call from a browser (CORS), another may not', async () => {
    const preflight = (origin: string) =>
      send(strict.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    expect((await preflight(ORIGIN)).headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const other = (await preflight('https://evil.example')).headers.get('access-control-allow-origin');
    expect(other === null || other === ORIGIN, `allowed ${other}`).toBe(true);
  });

  it('an analyst may run only the trusted documents, by their ID', async () => {
    const analyst = await asUser({ role: 'analyst', sub: 'analyst-persisted' });
    const refused = await postGraphQL(strict.url, '{ departments { code } }', analyst);
    expectRefused(refused, 'PERSISTED_QUERY_ONLY', 403);
    const overview = readFileSync(
      new URL('../../gateway/trusted-documents/department-overview.graphql', import.meta.url),
    );
    const documentId = createHash('sha256').update(overview).digest('hex');
    const run = (id: string) =>
      send(strict.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...analyst },
        body: JSON.stringify({ documentId: id }),
      });
    const answered = await run(documentId);
    expect(answered.status, answered.text.slice(0, 300)).toBe(200);
    expect(answered.body.data?.departments).toBeTruthy();
    expectRefused(await run('0'.repeat(64)), 'PERSISTED_QUERY_NOT_FOUND', 400);
  });

  it('serves no GraphiQL with GRAPHIQL=false', async () => {
    const page = await send(strict.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(page.text).not.toMatch(/graphiql/i);
  });

  it('records its refusals in its own audit trail: the rate limit and the trusted documents', async () => {
    const limited = tracedRequest('rate-limited');
    const caller = { role: 'supervisor', sub: 'supervisor-rate-audit' } as const;
    for (let i = 0; i <= PER_MINUTE; i += 1)
      await postGraphQL(strict.url, CATALOG, { ...(await asUser(caller)), ...limited.headers });
    const persisted = tracedRequest('persisted-only');
    await postGraphQL(strict.url, CATALOG, {
      ...(await asUser({ role: 'analyst', sub: 'analyst-audit' })),
      ...persisted.headers,
    });
    // The records come in batches: once the last request's is there, so are the others'.
    const persistedRecord = await auditRecordOf(strict.baseUrl, persisted.requestId);
    const records = await gatewayAuditRecords(strict.baseUrl);
    const byId = (id: string) => records.filter((record) => record.detail.requestId === id);
    expect(byId(limited.requestId).map((record) => record.detail.codes ?? [])).toContainEqual(['RATE_LIMITED']);
    expect(persistedRecord).toMatchObject({
      role: 'analyst',
      actor: 'analyst-audit',
      detail: { outcome: 'error', codes: ['PERSISTED_QUERY_ONLY'], subgraphs: [] },
    });
  });
});

describe('a subgraph called directly applies its own limits', () => {
  const targets = [
    ['housing', aliasBomb(300)],
    ['hub', aliasBomb(300, 'departments { code }', (inner) => `{ ${inner} }`)],
    ['center', aliasBomb(300, 'calendarWarnings', (inner) => `{ ${inner} }`)],
  ] as const;

  it.each(targets)(
    '%s refuses a deep query, an alias bomb and 10,000 tokens, and keeps serving',
    async (target, bomb) => {
      const url = federation.urls[target]!;
      const headers = await asInternal(SUPERVISOR);
      const deep = await postGraphQL(url, typeChain(40), headers);
      expectRefused(deep, 'GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(deep.body.errors)).toMatch(/deep/);
      const aliased = await postGraphQL(url, bomb, headers);
      expectRefused(aliased, 'GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(aliased.body.errors)).toMatch(/aliases/);
      const tokens = await postGraphQL(url, `{ __typename ${'__typename '.repeat(10_001)}}`, headers);
      expectRefused(tokens, 'GRAPHQL_PARSE_FAILED');
      const fine =
        target === 'housing' ? CATALOG : target === 'hub' ? '{ departments { code } }' : '{ calendarWarnings }';
      expectAnswered(await postGraphQL(url, fine, headers));
    },
  );
});
