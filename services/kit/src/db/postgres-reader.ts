import pg from 'pg';
import { sqlInstant } from '../department/case-status.js';
import type { StatementCounter } from './statement-counter.js';
import { postgresDialect } from './sql-dialect.js';
import { poolConfig } from './postgres.js';
import type { SqlReader } from './reader.js';

const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMP = 1114;

/**
 * Rows as the SQLite reader gives them. A timestamp (Prisma's DateTime: UTC, without a zone) is
 * sqlInstant text, not pg's Date in the process's local zone; a count (bigint) or a ratio
 * (numeric) is a number: statistics stay far below 2^53.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMP) return (text: string) => sqlInstant(new Date(`${text.replace(' ', 'T')}Z`));
    if (oid === INT8 || oid === NUMERIC) return Number;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/**
 * `?` parameters numbered as PostgreSQL wants them ($1, $2, …); a `?` inside a quoted literal or
 * identifier is left alone.
 */
export function numberParameters(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = '';
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = null;
      out += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
    } else out += char === '?' ? `$${++n}` : char;
  }
  return out;
}

/** The reader of a PostgreSQL database: a small pool of its own, so reads never queue behind Prisma's writes. */
export class PostgresReader implements SqlReader {
  readonly dialect = postgresDialect;
  private readonly pool: pg.Pool;
  private readonly numbered = new Map<string, string>();

  constructor(
    url: string,
    private readonly statements?: StatementCounter,
  ) {
    this.pool = new pg.Pool({ ...poolConfig(url), application_name: 'onewindow-reader', max: 4, types });
    // An idle connection the server dropped is replaced at the next query; it must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async all<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    if (this.statements) this.statements.count += 1;
    let text = this.numbered.get(sql);
    if (text === undefined) {
      text = numberParameters(sql);
      if (this.numbered.size >= 256) this.numbered.clear();
      this.numbered.set(sql, text);
    }
    const result = await this.pool.query({ text, values: [...params] });
    return result.rows as T[];
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
