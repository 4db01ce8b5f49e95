import Database from 'better-sqlite3';
import type { StatementCounter } from './statement-counter.js';
import { sqliteDialect, type SqlDialect } from './sql-dialect.js';
import { isPostgresUrl } from './postgres.js';
import { PostgresReader } from './postgres-reader.js';

/**
 * A read-only connection of a service to its own database, for the raw SQL of measured hot
 * paths (a department's case pages, statistics and headline numbers), beside the Prisma client
 * that does every write and all ordinary access. For a 50-case page Prisma's raw query costs
 * about 1 ms of CPU where better-sqlite3 with a prepared statement costs 0.5, and a department
 * pays it on every page the hub asks for. Every statement reads the latest commit. Statements are
 * counted with Prisma's (statement-counter.ts).
 *
 * The SQL is written once for both databases, with `?` parameters and the differences asked of
 * `dialect` (sql-dialect.ts). Rows come back alike from both: instants as sqlInstant text,
 * counts and sums as numbers.
 */
export interface SqlReader {
  readonly dialect: SqlDialect;
  /** Every row of a SELECT, as objects keyed by column name. */
  all<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The reader of a service's database: its PostgreSQL database when `url` is one, else its SQLite `file`. */
export function openReader(options: {
  file: string;
  url?: string | undefined;
  statements?: StatementCounter;
}): SqlReader {
  return isPostgresUrl(options.url)
    ? new PostgresReader(options.url, options.statements)
    : new SqliteReader(options.file, options.statements);
}

/** The most prepared statements a reader keeps (each filter shape is one SQL text). */
const MAX_PREPARED = 256;

/** The reader of a SQLite file: better-sqlite3, prepared statements; WAL lets it read while Prisma's connection writes. */
export class SqliteReader implements SqlReader {
  readonly dialect = sqliteDialect;
  private readonly db: Database.Database;
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(
    file: string,
    private readonly statements?: StatementCounter,
  ) {
    this.db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  }

  all<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    if (this.statements) this.statements.count += 1;
    try {
      return Promise.resolve(this.statement(sql).all(...params.map(bindable)) as T[]);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      if (this.prepared.size >= MAX_PREPARED) this.prepared.clear();
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }
}

/** SQLite binds no booleans: the 1 and 0 it stores them as. */
const bindable = (value: unknown) => (typeof value === 'boolean' ? Number(value) : value);
