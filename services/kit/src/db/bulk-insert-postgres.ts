import pg from 'pg';
import { sqlInstant } from '../department/case-status.js';
import type { SqlValue, TableRows } from './bulk-insert.js';
import { poolConfig } from './postgres.js';

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

/** A value as PostgreSQL reads it: an instant as UTC text (a timestamp column ignores the zone; pg's Date would be local time). */
const toSql = (value: SqlValue) => (value instanceof Date ? sqlInstant(value) : value);

/**
 * bulkInsert (bulk-insert.ts) for a PostgreSQL database: the rows of every table in one
 * transaction, as multi-row INSERTs of as many rows as the parameter limit allows, then ANALYZE
 * so the planner knows the new volume. Triggers (the daily statistics) run as for any insert; a
 * table's id sequence is moved past the ids the rows brought.
 */
export async function bulkInsertPostgres(url: string, tables: readonly TableRows[]): Promise<void> {
  const client = new pg.Client({ ...poolConfig(url), application_name: 'onewindow-seed' });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const { table, rows } of tables) {
      const first = rows[0];
      if (!first) continue;
      const columns = Object.keys(first);
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const values: unknown[] = [];
        const tuples = chunk.map((row) => {
          const placeholders = columns.map((column) => {
            values.push(toSql(row[column] ?? null));
            return `$${values.length}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        await client.query(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
          values,
        );
      }
      // Rows that bring their own ids leave the table's sequence behind: the next insert would reuse one.
      if (columns.includes('id'))
        await client.query(
          `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`,
        );
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
