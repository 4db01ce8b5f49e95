import Database from 'better-sqlite3';
import pg from 'pg';
import { numberParameters } from '../../services/kit/src/db/postgres-reader.js';

/**
 * A service's database read straight, whichever it runs on: its SQLite file, or its PostgreSQL
 * database (the center's and the departments' suites run on both: vitest.config.ts). Statements
 * use `?` for parameters and quote every identifier ("FeedCursor", "caseId"), which both databases
 * read alike; counts come back as numbers, timestamps as the instants they hold (UTC).
 */
export interface ServiceDatabase {
  provider: 'sqlite' | 'postgresql';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; its affected rows. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** The service's tables (Prisma's own migrations table left out). */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

/** BIGINT (COUNT(*)) as a number, as better-sqlite3 gives it; a timestamp (UTC, without a zone) as its instant, whatever the process's zone. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return Number;
    if (oid === 1114) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** Opens a service's database: `url` when it runs on PostgreSQL, else its SQLite `file`. */
export function openServiceDatabase(file: string, url: string | undefined): ServiceDatabase {
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 2, types });
    return {
      provider: 'postgresql',
      query: async <T>(sql: string, params: readonly unknown[] = []) =>
        (await pool.query(numberParameters(sql), [...params])).rows as T[],
      run: async (sql, params = []) => (await pool.query(numberParameters(sql), [...params])).rowCount ?? 0,
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
  const db = new Database(file, { fileMustExist: true });
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
