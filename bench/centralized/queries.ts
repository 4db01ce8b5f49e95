import type Database from 'better-sqlite3';
import { chinaDay, inListSql, sqlInstant, whereClause } from '../../services/kit/src/index.js';

/**
 * The dashboard's two statements over the centralized database, as the departments answer theirs:
 * the period's maintained day totals per department (a range of the day in each department's part
 * of the key), and the open cases past their deadline now, counted from the partial index of open
 * cases. Both walk their index in department order: no sort.
 */
export const DASHBOARD_SQL = {
  daily: `SELECT department, SUM(count) AS count, SUM(concluded) AS concluded, SUM(late) AS late,
      SUM(decided) AS decided, SUM(onTime) AS onTime
    FROM "CaseDailyTotals" INDEXED BY central_daily_totals_key WHERE day >= ? GROUP BY department`,
  openOverdue: `SELECT department, COUNT(*) AS overdue FROM "Case" INDEXED BY central_open_clock
    WHERE concludedAt IS NULL AND deadline < ? AND deadline < COALESCE(suspendedAt, ?) AND submittedAt >= ?
    GROUP BY department`,
};

/** The dashboard over the centralized database: per department, the numbers of the cases submitted since `from` (a China midnight). */
export function dashboardSql(db: Database.Database, from: Date, now: Date) {
  const rows = db.prepare(DASHBOARD_SQL.daily).all(chinaDay(from)) as {
    department: string;
    count: number;
    concluded: number;
    late: number;
    decided: number;
    onTime: number;
  }[];
  const open = db.prepare(DASHBOARD_SQL.openOverdue).all(sqlInstant(now), sqlInstant(now), sqlInstant(from)) as {
    department: string;
    overdue: number;
  }[];
  const openOverdue = new Map(open.map((r) => [r.department, r.overdue]));
  return rows.map(({ late, ...row }) => ({ ...row, overdue: late + (openOverdue.get(row.department) ?? 0) }));
}

/** Cases without a deadline sort after every dated case, in either direction (as in the departments). */
const deadlineKey = (direction: 'ASC' | 'DESC') =>
  `COALESCE(deadline, '${direction === 'ASC' ? '9999-12-31T23:59:59.999+00:00' : '0000-01-01T00:00:00.000+00:00'}')`;

export interface DeadlineListOptions {
  /** Only the overdue cases (the default), or every case. */
  overdueOnly?: boolean;
  direction?: 'ASC' | 'DESC';
  /** Only these departments' cases. */
  departments?: readonly string[];
}

/**
 * Cases across all departments by deadline, with keyset paging, over the centralized database:
 * ties broken by department (in the registry's order) and id, both in the list's direction, as
 * the hub merges. Both directions walk the same index (forwards or backwards).
 */
export function overdueSql(
  db: Database.Database,
  now: Date,
  first: number,
  after: [string, number, number] | null,
  { overdueOnly = true, direction = 'ASC', departments }: DeadlineListOptions = {},
) {
  const key = deadlineKey(direction);
  const conditions = [overdueOnly ? whereClause({ overdue: true }, now, 3) : { sql: '1', params: [] }];
  if (departments) conditions.push({ sql: inListSql('department', departments), params: [...departments] });
  if (after)
    conditions.push({
      sql: `(${key}, departmentIndex, id) ${direction === 'ASC' ? '>' : '<'} (?, ?, ?)`,
      params: after,
    });
  const order = direction === 'ASC' ? '' : ' DESC';
  return db
    .prepare(
      `SELECT department, departmentIndex, id, number, deadline, ${key} AS sortKey FROM "Case"
       WHERE ${conditions.map((c) => c.sql).join(' AND ')}
       ORDER BY ${key}${order}, departmentIndex${order}, id${order} LIMIT ?`,
    )
    .all(...conditions.flatMap((c) => c.params), first) as {
    department: string;
    departmentIndex: number;
    id: number;
    number: string;
    deadline: string | null;
    sortKey: string;
  }[];
}
