import type Database from 'better-sqlite3';
import { STATS_AGGREGATE_SQL as aggregate, sqlInstant, whereClause } from '../../services/kit/src/index.js';

/** The dashboard over the centralized database: per department, this month's numbers, with the departments' aggregates. */
export function dashboardSql(db: Database.Database, monthStart: Date, now: Date) {
  const where = whereClause({ submittedFrom: monthStart }, now, 3);
  return db
    .prepare(
      `SELECT department, ${aggregate.count} AS count, ${aggregate.concluded} AS concluded,
         ${aggregate.overdue} AS overdue,
         ${aggregate.decided} AS decided,
         ${aggregate.onTime} AS onTime
       FROM "Case" WHERE ${where.sql} GROUP BY department ORDER BY departmentIndex`,
    )
    .all(sqlInstant(now), ...where.params) as {
    department: string;
    count: number;
    concluded: number;
    overdue: number;
    decided: number;
    onTime: number;
  }[];
}

const DEADLINE_KEY = "COALESCE(deadline, '9999-12-31T23:59:59.999+00:00')";

/** Overdue cases across all departments by deadline, with keyset paging, over the centralized database. */
export function overdueSql(
  db: Database.Database,
  now: Date,
  first: number,
  after: [string, number, number] | null,
  overdueOnly = true,
) {
  const where = overdueOnly ? whereClause({ overdue: true }, now, 3) : { sql: '1', params: [] };
  const page = after ? `AND (${DEADLINE_KEY}, departmentIndex, id) > (?, ?, ?)` : '';
  return db
    .prepare(
      `SELECT department, departmentIndex, id, number, deadline, ${DEADLINE_KEY} AS sortKey FROM "Case"
       WHERE ${where.sql} ${page} ORDER BY ${DEADLINE_KEY}, departmentIndex, id LIMIT ?`,
    )
    .all(...where.params, ...(after ?? []), first) as {
    department: string;
    departmentIndex: number;
    id: number;
    number: string;
    deadline: string | null;
    sortKey: string;
  }[];
}
