import Database from 'better-sqlite3';
import type { StatementCounter } from './statement-counter.js';

/** The most prepared statements a reader keeps (each filter shape is one SQL text). */
const MAX_PREPARED = 256;

/**
 * A read-only connection of a service to its own database, for the raw SQL of measured hot
 * paths (a department's case pages and statistics), beside the Prisma client that does every
 * write and all ordinary access. For a 50-case page Prisma's raw query costs about 1 ms of CPU
 * where better-sqlite3 with a prepared statement costs 0.5, and a department pays it on every
 * page the hub asks for. SQLite's WAL lets it read while Prisma's connection writes, and every
 * statement reads the latest commit. Statements are counted with Prisma's (statement-counter.ts).
 */
export class SqlReader {
  private readonly db: Database.Database;
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(
    file: string,
    private readonly statements?: StatementCounter,
  ) {
    this.db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  }

  /** Every row of a SELECT, as objects keyed by column name (SQLite types: text, number, null). */
  all<T>(sql: string, params: readonly unknown[]): T[] {
    if (this.statements) this.statements.count += 1;
    return this.statement(sql).all(...params) as T[];
  }

  close(): void {
    this.db.close();
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
