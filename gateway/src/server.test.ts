import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentKeys, readAnchor, readAuditRecords, verifyChain } from '@onewindow/runtime';
import { asUser } from '../../tests/support/identity.js';
import { loadGatewayEnv } from './env.js';
import { startGateway, type RunningGateway } from './server.js';

/**
 * The gateway's own policies, which need no subgraph: `{ __typename }` and introspection are
 * answered by the gateway itself (every subgraph URL points where nothing listens).
 */
const dirs = [mkdtempSync(join(tmpdir(), 'gateway-a-')), mkdtempSync(join(tmpdir(), 'gateway-b-'))] as const;
const env = (dataDir: string, extra: Record<string, string> = {}) => ({
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
  DATA_DIR: dataDir,
  ...Object.fromEntries(
    ['HUB', 'CENTER', 'MARKET', 'HOUSING', 'NATRES', 'ENV', 'TAX'].map((n) => [
      `${n}_URL`,
      'http://127.0.0.1:9/graphql',
    ]),
  ),
  ...extra,
});
const DASHBOARD = 'https://dashboard.county.example';
let plain: RunningGateway;
let strict: RunningGateway;

beforeAll(async () => {
  [plain, strict] = await Promise.all([
    startGateway(env(dirs[0])),
    startGateway(
      env(dirs[1], {
        CORS_ORIGINS: DASHBOARD,
        GRAPHIQL: 'false',
        RATE_LIMIT_PUBLIC_PER_MINUTE: '3',
        PERSISTED_ONLY_ROLES: 'applicant',
      }),
    ),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.stop(), strict?.stop()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const postJson = (gateway: RunningGateway, query: string, headers: Record<string, string> = {}) =>
  fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
const codesOf = async (response: Response) =>
  ((await response.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.map((e) => e.extensions?.code);

describe('CSRF prevention', () => {
  it('runs a JSON POST with no special header', async () => {
    const response = await postJson(plain, '{ __typename }');
    expect([response.status, await response.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
  });

  it('refuses a GET, a text/plain or form post without the header with 403 FORBIDDEN, and runs a GET with it', async () => {
    const url = `${plain.url}?query=${encodeURIComponent('{ __typename }')}`;
    const get = await fetch(url);
    const refusal = (await get.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(get.status).toBe(403);
    expect(refusal.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/header x-graphql-csrf/),
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const post = await fetch(plain.url, {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{"query":"{ __typename }"}',
      });
      expect([type, post.status, await codesOf(post)]).toEqual([type, 403, ['FORBIDDEN']]);
    }
    const allowed = await fetch(url, { headers: { 'x-graphql-csrf': '1' } });
    expect([allowed.status, await allowed.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
  });
});

describe('CORS', () => {
  const preflight = (gateway: RunningGateway, origin: string) =>
    fetch(gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  it('gives no cross-origin access by default', async () => {
    expect((await preflight(plain, DASHBOARD)).headers.get('access-control-allow-origin')).toBeNull();
    const post = await postJson(plain, '{ __typename }', { origin: DASHBOARD });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the origins in CORS_ORIGINS, with credentials, and no other', async () => {
    const allowed = await preflight(strict, DASHBOARD);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect((await preflight(strict, 'https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    );
  });
});

describe('introspection and GraphiQL', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  it('answers introspection to a signed-in caller, and refuses it to the public however the two interleave', async () => {
    const signedIn = await postJson(plain, INTROSPECTION, await asUser({ role: 'analyst' }));
    expect(await signedIn.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const anonymous = await postJson(plain, INTROSPECTION);
    // Refused for each introspection field it asks for (__schema, queryType).
    expect(new Set(await codesOf(anonymous))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    const again = await postJson(plain, INTROSPECTION, await asUser({ role: 'officer', department: 'housing' }));
    expect(await codesOf(again)).toBeUndefined();
  });

  it('serves GraphiQL in development, and not with GRAPHIQL=false', async () => {
    const page = await fetch(plain.url, { headers: { accept: 'text/html' } });
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html']);
    const none = await fetch(strict.url, { headers: { accept: 'text/html' } });
    expect(none.headers.get('content-type')).not.toBe('text/html');
  });
});

describe('rate limits and trusted documents as configured', () => {
  it('answers the public 429 RATE_LIMITED past RATE_LIMIT_PUBLIC_PER_MINUTE', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await postJson(strict, '{ __typename }')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await postJson(strict, '{ __typename }');
    expect([refused.headers.get('retry-after'), await codesOf(refused)]).toEqual(['60', ['RATE_LIMITED']]);
    // A signed-in caller has a count of its own.
    expect((await postJson(strict, '{ __typename }', await asUser({ role: 'window' }))).status).toBe(200);
  });

  it('holds the roles in PERSISTED_ONLY_ROLES to the trusted documents', async () => {
    const applicant = await postJson(
      strict,
      '{ __typename }',
      await asUser({ role: 'applicant', sub: '330100199001011234' }),
    );
    expect([applicant.status, await codesOf(applicant)]).toEqual([403, ['PERSISTED_QUERY_ONLY']]);
  });
});

describe("the gateway's audit trail", () => {
  it('records every operation in DATA_DIR/gateway-audit.db, a verifiable chain anchored on stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-c-'));
    try {
      const gateway = await startGateway(env(dir));
      await postJson(gateway, 'query Hello { __typename }', await asUser({ role: 'supervisor', sub: 'sup-1' }));
      await postJson(gateway, '{ __schema { queryType { name } } }');
      const auditor = await asUser({ role: 'auditor', sub: 'aud-1' });
      await new Promise((resolve) => setTimeout(resolve, 300)); // the trail writes every 200 ms
      const page = await fetch(`${gateway.baseUrl}/audit?first=10`, { headers: auditor });
      const { records } = (await page.json()) as { records: { actor: string; target: string; detail: object }[] };
      expect(records.map((r) => [r.actor, r.target])).toEqual([
        ['sup-1', 'Hello'],
        ['anonymous', null],
      ]);
      expect(records[1]?.detail).toMatchObject({ outcome: 'error', codes: ['GRAPHQL_VALIDATION_FAILED'] });
      await gateway.stop();

      const db = new Database(join(dir, 'gateway-audit.db'), { readonly: true });
      const stored = [...readAuditRecords(db)];
      db.close();
      // The auditor's read is recorded too.
      expect(stored.map((r) => r.action)).toEqual(['operation:query', 'operation:query', 'read:audit']);
      const anchor = readAnchor(join(dir, 'gateway.audit-anchor.json'), developmentKeys.auditKey);
      expect(anchor).toEqual({ seq: 3, hash: stored[2]?.hash });
      expect(verifyChain(developmentKeys.auditKey, stored, anchor)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loadGatewayEnv', () => {
  it('has the documented defaults', () => {
    const config = loadGatewayEnv({});
    expect(config).toMatchObject({
      MAX_DEPTH: 12,
      MAX_ALIASES: 50,
      MAX_ROOT_FIELDS: 15,
      MAX_TOKENS: 10_000,
      MAX_COST: 10_000,
      COST_LIST_SIZE: 10,
      RATE_LIMIT_PER_MINUTE: 600,
      RATE_LIMIT_PUBLIC_PER_MINUTE: 120,
      PERSISTED_ONLY_ROLES: [],
      CORS_ORIGINS: [],
      GRAPHIQL: true,
    });
    expect(config.DATA_DIR.endsWith('.data')).toBe(true);
    expect(loadGatewayEnv({ NODE_ENV: 'test', GRAPHIQL: 'false' }).GRAPHIQL).toBe(false);
  });

  it('reports every bad limit at once', () => {
    expect(() =>
      loadGatewayEnv({
        MAX_DEPTH: '100',
        MAX_TOKENS: '20000',
        RATE_LIMIT_PER_MINUTE: '-1',
        PERSISTED_ONLY_ROLES: 'public,nobody',
        CORS_ORIGINS: 'dashboard.example',
        GRAPHIQL: 'yes',
      }),
    ).toThrow(
      /MAX_DEPTH[\s\S]*MAX_TOKENS[\s\S]*RATE_LIMIT_PER_MINUTE[\s\S]*PERSISTED_ONLY_ROLES[\s\S]*CORS_ORIGINS[\s\S]*GRAPHIQL/,
    );
  });
});

describe('stopping the gateway', () => {
  it('lets a request in flight finish, and takes no new one', async () => {
    // A hub that answers after a second, so the request is still in flight when the gateway stops.
    const slowHub = createServer((request, response) => {
      request.resume();
      request.on('end', () =>
        setTimeout(() => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ data: { departments: [] } }));
        }, 1000),
      );
    });
    await new Promise<void>((resolve) => slowHub.listen(0, '127.0.0.1', resolve));
    const dir = mkdtempSync(join(tmpdir(), 'gateway-drain-'));
    const gateway = await startGateway(
      env(dir, { HUB_URL: `http://127.0.0.1:${(slowHub.address() as AddressInfo).port}/graphql` }),
    );
    try {
      expect((await fetch(`${gateway.baseUrl}/readyz`)).status).toBe(200);
      const inFlight = postJson(gateway, '{ departments { code } }');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stopped = gateway.stop();
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ data: { departments: [] } });
      await stopped;
      await expect(fetch(`${gateway.baseUrl}/livez`)).rejects.toThrow();
    } finally {
      slowHub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
