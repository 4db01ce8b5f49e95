/**
 * A department's maintained daily statistics (CaseDailyStats and their day totals,
 * CaseDailyTotals), read straight from its database, and the same rows recounted from its cases
 * in memory: after any writes the two must be equal.
 */
import { expect } from 'vitest';
import { DAILY_STATS_MEASURES } from '../../services/kit/src/index.js';
import { caseCounts, chinaDay, readCases } from './brute-force.js';
import { openDepartmentDatabase } from './department-database.js';

export type DailyRow = Record<(typeof DAILY_STATS_MEASURES)[number], number>;

const zeroRow = (): DailyRow => ({
  count: 0,
  concluded: 0,
  decided: 0,
  onTime: 0,
  late: 0,
  denials: 0,
  supplements: 0,
  durationSum: 0,
  durationSamples: 0,
});

/**
 * The stored rows by `day|itemCode|status`, leaving out those whose cases have all moved on (every
 * measure 0); `broken` lists the rows that are neither (a negative measure, or measures without cases).
 */
export async function storedDailyRows(
  dataDir: string,
  code: string,
): Promise<{ rows: Map<string, DailyRow>; broken: unknown[] }> {
  const db = openDepartmentDatabase(dataDir, code);
  try {
    const all = await db.query<DailyRow & { day: string; itemCode: string; status: string }>(
      'SELECT * FROM "CaseDailyStats"',
    );
    const rows = new Map<string, DailyRow>();
    const broken: unknown[] = [];
    for (const { day, itemCode, status, ...measures } of all) {
      const values = DAILY_STATS_MEASURES.map((m) => measures[m]);
      if (values.some((v) => v < 0) || (measures.count === 0 && values.some((v) => v !== 0)))
        broken.push({ day, itemCode, status, ...measures });
      else if (measures.count > 0) rows.set(`${day}|${itemCode}|${status}`, measures);
    }
    return { rows, broken };
  } finally {
    await db.close();
  }
}

/** The rows as the cases say, counted one case at a time. */
export async function recountedDailyRows(dataDir: string, code: string): Promise<Map<string, DailyRow>> {
  const rows = new Map<string, DailyRow>();
  for (const c of await readCases(dataDir, code)) {
    const key = `${chinaDay(c.submittedAt)}|${c.itemCode}|${c.status}`;
    const row = rows.get(key) ?? zeroRow();
    // No clock: the rows hold nothing that depends on it (open cases' overdue is counted when asked).
    const counts = caseCounts(c, new Date(0));
    row.count += 1;
    row.concluded += Number(counts.concluded);
    row.decided += Number(counts.decided);
    row.onTime += Number(counts.onTime);
    row.late += Number(counts.late);
    row.denials += Number(counts.denial);
    row.supplements += Number(counts.supplement);
    row.durationSum += c.workingDaysToConclude ?? 0;
    row.durationSamples += c.workingDaysToConclude === null ? 0 : 1;
    rows.set(key, row);
  }
  return rows;
}

/** The stored day totals (CaseDailyTotals) by day, leaving out the days whose every measure is 0. */
export async function storedDayTotals(dataDir: string, code: string): Promise<Map<string, DailyRow>> {
  const db = openDepartmentDatabase(dataDir, code);
  try {
    const all = await db.query<DailyRow & { day: string }>('SELECT * FROM "CaseDailyTotals"');
    return new Map(
      all
        .filter(({ day: _day, ...measures }) => DAILY_STATS_MEASURES.some((m) => measures[m] !== 0))
        .map(({ day, ...m }) => [day, m]),
    );
  } finally {
    await db.close();
  }
}

/** The day totals as the recounted rows add up, day by day. */
function totalsByDay(rows: ReadonlyMap<string, DailyRow>): Map<string, DailyRow> {
  const totals = new Map<string, DailyRow>();
  for (const [key, row] of rows) {
    const day = key.slice(0, key.indexOf('|'));
    const total = totals.get(day) ?? zeroRow();
    for (const m of DAILY_STATS_MEASURES) total[m] += row[m];
    totals.set(day, total);
  }
  return totals;
}

/** The stored rows and day totals equal the recount, and no row is broken. */
export async function expectDailyRowsMatchCases(dataDir: string, code: string): Promise<void> {
  const { rows, broken } = await storedDailyRows(dataDir, code);
  const recounted = await recountedDailyRows(dataDir, code);
  expect(broken, `${code}: rows that are neither counts nor empty`).toEqual([]);
  expect(Object.fromEntries(rows), `${code}: stored rows against a recount`).toEqual(Object.fromEntries(recounted));
  expect(
    Object.fromEntries(await storedDayTotals(dataDir, code)),
    `${code}: stored day totals against a recount`,
  ).toEqual(Object.fromEntries(totalsByDay(recounted)));
}
