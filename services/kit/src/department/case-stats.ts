import type { DepartmentEntry } from '@onewindow/schema';
import type { SqlReader } from '../db/reader.js';
import type { SqlDialect } from '../db/sql-dialect.js';
import { dailyRowsCanAnswer, dailyStatsRows } from './case-stats-daily.js';
import { whereClause, type CaseFilterInput } from './case-list.js';
import { DECIDED_STATUSES, OVERDUE_SQL, sqlInstant, supervisionSql } from './case-status.js';

export type CaseStatsDimension = 'DEPARTMENT' | 'ITEM' | 'STATUS' | 'KIND' | 'MONTH' | 'WEEK' | 'SUPERVISION_LEVEL';

/** One group of cases with its measures, as CaseStatsRow in the contract. */
export interface CaseStatsRow {
  department: string | null;
  itemCode: string | null;
  status: string | null;
  kind: string | null;
  month: string | null;
  week: string | null;
  supervisionLevel: string | null;
  count: number;
  concluded: number;
  decided: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
  denials: number;
  supplements: number;
  averageWorkingDaysToConclude: number | null;
  durationSamples: number;
  decidedAtWindow: number;
}

/** The SQL each dimension groups by, and the row key it fills. Months and weeks are China time. */
function dimensionSql(
  dimension: Exclude<CaseStatsDimension, 'DEPARTMENT'>,
  now: Date,
  warningDays: number,
  dialect: SqlDialect,
) {
  switch (dimension) {
    case 'ITEM':
      return { key: 'itemCode', sql: 'c."itemCode"', params: [] };
    case 'STATUS':
      return { key: 'status', sql: 'c."status"', params: [] };
    case 'KIND':
      return { key: 'kind', sql: 'i."kind"', params: [] };
    case 'MONTH':
      return { key: 'month', sql: dialect.chinaMonth('c."submittedAt"'), params: [] };
    case 'WEEK':
      return { key: 'week', sql: dialect.chinaWeek('c."submittedAt"'), params: [] };
    case 'SUPERVISION_LEVEL': {
      const level = supervisionSql(now, warningDays);
      return {
        key: 'supervisionLevel',
        sql: `CASE WHEN ${level.RED.sql} THEN 'RED' WHEN ${level.YELLOW.sql} THEN 'YELLOW' WHEN ${level.WARNING.sql} THEN 'WARNING' ELSE 'NONE' END`,
        params: [...level.RED.params, ...level.YELLOW.params, ...level.WARNING.params],
      };
    }
  }
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** A measure of CaseStatsRow, computed by SQL aggregates over the group's cases. */
export type CaseStatsMeasure =
  | 'count'
  | 'concluded'
  | 'decided'
  | 'onTime'
  | 'onTimeRate'
  | 'overdue'
  | 'denials'
  | 'supplements'
  | 'averageWorkingDaysToConclude'
  | 'durationSamples'
  | 'decidedAtWindow';

/**
 * The aggregates of case statistics over "Case", columns bare (the Item table joined for KIND
 * shares none of them). The centralized benchmark query counts with the same SQL. Counts are
 * `COUNT(*) FILTER (WHERE ...)` and `COUNT(column)`, which SQLite evaluates at about half the cost
 * of `SUM(<condition>)`; a statistics query evaluates them on every case of its groups. The
 * overdue count's one `?` is the current instant.
 */
export const STATS_AGGREGATE_SQL = {
  count: 'COUNT(*)',
  concluded: 'COUNT("concludedAt")',
  decided: `COUNT(*) FILTER (WHERE "status" IN (${list(DECIDED_STATUSES)}) AND "deadline" IS NOT NULL)`,
  // Decided by the deadline: with no deadline the comparison is unknown and the case not counted.
  onTime: `COUNT(*) FILTER (WHERE "status" IN (${list(DECIDED_STATUSES)}) AND "concludedAt" <= "deadline")`,
  overdue: `COUNT(*) FILTER (WHERE ${OVERDUE_SQL})`,
  denials: `COUNT(*) FILTER (WHERE "status" IN ('DENIED', 'NOT_ACCEPTED'))`,
  supplements: 'COUNT("supplementRequestedAt")',
  // In double precision on both databases (PostgreSQL's AVG of integers is numeric, rounded otherwise).
  averageWorkingDaysToConclude: 'AVG(CAST("workingDaysToConclude" AS DOUBLE PRECISION))',
  durationSamples: 'COUNT("workingDaysToConclude")',
  // 窗口办结: decided on the spot, or approved or denied by a chief representative at the window
  // (actor `chief:...`, whom the department lets decide only the items of their window
  // authorization: access/writes.ts). `id` is the case's: Item has none.
  decidedAtWindow: `COUNT(*) FILTER (WHERE "status" IN (${list(DECIDED_STATUSES)}) AND "deadline" IS NOT NULL AND c."id" IN (
    SELECT "caseId" FROM "CaseEvent" WHERE "action" = 'approveOnSpot' OR ("action" IN ('approve', 'deny') AND "actor" LIKE 'chief:%')))`,
} as const;

/** Each aggregate column, and the measures that need it. */
const AGGREGATES: { column: keyof typeof STATS_AGGREGATE_SQL; neededBy: readonly CaseStatsMeasure[] }[] = [
  { column: 'concluded', neededBy: ['concluded'] },
  { column: 'decided', neededBy: ['decided', 'onTimeRate'] },
  { column: 'onTime', neededBy: ['onTime', 'onTimeRate'] },
  { column: 'overdue', neededBy: ['overdue'] },
  { column: 'denials', neededBy: ['denials'] },
  { column: 'supplements', neededBy: ['supplements'] },
  { column: 'averageWorkingDaysToConclude', neededBy: ['averageWorkingDaysToConclude'] },
  { column: 'durationSamples', neededBy: ['durationSamples'] },
  { column: 'decidedAtWindow', neededBy: ['decidedAtWindow'] },
];

/** The statistics rows by SQL GROUP BY over the cases: for what the maintained daily rows cannot answer. */
function groupCases(
  reader: SqlReader,
  groups: readonly { key: string; sql: string; params: readonly unknown[] }[],
  withItem: boolean,
  columns: readonly (keyof typeof STATS_AGGREGATE_SQL)[],
  where: { sql: string; params: unknown[] },
  now: Date,
): Promise<Record<string, unknown>[]> {
  const positions = groups.map((_, i) => i + 1).join(', ');
  // whereClause names columns bare; they are all Case's (Item shares none of them).
  const sql = `SELECT ${groups.map((g) => `${g.sql} AS "${g.key}"`).join(', ')}${groups.length ? ',' : ''}
      ${['count' as const, ...columns].map((column) => `${STATS_AGGREGATE_SQL[column]} AS "${column}"`).join(',\n      ')}
    FROM "Case" c ${withItem ? 'JOIN "Item" i ON i."code" = c."itemCode"' : ''}
    WHERE ${where.sql}
    ${groups.length ? `GROUP BY ${positions} ORDER BY ${positions}` : ''}`;
  return reader.all<Record<string, unknown>>(sql, [
    ...groups.flatMap((g) => g.params),
    ...(columns.includes('overdue') ? [sqlInstant(now)] : []),
    ...where.params,
  ]);
}

/**
 * Case statistics of one department, computed in its own database: the hub merges these rows
 * across departments and never fetches cases to count them. They come from the maintained daily
 * rows when those can answer (case-stats-daily.ts), and otherwise by GROUP BY over the cases. Only
 * the aggregates of the `measures` asked for are computed (all when none are named: a statistics
 * query over the cases reads every case of its groups, and each aggregate costs on every one);
 * the others are 0 or null.
 */
export async function caseStats(
  reader: SqlReader,
  department: DepartmentEntry,
  args: {
    filter?: CaseFilterInput | null;
    groupBy: readonly CaseStatsDimension[];
    measures?: ReadonlySet<string> | null;
  },
  clock: { now: Date; warningDays: number },
): Promise<CaseStatsRow[]> {
  if (args.filter?.departments && !args.filter.departments.includes(department.code)) return [];
  const dimensions = [...new Set(args.groupBy)].filter(
    (d): d is Exclude<CaseStatsDimension, 'DEPARTMENT'> => d !== 'DEPARTMENT',
  );
  const dialect = reader.dialect;
  const groups = dimensions.map((d) => dimensionSql(d, clock.now, clock.warningDays, dialect));
  const aggregates = AGGREGATES.filter((a) => !args.measures || a.neededBy.some((m) => args.measures!.has(m)));
  const columns = aggregates.map((a) => a.column);
  const filter = args.filter ?? {};
  const rows = dailyRowsCanAnswer(filter, dimensions, columns)
    ? await dailyStatsRows(
        reader,
        { filter, dimensions, keys: groups.map((g) => g.key), columns, caseGroups: groups.map((g) => g.sql) },
        clock.now,
      )
    : await groupCases(
        reader,
        groups,
        dimensions.includes('KIND'),
        columns,
        whereClause(filter, clock.now, clock.warningDays, dialect),
        clock.now,
      );
  return rows
    .filter((row) => Number(row.count) > 0)
    .map((row) => {
      const decidedCount = Number(row.decided ?? 0);
      const onTime = Number(row.onTime ?? 0);
      return {
        department: department.code,
        itemCode: (row.itemCode as string | undefined) ?? null,
        status: (row.status as string | undefined) ?? null,
        kind: (row.kind as string | undefined) ?? null,
        month: (row.month as string | undefined) ?? null,
        week: (row.week as string | undefined) ?? null,
        supervisionLevel: (row.supervisionLevel as string | undefined) ?? null,
        count: Number(row.count),
        concluded: Number(row.concluded ?? 0),
        decided: decidedCount,
        onTime,
        onTimeRate: decidedCount ? onTime / decidedCount : null,
        overdue: Number(row.overdue ?? 0),
        denials: Number(row.denials ?? 0),
        supplements: Number(row.supplements ?? 0),
        averageWorkingDaysToConclude:
          row.averageWorkingDaysToConclude == null ? null : Number(row.averageWorkingDaysToConclude),
        durationSamples: Number(row.durationSamples ?? 0),
        decidedAtWindow: Number(row.decidedAtWindow ?? 0),
      };
    });
}
