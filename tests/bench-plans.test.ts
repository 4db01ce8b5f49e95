/**
 * The benchmark compares the federation with a centralized database fairly only if both answer
 * the dashboard with the same techniques. This reads both query plans on seeded data: the
 * departments' statistics and the centralized dashboard each read the maintained day totals by
 * an index range and the open cases from the partial index of open cases, and neither sorts.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCentralizedDatabase } from '../bench/centralized/build.js';
import { DASHBOARD_SQL, dashboardSql } from '../bench/centralized/queries.js';
import { departments, findDepartment } from '../schema/src/index.js';
import { SqliteReader } from '../services/kit/src/db/reader.js';
import { caseStats, chinaDay, databaseFile, sqlInstant, startOfChinaDay } from '../services/kit/src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-bench-plans-'));
const centralFile = join(dataDir, 'centralized.db');
const NOW = new Date();
/** The dashboard's period: from a China midnight, as the bench asks. */
const FROM = new Date(startOfChinaDay(chinaDay(NOW)).getTime() - 29 * 86_400_000);

beforeAll(() => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--cases', '3000', '--data-dir', dataDir], {
    cwd: root,
    stdio: 'ignore',
  });
  buildCentralizedDatabase(dataDir, centralFile);
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The plan's lines, as SQLite's EXPLAIN QUERY PLAN words them. */
function plan(file: string, sql: string, params: readonly unknown[]): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
  } finally {
    db.close();
  }
}

/** A reader that keeps every statement it runs, to read their plans. */
class RecordingReader extends SqliteReader {
  readonly recorded: { sql: string; params: readonly unknown[] }[] = [];
  override all<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    this.recorded.push({ sql, params });
    return super.all<T>(sql, params);
  }
}

describe('the dashboard, federated and centralized', () => {
  it('each department reads its day totals by a range of days and its open cases from their own index, with no sort', async () => {
    for (const { code } of departments) {
      const file = databaseFile(dataDir, code);
      const reader = new RecordingReader(file);
      try {
        const measures = new Set(['count', 'concluded', 'decided', 'onTime', 'overdue']);
        const filter = { submittedFrom: FROM };
        await caseStats(
          reader,
          findDepartment(code)!,
          { filter, groupBy: ['DEPARTMENT'], measures },
          {
            now: NOW,
            warningDays: 3,
          },
        );
        const [daily, open] = reader.recorded.map(({ sql, params }) => plan(file, sql, params).join(' / '));
        expect(reader.recorded).toHaveLength(2);
        expect(daily, code).toMatch(/SEARCH d USING (COVERING )?INDEX sqlite_autoindex_CaseDailyTotals_1 \(day>\?\)/);
        expect(open, code).toMatch(/SEARCH c USING COVERING INDEX Case_open_stats_idx \(deadline<\?\)/);
        expect(`${daily} / ${open}`, code).not.toMatch(/TEMP B-TREE|SCAN/);
      } finally {
        await reader.close();
      }
    }
  });

  it('the centralized server does the same over one database: index order per department, no sort', () => {
    const daily = plan(centralFile, DASHBOARD_SQL.daily, [chinaDay(FROM)]).join(' / ');
    const open = plan(centralFile, DASHBOARD_SQL.openOverdue, [
      sqlInstant(NOW),
      sqlInstant(NOW),
      sqlInstant(FROM),
    ]).join(' / ');
    expect(daily).toMatch(/USING (COVERING )?INDEX central_daily_totals_key/);
    expect(open).toMatch(/USING COVERING INDEX central_open_clock/);
    expect(`${daily} / ${open}`).not.toMatch(/TEMP B-TREE/);
  });

  it('and both give the same numbers for every department', async () => {
    const db = new Database(centralFile, { readonly: true });
    try {
      const central = dashboardSql(db, FROM, NOW);
      for (const { code } of departments) {
        const reader = new SqliteReader(databaseFile(dataDir, code));
        try {
          const [row] = await caseStats(
            reader,
            findDepartment(code)!,
            { filter: { submittedFrom: FROM }, groupBy: ['DEPARTMENT'] },
            {
              now: NOW,
              warningDays: 3,
            },
          );
          const { department, count, concluded, decided, onTime, overdue } = row!;
          expect(
            central.find((r) => r.department === code),
            code,
          ).toEqual({
            department,
            count,
            concluded,
            decided,
            onTime,
            overdue,
          });
        } finally {
          await reader.close();
        }
      }
    } finally {
      db.close();
    }
  });
});
