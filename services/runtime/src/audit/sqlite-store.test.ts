import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../env.js';
import { chainEntries, verifyChain, type AuditEntry } from './chain.js';
import { openSqliteAuditStore, readAuditRecords } from './sqlite-store.js';

const run = promisify(execFile);
const KEY = 'k'.repeat(32);
const entry = (n: number): AuditEntry => ({
  at: '2026-11-30T08:00:00.000Z',
  actor: `user-${n}`,
  role: 'officer',
  action: 'write:accept',
  target: `housing:${n}`,
  detail: {},
});

let dir: string;
let store: ReturnType<typeof openSqliteAuditStore>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'audit-store-'));
  store = openSqliteAuditStore(join(dir, 'audit.db'));
  await store.transaction(async (table) => table.createMany({ data: chainEntries(KEY, null, [entry(1), entry(2)]) }));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite audit table', () => {
  it('refuses UPDATE and DELETE: the records are append-only', () => {
    expect(() => store.db.exec(`UPDATE "AuditRecord" SET "actor" = 'mallory' WHERE "seq" = 1`)).toThrow(
      'audit records are append-only',
    );
    expect(() => store.db.exec(`DELETE FROM "AuditRecord" WHERE "seq" = 2`)).toThrow('audit records are append-only');
    expect([...readAuditRecords(store.db)].map((r) => r.actor)).toEqual(['user-1', 'user-2']);
  });

  it('cannot fork: a second record after the same one is refused (prevHash is unique)', async () => {
    const [first] = [...readAuditRecords(store.db)];
    const fork = chainEntries(KEY, first!, [entry(9)])[0]!;
    await expect(store.transaction(async (table) => table.createMany({ data: [{ ...fork, seq: 3 }] }))).rejects.toThrow(
      /UNIQUE constraint failed: AuditRecord.prevHash/,
    );
  });

  it('reads from a place in the chain, at most a number of records', async () => {
    await store.transaction(async (table) => {
      const head = await table.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
      await table.createMany({ data: chainEntries(KEY, head, [entry(3), entry(4)]) });
    });
    expect([...readAuditRecords(store.db, 2, 2)].map((r) => r.seq)).toEqual([2, 3]);
    expect([...readAuditRecords(store.db, 3)].map((r) => r.seq)).toEqual([3, 4]);
  });

  it('runs the transactions of two stores this process has on one file in turn, never blocking it', async () => {
    const other = openSqliteAuditStore(join(dir, 'audit.db'));
    const started = Date.now();
    // Both begin at once, and each waits inside its transaction: a second BEGIN meanwhile would
    // block the thread the first needs to commit.
    await Promise.all(
      [store, other].map((each, i) =>
        each.transaction(async (table) => {
          const head = await table.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
          await new Promise((resolve) => setTimeout(resolve, 20));
          await table.createMany({ data: chainEntries(KEY, head, [entry(10 + i)]) });
        }),
      ),
    );
    other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(verifyChain(KEY, readAuditRecords(store.db))).toEqual([]);
    expect([...readAuditRecords(store.db)]).toHaveLength(4);
  });

  it('keeps one chain when several processes append at once', async () => {
    const file = join(dir, 'audit.db');
    const trail = fileURLToPath(new URL('./index.ts', import.meta.url));
    // Each writer opens the file itself and, once all three are ready (a loaded machine may take
    // seconds to start one), appends 20 batches of 5 records, each batch in its own transaction.
    const writer = (name: string) => `
      const { existsSync, writeFileSync } = await import('node:fs');
      const { AuditTrail, openSqliteAuditStore } = await import(${JSON.stringify(trail)});
      const store = openSqliteAuditStore(${JSON.stringify(file)});
      writeFileSync(${JSON.stringify(join(dir, 'ready-'))} + '${name}', '');
      while (!['a', 'b', 'c'].every((n) => existsSync(${JSON.stringify(join(dir, 'ready-'))} + n)))
        await new Promise((resolve) => setTimeout(resolve, 5));
      const logger = { error: (o) => console.error(o.err), warn: () => {} };
      const trail = new AuditTrail({ key: ${JSON.stringify(KEY)}, transaction: store.transaction, anchorFile: ${JSON.stringify(join(dir, 'a.json'))}, logger });
      for (let batch = 0; batch < 20; batch += 1) {
        for (let i = 0; i < 5; i += 1) trail.record({ at: new Date().toISOString(), actor: '${name}', role: 'service', action: 'test', target: null, detail: { batch, i } });
        await trail.flush();
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      }
      await trail.close();
      store.close();`;
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer(name)], { cwd: repoRoot }),
      ),
    );
    const records = [...readAuditRecords(store.db)];
    expect(records).toHaveLength(2 + 3 * 100);
    expect(verifyChain(KEY, records)).toEqual([]);
    for (const name of ['a', 'b', 'c']) expect(records.filter((r) => r.actor === name)).toHaveLength(100);
    // They did write at the same time: their batches alternate in the chain.
    const turns = records.filter((r, i) => i > 0 && r.actor !== records[i - 1]!.actor).length;
    expect(turns).toBeGreaterThan(5);
  });
});
