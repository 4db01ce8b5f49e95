import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditTrail,
  createLogger,
  openSqliteAuditStore,
  readAuditRecords,
  recordHash,
  type AuditEntry,
} from '@onewindow/runtime';
import { createTestGateway, testToken, type TestGateway } from './testing.js';
import { useAuditRecords } from './useAuditRecords.js';

const dir = mkdtempSync(join(tmpdir(), 'gateway-audit-records-'));
const store = openSqliteAuditStore(join(dir, 'gateway-audit.db'));
const KEY = 'k'.repeat(32);
const trail = new AuditTrail({
  key: KEY,
  applicantSecret: KEY,
  transaction: store.transaction,
  anchorFile: join(dir, 'gateway.audit-anchor.json'),
  logger: createLogger('test', 'silent'),
});
const reads: AuditEntry[] = [];
let gateway: TestGateway;

beforeAll(async () => {
  for (let i = 1; i <= 5; i += 1)
    trail.record({
      at: `2026-11-30T08:00:0${i}Z`,
      actor: `u${i}`,
      role: 'officer',
      action: 'operation:query',
      target: null,
      detail: { n: i },
    });
  await trail.flush();
  gateway = await createTestGateway({
    subgraphs: [
      {
        name: 'hub',
        typeDefs: parse(
          'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"]) type Query { count: Int }',
        ),
        resolvers: { Query: { count: () => 1 } },
      },
    ],
    plugins: () => [
      useAuditRecords({
        read: async (after, first) => [...readAuditRecords(store.db, after + 1, first)],
        verifyUserToken: (token, ip) =>
          token.startsWith('auditor.')
            ? Promise.resolve({ sub: 'audra', role: 'auditor', ip })
            : Promise.resolve({ sub: 'x', role: 'supervisor', ip }),
        clientAddress: () => '10.9.9.9',
        record: (entry) => reads.push(entry),
      }),
    ],
  });
});
afterAll(async () => {
  await gateway.dispose();
  await trail.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (search: string, headers: Record<string, string> = {}) => {
  const response = await gateway.runtime.fetch(`http://gateway.test/audit${search}`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
};

describe('useAuditRecords (GET /audit)', () => {
  it('gives an auditor the records in chain order, a page at a time, with their hashes', async () => {
    const auditor = testToken('auditor', 'audra');
    const first = await get('?first=2', auditor);
    expect([first.status, first.type]).toEqual([200, 'application/json']);
    expect(first.body.records.map((r: { seq: number }) => r.seq)).toEqual([1, 2]);
    expect([first.body.hasNextPage, first.body.endCursor]).toEqual([true, 2]);
    const record = first.body.records[1];
    expect(record).toMatchObject({
      actor: 'u2',
      role: 'officer',
      detail: { n: 2 },
      prevHash: first.body.records[0].hash,
    });
    // The hash covers the canonical JSON of the detail: an auditor can recompute it with the key.
    expect(recordHash(KEY, record.prevHash, { ...record, detail: JSON.stringify(record.detail) })).toBe(record.hash);
    const rest = await get('?after=2&first=10', auditor);
    expect(rest.body.records.map((r: { seq: number }) => r.seq)).toEqual([3, 4, 5]);
    expect([rest.body.hasNextPage, rest.body.endCursor]).toEqual([false, 5]);
    expect((await get('?after=5', auditor)).body).toEqual({ records: [], hasNextPage: false, endCursor: null });
  });

  it('records each read of the records', async () => {
    reads.length = 0;
    await get('?after=1&first=3', testToken('auditor', 'audra'));
    expect(reads).toEqual([
      {
        at: expect.any(String),
        actor: 'audra',
        role: 'auditor',
        action: 'read:audit',
        target: 'gateway',
        detail: { after: 1, first: 3, records: 3, ip: '10.9.9.9' },
      },
    ]);
  });

  it('refuses without a token (401), with a malformed one (401), another role (403), bad paging (400)', async () => {
    expect(await get('')).toMatchObject({
      status: 401,
      body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    expect(await get('', { authorization: 'Basic abc' })).toMatchObject({
      status: 401,
      body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    expect(await get('', testToken('supervisor'))).toMatchObject({
      status: 403,
      body: { errors: [{ message: 'Only auditors may read the audit records.', extensions: { code: 'FORBIDDEN' } }] },
    });
    for (const search of ['?first=0', '?first=1001', '?after=-1', '?after=x'])
      expect(await get(search, testToken('auditor'))).toMatchObject({
        status: 400,
        body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] },
      });
  });
});
