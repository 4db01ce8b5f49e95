import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditRecord } from './chain.js';
import type { AuditRecordTable } from './trail.js';

/**
 * The audit table and its guards, as SQL: every service's database has it (departments through
 * the kit's contract migration, the center through its own), and the gateway keeps one in a
 * SQLite file of its own. The triggers make the table append-only for anyone using SQL; the
 * chain (chain.ts) catches whoever goes around them.
 */
export const AUDIT_TRIGGERS_SQL = `
CREATE TRIGGER IF NOT EXISTS "AuditRecord_no_update" BEFORE UPDATE ON "AuditRecord"
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER IF NOT EXISTS "AuditRecord_no_delete" BEFORE DELETE ON "AuditRecord"
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
`;

export const AUDIT_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS "AuditRecord" (
  "seq" INTEGER NOT NULL PRIMARY KEY,
  "at" TEXT NOT NULL,
  "actor" TEXT NOT NULL,
  "role" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "target" TEXT,
  "detail" TEXT NOT NULL,
  "prevHash" TEXT NOT NULL,
  "hash" TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS "AuditRecord_prevHash_key" ON "AuditRecord"("prevHash");
CREATE UNIQUE INDEX IF NOT EXISTS "AuditRecord_hash_key" ON "AuditRecord"("hash");
${AUDIT_TRIGGERS_SQL}`;

const COLUMNS = '"seq", "at", "actor", "role", "action", "target", "detail", "prevHash", "hash"';

/**
 * The records of a SQLite database's audit table from `fromSeq` on, in chain order, at most
 * `limit` of them (all by default): for audit:verify and auditors.
 */
export function* readAuditRecords(db: Database.Database, fromSeq = 1, limit = -1): Iterable<AuditRecord> {
  yield* db
    .prepare(`SELECT ${COLUMNS} FROM "AuditRecord" WHERE "seq" >= ? ORDER BY "seq" LIMIT ?`)
    .iterate(fromSeq, limit) as Iterable<AuditRecord>;
}

/** Per database file, the transactions of every store this process has open on it, in turn. */
const queues = new Map<string, { tail: Promise<unknown>; stores: number }>();

function queueOf(file: string): { tail: Promise<unknown>; stores: number } {
  const key = resolve(file);
  const queue = queues.get(key) ?? { tail: Promise.resolve(), stores: 0 };
  queue.stores += 1;
  queues.set(key, queue);
  return queue;
}

/**
 * The gateway's audit store: its own SQLite file (the gateway has no database otherwise), with
 * synchronous=FULL like every service's, so an acknowledged record survives a power loss.
 */
export function openSqliteAuditStore(file: string): {
  db: Database.Database;
  transaction: <T>(work: (table: AuditRecordTable) => Promise<T>) => Promise<T>;
  close: () => void;
} {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(AUDIT_TABLE_SQL);
  const head = db.prepare('SELECT "seq", "hash" FROM "AuditRecord" ORDER BY "seq" DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO "AuditRecord" (${COLUMNS}) VALUES (@seq, @at, @actor, @role, @action, @target, @detail, @prevHash, @hash)`,
  );
  const table: AuditRecordTable = {
    findFirst: async () => (head.get() as { seq: number; hash: string } | undefined) ?? null,
    createMany: async ({ data }) => {
      for (const record of data) insert.run(record);
    },
  };
  // One transaction at a time (the promise chain), so no other append comes between reading the
  // head and inserting after it; BEGIN IMMEDIATE takes the write lock before the head is read.
  // The chain is the file's, shared by every store this process opens on it (two gateways in one
  // test process): a second connection's BEGIN while the first awaits inside its transaction
  // would block the one thread both need, until SQLite gave up with SQLITE_BUSY.
  const queue = queueOf(file);
  const transaction = <T>(work: (table: AuditRecordTable) => Promise<T>): Promise<T> => {
    const run = queue.tail.then(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(table);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    });
    queue.tail = run.catch(() => undefined);
    return run;
  };
  const close = () => {
    db.close();
    if ((queue.stores -= 1) === 0) queues.delete(resolve(file));
  };
  return { db, transaction, close };
}
