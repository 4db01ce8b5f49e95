import type { DepartmentEntry } from '@onewindow/schema';
import type { KitDatabase } from './database.js';
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
}

/** The SQL each dimension groups by, and the row key it fills. Months and weeks are China time. */
function dimensionSql(dimension: Exclude<CaseStatsDimension, 'DEPARTMENT'>, now: Date, warningDays: number) {
  switch (dimension) {
    case 'ITEM':
      return { key: 'itemCode', sql: 'c.itemCode', params: [] };
    case 'STATUS':
      return { key: 'status', sql: 'c.status', params: [] };
    case 'KIND':
      return { key: 'kind', sql: 'i.kind', params: [] };
    case 'MONTH':
      return { key: 'month', sql: "strftime('%Y-%m', c.submittedAt, '+8 hours')", params: [] };
    case 'WEEK':
      return { key: 'week', sql: "strftime('%G-W%V', c.submittedAt, '+8 hours')", params: [] };
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

/**
 * Case statistics of one department, computed by SQL GROUP BY in its own database: the hub
 * merges these rows across departments and never fetches cases to count them.
 */
export async function caseStats(
  db: KitDatabase,
  department: DepartmentEntry,
  args: { filter?: CaseFilterInput | null; groupBy: readonly CaseStatsDimension[] },
  clock: { now: Date; warningDays: number },
): Promise<CaseStatsRow[]> {
  if (args.filter?.departments && !args.filter.departments.includes(department.code)) return [];
  const dimensions = [...new Set(args.groupBy)].filter((d): d is Exclude<CaseStatsDimension, 'DEPARTMENT'> => d !== 'DEPARTMENT');
  const groups = dimensions.map((d) => dimensionSql(d, clock.now, clock.warningDays));
  const where = whereClause(args.filter ?? {}, clock.now, clock.warningDays);
  const decided = `c.status IN (${list(DECIDED_STATUSES)}) AND c.deadline IS NOT NULL`;
  // whereClause names columns bare; they are all Case's (Item shares none of them).
  const sql = `SELECT ${groups.map((g) => `${g.sql} AS "${g.key}"`).join(', ')}${groups.length ? ',' : ''}
      COUNT(*) AS count,
      COUNT(c.concludedAt) AS concluded,
      SUM(${decided}) AS decided,
      SUM(${decided} AND c.concludedAt <= c.deadline) AS onTime,
      SUM(${OVERDUE_SQL}) AS overdue,
      SUM(c.status IN ('DENIED', 'NOT_ACCEPTED')) AS denials,
      SUM(c.supplementRequestedAt IS NOT NULL) AS supplements,
      AVG(c.workingDaysToConclude) AS averageWorkingDaysToConclude,
      COUNT(c.workingDaysToConclude) AS durationSamples
    FROM "Case" c ${dimensions.includes('KIND') ? 'JOIN "Item" i ON i.code = c.itemCode' : ''}
    WHERE ${where.sql}
    ${groups.length ? `GROUP BY ${groups.map((_, i) => i + 1).join(', ')} ORDER BY ${groups.map((_, i) => i + 1).join(', ')}` : ''}`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...groups.flatMap((g) => g.params), sqlInstant(clock.now), ...where.params);
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
        averageWorkingDaysToConclude: row.averageWorkingDaysToConclude == null ? null : Number(row.averageWorkingDaysToConclude),
        durationSamples: Number(row.durationSamples ?? 0),
      };
    });
}
