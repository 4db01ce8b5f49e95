import type { SqlReader } from '../db/reader.js';
import type { SqlDialect } from '../db/sql-dialect.js';
import { inListSql, whereClause, type CaseFilterInput } from './case-list.js';
import { sqlInstant } from './case-status.js';
import { chinaDay, startOfChinaDay } from './working-days.js';

/**
 * Case statistics read from the maintained daily rows (CaseDailyStats: China day of submission,
 * item and status, kept by triggers in the transaction of every write) instead of from every case.
 * A month of a large department is a few thousand rows instead of tens of thousands of cases, or
 * thirty (CaseDailyTotals, the rows' sums per day) when nothing is grouped or filtered but the
 * days. The one measure that depends on the clock, open cases past their deadline, is counted from
 * those cases when asked, from the partial index of open cases (Case_open_stats_idx, which holds
 * every column that count reads); cases concluded late are in the rows.
 */

/** The measures each daily row (CaseDailyStats) and each day's totals (CaseDailyTotals) hold. */
export const DAILY_STATS_MEASURES = [
  'count',
  'concluded',
  'decided',
  'onTime',
  'late',
  'denials',
  'supplements',
  'durationSum',
  'durationSamples',
] as const;

/** A statistics dimension the rows can group by, and its SQL over them (`d`, and `i` for the item). */
const DIMENSION_SQL: Record<string, (dialect: SqlDialect) => string> = {
  ITEM: () => 'd."itemCode"',
  STATUS: () => 'd."status"',
  KIND: () => 'i."kind"',
  MONTH: () => 'substr(d."day", 1, 7)',
  WEEK: (dialect) => dialect.dayWeek('d."day"'),
};

/** The filter fields the rows can answer: a submission period only if it starts and ends at midnights, China time. */
const FILTERS = new Set(['departments', 'statuses', 'itemCodes', 'kind', 'submittedFrom', 'submittedTo']);

/** The aggregate columns over the rows, named as STATS_AGGREGATE_SQL's; `overdue` has the open cases added. */
const AGGREGATE_SQL: Record<string, string> = {
  count: 'SUM(d."count")',
  concluded: 'SUM(d."concluded")',
  decided: 'SUM(d."decided")',
  onTime: 'SUM(d."onTime")',
  overdue: 'SUM(d."late")',
  denials: 'SUM(d."denials")',
  supplements: 'SUM(d."supplements")',
  // AVG over integers is their exact sum over their count, in double precision: the same number.
  averageWorkingDaysToConclude: 'CAST(SUM(d."durationSum") AS DOUBLE PRECISION) / NULLIF(SUM(d."durationSamples"), 0)',
  durationSamples: 'SUM(d."durationSamples")',
};

const isChinaMidnight = (at: Date) => startOfChinaDay(chinaDay(at)).getTime() === at.getTime();

/**
 * Whether the rows answer this question exactly: every filter field is one they hold, the
 * dimensions are theirs (not the clock-dependent supervision level), and no column needs a case's
 * events (窗口办结 is read from who decided).
 */
export function dailyRowsCanAnswer(
  filter: CaseFilterInput,
  dimensions: readonly string[],
  columns: readonly string[],
): boolean {
  const fields = Object.entries(filter).filter(([, value]) => value != null);
  if (fields.some(([name]) => !FILTERS.has(name))) return false;
  if (filter.submittedFrom && !isChinaMidnight(filter.submittedFrom)) return false;
  if (filter.submittedTo && !isChinaMidnight(filter.submittedTo)) return false;
  return dimensions.every((d) => d in DIMENSION_SQL) && columns.every((c) => c in AGGREGATE_SQL);
}

/**
 * The statistics rows, grouped by `dimensions` (as `"itemCode"`, `"month"`, ... named by `keys`)
 * with the aggregate `columns`, ordered by the groups: the same rows as the GROUP BY over the cases.
 */
export async function dailyStatsRows(
  reader: SqlReader,
  args: {
    filter: CaseFilterInput;
    dimensions: readonly string[];
    keys: readonly string[];
    columns: readonly string[];
    /** The same dimensions' SQL over the cases (`c`, and `i` for the item), for the open cases' part of `overdue`. */
    caseGroups: readonly string[];
  },
  now: Date,
): Promise<Record<string, unknown>[]> {
  const { filter, dimensions, keys, columns, caseGroups } = args;
  const dialect = reader.dialect;
  const conditions = ['d."count" > 0'];
  const params: unknown[] = [];
  for (const [column, values] of [
    ['d."status"', filter.statuses],
    ['d."itemCode"', filter.itemCodes],
  ] as const) {
    if (!values) continue;
    conditions.push(inListSql(column, values));
    params.push(...values);
  }
  if (filter.kind) {
    conditions.push('d."itemCode" IN (SELECT "code" FROM "Item" WHERE "kind" = ?)');
    params.push(filter.kind);
  }
  if (filter.submittedFrom) {
    conditions.push('d."day" >= ?');
    params.push(chinaDay(filter.submittedFrom));
  }
  if (filter.submittedTo) {
    conditions.push('d."day" < ?');
    params.push(chinaDay(filter.submittedTo));
  }
  const groups = dimensions.map((d) => DIMENSION_SQL[d]!(dialect));
  const positions = groups.map((_, i) => i + 1).join(', ');
  // A period's totals, with nothing to group by and no filter on items or statuses (a dashboard's
  // headline numbers), are the day totals' sums: one row per day rather than one per day, item and
  // status. Their columns are named as the daily rows', so the same aggregates read them.
  const table =
    !groups.length && !filter.statuses && !filter.itemCodes && !filter.kind ? 'CaseDailyTotals' : 'CaseDailyStats';
  const rows = await reader.all<Record<string, unknown>>(
    `SELECT ${[...groups.map((g, i) => `${g} AS "${keys[i]}"`), ...['count', ...columns].map((c) => `${AGGREGATE_SQL[c]} AS "${c}"`)].join(', ')}
     FROM "${table}" d ${dimensions.includes('KIND') ? 'JOIN "Item" i ON i."code" = d."itemCode"' : ''}
     WHERE ${conditions.join(' AND ')} ${groups.length ? `GROUP BY ${positions} ORDER BY ${positions}` : ''}`,
    params,
  );
  if (!columns.includes('overdue')) return rows;
  // Open cases past their deadline now: a suspended case's clock stopped when it was suspended.
  const where = whereClause(filter, now, 0, dialect);
  const open = await reader.all<Record<string, unknown>>(
    `SELECT ${[...caseGroups.map((g, i) => `${g} AS "${keys[i]}"`), 'COUNT(*) AS "overdue"'].join(', ')}
     FROM "Case" c ${dialect.indexedBy('Case_open_stats_idx')} ${dimensions.includes('KIND') ? 'JOIN "Item" i ON i."code" = c."itemCode"' : ''}
     WHERE "concludedAt" IS NULL AND "deadline" < ? AND "deadline" < COALESCE("suspendedAt", ?) AND ${where.sql}
     ${groups.length ? `GROUP BY ${positions}` : ''}`,
    [sqlInstant(now), sqlInstant(now), ...where.params],
  );
  const groupOf = (row: Record<string, unknown>) => JSON.stringify(keys.map((key) => row[key]));
  const byGroup = new Map(rows.map((row) => [groupOf(row), row]));
  for (const extra of open) {
    const row = byGroup.get(groupOf(extra));
    if (row) row.overdue = Number(row.overdue ?? 0) + Number(extra.overdue);
  }
  return rows;
}
