import type pg from 'pg';
import type { AuditRecord } from './chain.js';
import type { AuditRecordTable } from './trail.js';

/** The PostgreSQL schema that holds what the gateway replicas share (the audit chain, the rate-limit windows). */
export const GATEWAY_SCHEMA = 'gateway';

const TABLE = `"${GATEWAY_SCHEMA}"."AuditRecord"`;
const COLUMNS = '"seq", "at", "actor", "role", "action", "target", "detail", "prevHash", "hash"';
/** The advisory lock that makes appends to the chain take turns across every replica. */
const APPEND_LOCK = 0x6f77_6175; // "owau"
/** The advisory lock under which a replica creates the shared tables: two starting together create them once. */
const SCHEMA_LOCK = 0x6f77_7363; // "owsc"
/** At most this many records in one INSERT (9 parameters each; PostgreSQL allows 65,535). */
const INSERT_CHUNK = 1000;

/**
 * The triggers that make an audit table on PostgreSQL append-only for anyone using SQL: UPDATE,
 * DELETE and TRUNCATE are refused (the chain, chain.ts, catches whoever turns them off). `table`
 * is the quoted table name, `schema` the quoted schema of the guard function.
 */
export function auditGuardsPostgresSql(table: string, schema = 'public'): string {
  return `CREATE OR REPLACE FUNCTION ${schema}.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$;
DROP TRIGGER IF EXISTS "AuditRecord_append_only" ON ${table};
CREATE TRIGGER "AuditRecord_append_only" BEFORE UPDATE OR DELETE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${schema}.audit_append_only();
DROP TRIGGER IF EXISTS "AuditRecord_no_truncate" ON ${table};
CREATE TRIGGER "AuditRecord_no_truncate" BEFORE TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.audit_append_only();
`;
}

/**
 * The audit table on PostgreSQL and its guards: append-only for anyone using SQL (UPDATE, DELETE
 * and TRUNCATE are refused by triggers), hash-chained like every other trail (chain.ts).
 */
export const POSTGRES_AUDIT_TABLE_SQL = `
CREATE SCHEMA IF NOT EXISTS "${GATEWAY_SCHEMA}";
CREATE TABLE IF NOT EXISTS ${TABLE} (
  "seq" BIGINT NOT NULL PRIMARY KEY,
  "at" TEXT NOT NULL,
  "actor" TEXT NOT NULL,
  "role" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "target" TEXT,
  "detail" TEXT NOT NULL,
  "prevHash" TEXT NOT NULL UNIQUE,
  "hash" TEXT NOT NULL UNIQUE
);
${auditGuardsPostgresSql(TABLE, `"${GATEWAY_SCHEMA}"`)}`;

/** Runs `work` in one transaction on a connection of the pool. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs DDL (CREATE … IF NOT EXISTS) under an advisory lock: PostgreSQL's IF NOT EXISTS is not
 * safe against another connection creating the same object at the same moment.
 */
export async function createSharedTables(pool: pg.Pool, ddl: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(ddl);
  });
}

/** A row as pg returns it: BIGINT comes back as text, the chain's records number their places. */
const asRecord = (row: AuditRecord & { seq: string | number }): AuditRecord => ({ ...row, seq: Number(row.seq) });

/** The audit table as the trail uses it, inside one transaction. */
function tableOf(client: pg.PoolClient): AuditRecordTable {
  return {
    findFirst: async () => {
      const { rows } = await client.query<{ seq: string; hash: string }>(
        `SELECT "seq", "hash" FROM ${TABLE} ORDER BY "seq" DESC LIMIT 1`,
      );
      const head = rows[0];
      return head ? { seq: Number(head.seq), hash: head.hash } : null;
    },
    createMany: async ({ data }) => {
      for (let start = 0; start < data.length; start += INSERT_CHUNK) {
        const chunk = data.slice(start, start + INSERT_CHUNK);
        const values = chunk.map((_, i) => `(${Array.from({ length: 9 }, (__, c) => `$${i * 9 + c + 1}`).join(', ')})`);
        const params = chunk.flatMap((r) => [
          r.seq,
          r.at,
          r.actor,
          r.role,
          r.action,
          r.target,
          r.detail,
          r.prevHash,
          r.hash,
        ]);
        await client.query(`INSERT INTO ${TABLE} (${COLUMNS}) VALUES ${values.join(', ')}`, params);
      }
    },
  };
}

/**
 * The gateway's audit store on PostgreSQL, shared by every replica: one chain, whichever replica
 * served the read. Appends take turns through a transaction-scoped advisory lock taken before the
 * head is read, so two replicas never chain after the same record (the UNIQUE prevHash would
 * refuse the second anyway). Creates its table on first use.
 */
export async function openPostgresAuditStore(pool: pg.Pool): Promise<{
  transaction: <T>(work: (table: AuditRecordTable) => Promise<T>) => Promise<T>;
  read: (fromSeq: number, limit: number) => Promise<AuditRecord[]>;
}> {
  await createSharedTables(pool, POSTGRES_AUDIT_TABLE_SQL);
  return {
    transaction: (work) =>
      inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
        return work(tableOf(client));
      }),
    read: async (fromSeq, limit) => {
      const { rows } = await pool.query<AuditRecord & { seq: string }>(
        `SELECT ${COLUMNS} FROM ${TABLE} WHERE "seq" >= $1 ORDER BY "seq" LIMIT $2`,
        [fromSeq, limit],
      );
      return rows.map(asRecord);
    },
  };
}
