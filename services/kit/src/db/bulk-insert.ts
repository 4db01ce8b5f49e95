import Database from 'better-sqlite3';
import { sqlInstant } from '../department/case-status.js';
import { tuneWriteConnection } from './database.js';

export type SqlValue = string | number | boolean | Date | null;

/** Rows for one table; every row has the same columns. */
export interface TableRows {
  table: string;
  rows: readonly Record<string, SqlValue>[];
}

function toSql(value: SqlValue): string | number | null {
  if (value instanceof Date) return sqlInstant(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * Writes many rows to a service's SQLite file in one transaction with prepared statements.
 * Prisma's createMany is about 8× slower at this (bench/README.md), which matters for seeding a
 * million cases; everything else goes through Prisma. Dates are stored as Prisma stores them.
 */
export function bulkInsert(file: string, tables: readonly TableRows[]): void {
  const db = new Database(file);
  try {
    tuneWriteConnection(db);
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      for (const { table, rows } of tables) {
        const first = rows[0];
        if (!first) continue;
        const columns = Object.keys(first);
        const insert = db.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        for (const row of rows) insert.run(...columns.map((c) => toSql(row[c] ?? null)));
      }
    })();
    // Fresh statistics let SQLite's planner pick the right index for the new volume.
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}
