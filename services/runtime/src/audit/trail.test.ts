import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { verifyChain, type AuditEntry } from './chain.js';
import { openSqliteAuditStore, readAuditRecords } from './sqlite-store.js';
import { applicantIdOf } from '../identity/applicant-id.js';
import { AuditTrail, auditKeyFrom, readAnchor, type AuditRecordTable } from './trail.js';

const KEY = 'k'.repeat(32);
const SECRET = 's'.repeat(32);
const entry = (n: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 30, 8, 0, n)).toISOString(),
  actor: `user-${n}`,
  role: 'officer',
  action: 'read:personal',
  target: `housing:${n}`,
  detail: { fields: ['applicantName'] },
});

let dir: string;
let store: ReturnType<typeof openSqliteAuditStore>;
let transactions: number;
let trail: AuditTrail;
const anchorFile = () => join(dir, 'test.audit-anchor.json');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-trail-'));
  store = openSqliteAuditStore(join(dir, 'test.db'));
  transactions = 0;
  trail = new AuditTrail({
    key: KEY,
    applicantSecret: SECRET,
    transaction: (work) => {
      transactions += 1;
      return store.transaction(work);
    },
    anchorFile: anchorFile(),
    logger: createLogger('test', 'silent'),
  });
});
afterEach(async () => {
  await trail.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const stored = () => [...readAuditRecords(store.db)];

describe('AuditTrail', () => {
  it('records an applicant by their Applicant.id, never by the ID number their token names them by', async () => {
    const person = '330106198805050011';
    const enterprise = '91330106MA2B3C4D5E';
    trail.record({ ...entry(1), actor: person, role: 'applicant' });
    await store.transaction((table) =>
      trail.appendIn(table, [{ ...entry(2), actor: ` ${enterprise.toLowerCase()} `, role: 'applicant' }]),
    );
    trail.record({ ...entry(3), actor: applicantIdOf(person, SECRET), role: 'applicant' });
    await trail.flush();
    const actors = stored().map((r) => r.actor);
    expect(actors).toEqual([
      applicantIdOf(enterprise, SECRET),
      applicantIdOf(person, SECRET),
      applicantIdOf(person, SECRET),
    ]);
    expect(actors[0]).toMatch(/^applicant:[\w-]{43}$/);
    expect(JSON.stringify(stored())).not.toMatch(/330106198805050011|91330106MA2B3C4D5E/i);
    expect(verifyChain(KEY, stored())).toEqual([]);
  });

  it('writes the reads of the same moment together, in one transaction, as one chain', async () => {
    for (let n = 1; n <= 5; n += 1) trail.record(entry(n));
    expect(stored()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(transactions).toBe(1);
    expect(stored().map((r) => r.actor)).toEqual(['user-1', 'user-2', 'user-3', 'user-4', 'user-5']);
    trail.record(entry(6));
    await trail.flush();
    expect(verifyChain(KEY, stored())).toEqual([]);
    expect(stored()).toHaveLength(6);
  });

  it('stores whatever a caller passed as text, so one odd value cannot stop the trail', async () => {
    // As a caller's untyped data could make it (parsed JSON, say).
    const odd: AuditEntry = JSON.parse(
      JSON.stringify({ ...entry(1), target: 42, actor: { id: 'x' }, detail: 'plain' }),
    );
    trail.record(odd);
    trail.record(entry(2));
    await trail.flush();
    expect(stored().map((r) => [r.actor, r.target, r.detail])).toEqual([
      ['{"id":"x"}', '42', '{"value":"plain"}'],
      ['user-2', 'housing:2', '{"fields":["applicantName"]}'],
    ]);
    expect(verifyChain(KEY, stored())).toEqual([]);
  });

  it('appends in the caller’s transaction: the records commit or roll back with its change', async () => {
    await store.transaction((table) => trail.appendIn(table, [entry(1), entry(2)]));
    await expect(
      store.transaction(async (table) => {
        await trail.appendIn(table, [entry(3)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(stored().map((r) => r.seq)).toEqual([1, 2]);
    await store.transaction((table) => trail.appendIn(table, [entry(4)]));
    expect(verifyChain(KEY, stored())).toEqual([]);
  });

  it('keeps records it could not write and writes them at the next flush', async () => {
    let fail = true;
    const flaky = new AuditTrail({
      key: KEY,
      applicantSecret: SECRET,
      transaction: <T>(work: (table: AuditRecordTable) => Promise<T>) =>
        fail ? Promise.reject(new Error('SQLITE_BUSY')) : store.transaction(work),
      anchorFile: anchorFile(),
      logger: createLogger('test', 'silent'),
    });
    flaky.record(entry(1));
    await flaky.flush();
    expect(stored()).toEqual([]);
    fail = false;
    flaky.record(entry(2));
    await flaky.close();
    expect(stored().map((r) => r.actor)).toEqual(['user-1', 'user-2']);
  });

  it('anchors the committed head in a file with a MAC; an altered anchor is refused', async () => {
    expect(readAnchor(anchorFile(), KEY)).toBeNull();
    trail.record(entry(1));
    trail.record(entry(2));
    await trail.close();
    const head = stored().at(-1)!;
    expect(readAnchor(anchorFile(), KEY)).toEqual({ seq: 2, hash: head.hash });
    expect(() => readAnchor(anchorFile(), 'other'.repeat(8))).toThrow(/was altered/);
    const anchor = JSON.parse(readFileSync(anchorFile(), 'utf8')) as Record<string, unknown>;
    writeFileSync(anchorFile(), JSON.stringify({ ...anchor, seq: 1 }));
    expect(() => readAnchor(anchorFile(), KEY)).toThrow(/was altered: its MAC does not match/);
  });
});

describe('auditKeyFrom', () => {
  it('uses AUDIT_KEY, and in production requires one that is not the development key', () => {
    expect(auditKeyFrom({ AUDIT_KEY: KEY, NODE_ENV: 'production' })).toBe(KEY);
    expect(auditKeyFrom({ NODE_ENV: 'development' })).toMatch(/.{32,}/);
    expect(() => auditKeyFrom({ NODE_ENV: 'production' })).toThrow(/AUDIT_KEY/);
    const development = auditKeyFrom({ NODE_ENV: 'test' });
    expect(() => auditKeyFrom({ AUDIT_KEY: development, NODE_ENV: 'production' })).toThrow();
  });
});
