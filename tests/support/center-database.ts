import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres, type TestPostgres } from './postgres.js';

/**
 * The center's database read straight, whichever it runs on: its SQLite file, or the PostgreSQL
 * database of a federation started with ONEWINDOW_TEST_CENTER_DATABASE=postgresql (the center's
 * suite runs on both: vitest.config.ts). Statements use `?` for parameters and quote every
 * identifier ("FeedCursor", "caseId"), which both databases read alike; counts come back as numbers.
 */
export interface CenterDatabase {
  provider: 'sqlite' | 'postgresql';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; its affected rows. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** The center's tables (Prisma's own migrations table left out). */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

/** True when this test run puts the center on PostgreSQL. */
export const centerOnPostgres = () => process.env.ONEWINDOW_TEST_CENTER_DATABASE === 'postgresql';

/** A PostgreSQL cluster and a database for the center, when this run asks for one. */
export async function centerPostgres(): Promise<{ url: string; stop: () => Promise<void> } | undefined> {
  if (!centerOnPostgres()) return undefined;
  const server: TestPostgres = await startPostgres();
  return { url: await server.createDatabase('center'), stop: () => server.stop() };
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Opens the center's database of a federation: `url` when it runs on PostgreSQL, else `center.db` in `dataDir`. */
export function openCenterDatabase(dataDir: string, url: string | undefined): CenterDatabase {
  if (url) {
    // BIGINT (COUNT(*)) as a number, as better-sqlite3 gives it.
    const types = {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    };
    const pool = new pg.Pool({ connectionString: url, max: 2, types });
    return {
      provider: 'postgresql',
      query: async <T>(sql: string, params: readonly unknown[] = []) =>
        (await pool.query(numbered(sql), [...params])).rows as T[],
      run: async (sql, params = []) => (await pool.query(numbered(sql), [...params])).rowCount ?? 0,
      tables: async () =>
        (
          await pool.query<{ name: string }>(
            `SELECT table_name AS name FROM information_schema.tables
             WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`,
          )
        ).rows.map((row) => row.name),
      close: () => pool.end(),
    };
  }
  const db = new Database(join(dataDir, 'center.db'));
  return {
    provider: 'sqlite',
    query: async <T>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).all(...params) as T[],
    run: async (sql, params = []) => db.prepare(sql).run(...params).changes,
    tables: async () =>
      (
        db
          .prepare(
            `SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT IN ('_prisma_migrations', 'sqlite_sequence') ORDER BY name`,
          )
          .all() as { name: string }[]
      ).map((row) => row.name),
    close: async () => void db.close(),
  };
}
