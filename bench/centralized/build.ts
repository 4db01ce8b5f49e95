import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { departments } from '../../schema/src/index.js';
import { DAILY_STATS_MEASURES, databaseFile } from '../../services/kit/src/index.js';

/** Bumped whenever the indexes below change, so a benchmark rebuilds an older centralized database. */
const CENTRAL_SCHEMA_VERSION = 4;

/** True when `file` is a centralized database built with the current indexes. */
export function centralizedDatabaseIsCurrent(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) === CENTRAL_SCHEMA_VERSION;
  } finally {
    db.close();
  }
}

/**
 * The alternative the center may not have: every department's cases copied into ONE SQLite
 * database, with a department column and the same indexes the departments have (including the
 * expression indexes for deadline order, which carry the overdue condition's columns), and the
 * same maintained daily statistics (CaseDailyStats and its day totals, CaseDailyTotals, each with
 * the department first in its key) and the same partial index of open cases. Built from the
 * department files so both hold the same data. The benchmark only reads it, so the daily rows are
 * copied rather than kept by triggers.
 */
export function buildCentralizedDatabase(
  dataDir: string,
  file: string,
  /** The departments, in the registry's order (the hub breaks ties in it, and so does departmentIndex). */
  codes: readonly string[] = departments.map((d) => d.code),
): void {
  if (existsSync(file)) rmSync(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  try {
    codes.forEach((code, index) => {
      db.exec(`ATTACH DATABASE '${databaseFile(dataDir, code)}' AS d`);
      if (index === 0) {
        db.exec(
          `CREATE TABLE "Case" AS SELECT '${code}' AS department, ${index} AS departmentIndex, * FROM d."Case" WHERE 0`,
        );
        db.exec(`CREATE TABLE "Item" AS SELECT '${code}' AS department, * FROM d."Item" WHERE 0`);
        db.exec(`CREATE TABLE "CaseDailyStats" AS SELECT '${code}' AS department, * FROM d."CaseDailyStats" WHERE 0`);
        db.exec(
          `CREATE TABLE "CaseDailyTotals" (department TEXT, day TEXT, ${DAILY_STATS_MEASURES.map((m) => `${m} INTEGER`).join(', ')})`,
        );
      }
      db.exec(`INSERT INTO "Case" SELECT '${code}', ${index}, * FROM d."Case"`);
      db.exec(`INSERT INTO "Item" SELECT '${code}', * FROM d."Item"`);
      db.exec(`INSERT INTO "CaseDailyStats" SELECT '${code}', * FROM d."CaseDailyStats" WHERE count > 0`);
      // The day totals as the departments keep them: the sums of each day's rows. Summed here, since
      // a department's database may not have been migrated to hold its own yet.
      db.exec(`INSERT INTO "CaseDailyTotals" SELECT '${code}', day, ${DAILY_STATS_MEASURES.map((m) => `SUM(${m})`).join(', ')}
        FROM d."CaseDailyStats" WHERE count > 0 GROUP BY day`);
      db.exec('DETACH DATABASE d');
    });
    db.exec(`
      CREATE UNIQUE INDEX central_case_pk ON "Case"(departmentIndex, id);
      CREATE INDEX central_submitted ON "Case"(submittedAt, departmentIndex, id);
      CREATE INDEX central_deadline ON "Case"(deadline, departmentIndex, id);
      CREATE INDEX central_status ON "Case"(status);
      CREATE INDEX central_concluded ON "Case"(concludedAt);
      CREATE INDEX central_deadline_asc ON "Case"(COALESCE(deadline, '9999-12-31T23:59:59.999+00:00'), departmentIndex, id, deadline, concludedAt, suspendedAt);
      CREATE INDEX central_deadline_desc ON "Case"(COALESCE(deadline, '0000-01-01T00:00:00.000+00:00'), departmentIndex, id, deadline, concludedAt, suspendedAt);
      CREATE INDEX central_stats_covering ON "Case"(submittedAt, department, departmentIndex, status, concludedAt, deadline, suspendedAt, supplementRequestedAt, workingDaysToConclude);
      CREATE INDEX central_open_clock ON "Case"(department, deadline, suspendedAt, submittedAt, concludedAt) WHERE concludedAt IS NULL;
      CREATE UNIQUE INDEX central_daily_key ON "CaseDailyStats"(department, day, itemCode, status);
      CREATE UNIQUE INDEX central_daily_totals_key ON "CaseDailyTotals"(department, day);
      ANALYZE;
    `);
    db.pragma(`user_version = ${CENTRAL_SCHEMA_VERSION}`);
  } finally {
    db.close();
  }
}
