/**
 * `npm run audit:verify` finds every kind of tampering with an audit trail. Real chains are built
 * in a throwaway data directory (a department's database made by the kit, with the records its
 * AuditTrail writes, and the gateway's own store), then each test copies that directory, tampers
 * with one thing (the triggers dropped first, as someone with the file would) and runs the script
 * as a child process: it must exit 1 naming the store and what is wrong, and exit 0 on the
 * untouched copy. A department whose database is PostgreSQL is checked there.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditTrail,
  auditAnchorFile,
  createLogger,
  gatewayAuditFile,
  openSqliteAuditStore,
  readAuditRecords,
  recordHash,
  repoRoot,
  type AuditEntry,
} from '../services/runtime/src/index.js';
import { startDepartment, type DepartmentDefinition, type ServiceClient } from '../services/kit/src/index.js';
import { housing } from '../services/housing/src/department.js';
import { startPostgres } from './support/postgres.js';
import { startTestDepartment } from './support/department.js';
import { atDepartment, listItems, submitCase } from './support/cases.js';

const run = promisify(execFile);
const AUDIT_KEY = 'test-audit-key-'.padEnd(40, 'x');
const NOWHERE = 'http://127.0.0.1:9/graphql';
const RECORDS = 6;

let pristine: string;
const copies: string[] = [];

const entry = (service: string, n: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 30, 8, 0, n)).toISOString(),
  actor: `officer-${n}`,
  role: 'officer',
  action: n % 2 ? 'read:personal' : 'write:accept',
  target: `${service}:${n}`,
  detail: { n, fields: ['applicantName'] },
});

/** Appends records to a store's chain with the services' AuditTrail, which anchors the head on close. */
async function appendRecords(file: string, dataDir: string, service: string, count: number): Promise<void> {
  const store = openSqliteAuditStore(file);
  const trail = new AuditTrail({
    key: AUDIT_KEY,
    applicantSecret: AUDIT_KEY,
    transaction: store.transaction,
    anchorFile: auditAnchorFile(dataDir, service),
    logger: createLogger('test', 'silent'),
  });
  for (let n = 1; n <= count; n += 1) trail.record(entry(service, n));
  await trail.close();
  store.close();
}

beforeAll(async () => {
  pristine = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  // The housing department's own database, migrated by the kit as it starts.
  const code = 'housing';
  const definitions = (await import(`../services/${code}/src/department.ts`)) as Record<
    string,
    DepartmentDefinition<ServiceClient, unknown>
  >;
  const department = await startDepartment(definitions[code]!, {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: pristine,
    LOG_LEVEL: 'silent',
    DEMO_CASES: '3',
    AUDIT_KEY,
    CENTER_URL: NOWHERE,
  });
  await department.stop();
  await appendRecords(join(pristine, 'housing.db'), pristine, 'housing', RECORDS);
  await appendRecords(gatewayAuditFile(pristine), pristine, 'gateway', RECORDS);
});

afterAll(() => {
  for (const dir of [pristine, ...copies]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the pristine data directory, changed by `tamper`. */
function tampered(tamper: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-verify-copy-'));
  copies.push(dir);
  cpSync(pristine, dir, { recursive: true });
  tamper(dir);
  return dir;
}

/** Runs `sql` on a store of `dir` as someone holding the file would: the append-only triggers dropped first. */
const withSql =
  (file: (dir: string) => string, sql: string | ((db: Database.Database) => void)) =>
  (dir: string): void => {
    const db = new Database(file(dir));
    db.exec('DROP TRIGGER IF EXISTS "AuditRecord_no_update"; DROP TRIGGER IF EXISTS "AuditRecord_no_delete";');
    if (typeof sql === 'string') db.exec(sql);
    else sql(db);
    db.close();
  };
const housingDb = (dir: string) => join(dir, 'housing.db');

/** Runs npm run audit:verify's script on a data directory: its exit code and output. */
async function verify(dataDir: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir, AUDIT_KEY, NODE_ENV: 'development', ...env },
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The line the script printed for one store. */
const lineOf = (output: string, service: string) =>
  output.split('\n').find((line) => line.trimStart().startsWith(`${service} `)) ?? '';

// Each test runs the script once; two or three at a time.
describe.concurrent('npm run audit:verify', () => {
  it('passes untouched chains, one line per store, and exits 0', async () => {
    const { code, output } = await verify(tampered(() => {}));
    expect(code).toBe(0);
    expect(lineOf(output, 'housing')).toMatch(/\d+ records {2}ok \(anchored at \d+\)$/);
    expect(lineOf(output, 'gateway')).toMatch(new RegExp(`${RECORDS} records {2}ok \\(anchored at ${RECORDS}\\)$`));
    expect(lineOf(output, 'market')).toMatch(/no database$/);
    expect(output).toMatch(/Every audit trail is intact/);
  });

  // The record changed: the last one the test appended (the kit may have written some before).
  const last = (dir: string) => {
    const db = new Database(housingDb(dir), { readonly: true });
    const { seq } = db.prepare('SELECT MAX(seq) AS seq FROM "AuditRecord"').get() as { seq: number };
    db.close();
    return seq;
  };
  const middle = (dir: string) => last(dir) - 2;

  const changes: [string, (dir: string) => string, RegExp][] = [
    ['at', (d) => `UPDATE "AuditRecord" SET at = '2020-01-01T00:00:00.000Z' WHERE seq = ${middle(d)}`, /was changed/],
    ['actor', (d) => `UPDATE "AuditRecord" SET actor = 'someone-else' WHERE seq = ${middle(d)}`, /was changed/],
    ['role', (d) => `UPDATE "AuditRecord" SET role = 'supervisor' WHERE seq = ${middle(d)}`, /was changed/],
    ['action', (d) => `UPDATE "AuditRecord" SET action = 'read:catalog' WHERE seq = ${middle(d)}`, /was changed/],
    ['target', (d) => `UPDATE "AuditRecord" SET target = NULL WHERE seq = ${middle(d)}`, /was changed/],
    ['detail', (d) => `UPDATE "AuditRecord" SET detail = '{"n":0}' WHERE seq = ${middle(d)}`, /was changed/],
    [
      'prevHash',
      (d) => `UPDATE "AuditRecord" SET prevHash = lower(hex(randomblob(32))) WHERE seq = ${middle(d)}`,
      /does not follow/,
    ],
    ['hash', (d) => `UPDATE "AuditRecord" SET hash = prevHash || 'x' WHERE seq = ${middle(d)}`, /was changed/],
    ['seq', (d) => `UPDATE "AuditRecord" SET seq = 1000 WHERE seq = ${middle(d)}`, /is missing/],
  ];

  it.each(changes)('finds a change of one record’s %s', async (_column, sql, problem) => {
    const dir = tampered((d) => withSql(housingDb, sql(d))(d));
    const { code, output } = await verify(dir);
    expect(code).toBe(1);
    expect(lineOf(output, 'housing')).toMatch(problem);
    expect(lineOf(output, 'gateway')).toMatch(/ok/);
  });

  it('finds a deleted record', async () => {
    const dir = tampered((d) => withSql(housingDb, `DELETE FROM "AuditRecord" WHERE seq = ${middle(d)}`)(d));
    const { code, output } = await verify(dir);
    expect([code, lineOf(output, 'housing')]).toEqual([1, expect.stringMatching(/record \d+ is missing/)]);
  });

  it('finds the last record deleted, by the anchor', async () => {
    const dir = tampered((d) => withSql(housingDb, `DELETE FROM "AuditRecord" WHERE seq = ${last(d)}`)(d));
    const { code, output } = await verify(dir);
    expect([code, lineOf(output, 'housing')]).toEqual([1, expect.stringMatching(/records after \d+ are missing/)]);
  });

  it('finds the last records of the gateway’s store deleted too', async () => {
    const dir = tampered(withSql(gatewayAuditFile, `DELETE FROM "AuditRecord" WHERE seq > ${RECORDS - 2}`));
    const { code, output } = await verify(dir);
    expect([code, lineOf(output, 'gateway')]).toEqual([
      1,
      expect.stringMatching(new RegExp(`records after ${RECORDS - 2} are missing`)),
    ]);
  });

  it('finds an inserted record, made without the key', async () => {
    const dir = tampered(
      withSql(housingDb, (db) => {
        const [head] = [...readAuditRecords(db)].slice(-1);
        const forged = { ...head!, seq: head!.seq + 1, actor: 'mallory', prevHash: head!.hash };
        db.prepare(
          `INSERT INTO "AuditRecord" (seq, at, actor, role, action, target, detail, prevHash, hash)
           VALUES (@seq, @at, @actor, @role, @action, @target, @detail, @prevHash, @hash)`,
        ).run({ ...forged, hash: recordHash('a guessed key', forged.prevHash, forged) });
      }),
    );
    const { code, output } = await verify(dir);
    expect([code, lineOf(output, 'housing')]).toEqual([1, expect.stringMatching(/was changed/)]);
  });

  it('finds two records swapped', async () => {
    const dir = tampered((d) =>
      withSql(
        housingDb,
        `UPDATE "AuditRecord" SET seq = -1 WHERE seq = ${middle(d)};
         UPDATE "AuditRecord" SET seq = ${middle(d)} WHERE seq = ${middle(d) + 1};
         UPDATE "AuditRecord" SET seq = ${middle(d) + 1} WHERE seq = -1;`,
      )(d),
    );
    const { code, output } = await verify(dir);
    expect([code, lineOf(output, 'housing')]).toEqual([1, expect.stringMatching(/does not follow/)]);
  });

  it('finds an altered anchor, and a removed one', async () => {
    const altered = tampered((d) => {
      const file = auditAnchorFile(d, 'gateway');
      const anchor = JSON.parse(readFileSync(file, 'utf8')) as { seq: number };
      writeFileSync(file, JSON.stringify({ ...anchor, seq: anchor.seq - 1 }));
    });
    const first = await verify(altered);
    expect([first.code, lineOf(first.output, 'gateway')]).toEqual([1, expect.stringMatching(/was altered/)]);
    const removed = tampered((d) => unlinkSync(auditAnchorFile(d, 'housing')));
    const second = await verify(removed);
    expect([second.code, lineOf(second.output, 'housing')]).toEqual([1, expect.stringMatching(/there is no anchor/)]);
  });
});

describe('npm run audit:verify on a department in PostgreSQL', () => {
  it('reads its chain from <CODE>_DATABASE_URL, passes it untouched and finds a record changed there', async () => {
    const postgres = await startPostgres();
    const dataDir = mkdtempSync(join(tmpdir(), 'audit-verify-pg-'));
    copies.push(dataDir);
    try {
      const url = await postgres.createDatabase('housing');
      const department = await startTestDepartment(housing, {
        DATABASE_URL: url,
        AUDIT_KEY,
        CENTER_URL: NOWHERE,
      });
      try {
        const target = atDepartment('housing', department.url);
        await submitCase(target, { item: (await listItems(target))[0]! });
      } finally {
        await department.service.stop();
      }
      // The department's data directory holds its anchor, written as the trail closes.
      cpSync(department.dataDir, dataDir, { recursive: true });
      rmSync(department.dataDir, { recursive: true, force: true });
      const env = { HOUSING_DATABASE_URL: url };
      const intact = await verify(dataDir, env);
      expect([intact.code, lineOf(intact.output, 'housing')]).toEqual([
        0,
        expect.stringMatching(/\d+ records {2}ok \(anchored at \d+\)$/),
      ]);
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      await db.query(
        `ALTER TABLE "AuditRecord" DISABLE TRIGGER USER; UPDATE "AuditRecord" SET "actor" = 'someone-else'`,
      );
      await db.end();
      const changed = await verify(dataDir, env);
      expect([changed.code, lineOf(changed.output, 'housing')]).toEqual([1, expect.stringMatching(/WRONG/)]);
    } finally {
      await postgres.stop();
    }
  });
});
