/**
 * The queries the bench compares, as the federation and the centralized server are asked them,
 * and how their answers are compared (every measure of every row, every ID in order).
 */
import Database from 'better-sqlite3';
import { chinaDay, databaseFile, startOfChinaDay } from '../services/kit/src/index.js';
import type { BenchData } from './data.js';

export const gql = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** How many days the dashboard's period covers: the last month of the seeded data. */
export const DASHBOARD_DAYS = 30;

/**
 * The start of the dashboard's period: midnight (China time) DASHBOARD_DAYS before the day the
 * data was seeded (its newest submission), so that every run over the same data asks about the
 * same cases, whatever the day it runs.
 */
export function dashboardStart(data: BenchData): Date {
  const newest = data.county.codes
    .map((code) => {
      const db = new Database(databaseFile(data.dir, code), { readonly: true });
      try {
        return (db.prepare('SELECT MAX(submittedAt) AS at FROM "Case"').get() as { at: string | null }).at ?? '';
      } finally {
        db.close();
      }
    })
    .sort()
    .at(-1);
  const seeded = chinaDay(newest ? new Date(newest) : new Date());
  return new Date(startOfChinaDay(seeded).getTime() - (DASHBOARD_DAYS - 1) * 86_400_000);
}

export const DASHBOARD = (from: Date) =>
  gql(
    'query Dashboard($from: DateTime!) { caseStats(filter: {submittedFrom: $from}, groupBy: [DEPARTMENT]) { rows { department count concluded overdue onTimeRate } } }',
    {
      from: from.toISOString(),
    },
  );
export const TOP50 = gql(
  'query Top50 { cases(filter: {overdue: true}, orderBy: {field: DEADLINE, direction: ASC}, first: 50) { edges { node { id number deadline } } } }',
);
export const TOP50_ONE_DEPARTMENT = gql(
  'query Top50OneDepartment { cases(filter: {overdue: true, departments: ["housing"]}, orderBy: {field: DEADLINE, direction: ASC}, first: 50) { edges { node { id number deadline } } } }',
);
export const CENTRAL_DASHBOARD = (from: Date) =>
  gql('query($from: String!) { dashboard(submittedFrom: $from) { department count concluded overdue onTimeRate } }', {
    from: from.toISOString(),
  });
export const CENTRAL_TOP50 = gql(
  '{ casesByDeadline(overdueOnly: true, first: 50) { edges { node { id number deadline department } } } }',
);

/** Whether both dashboards give the same rows, every measure of every department. */
export function sameDashboard(federated: any, central: any): boolean {
  type Row = { department: string; count: number; concluded: number; overdue: number; onTimeRate: number | null };
  const key = (rows: Row[]) =>
    JSON.stringify(rows.map((r) => [r.department, r.count, r.concluded, r.overdue, r.onTimeRate]).sort());
  return key(federated.data.caseStats.rows) === key(central.data.dashboard);
}

export function sameTop50(federated: any, central: any): boolean {
  const a = federated.data.cases.edges.map((e: any) => e.node.id);
  const b = central.data.casesByDeadline.edges.map((e: any) => e.node.id);
  return a.length === 50 && JSON.stringify(a) === JSON.stringify(b);
}

export interface DeadlineList {
  overdue: boolean;
  direction: 'ASC' | 'DESC';
  first: number;
  after?: string | null;
  departments?: readonly string[];
}

/** A page of cases by deadline through the gateway, as a supervisor's list asks for it. */
export const casesByDeadline = ({ overdue, direction, first, after = null, departments }: DeadlineList) =>
  gql(
    'query CasesByDeadline($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) { cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id number deadline } } } }',
    {
      filter: { ...(overdue ? { overdue: true } : {}), ...(departments ? { departments } : {}) },
      orderBy: { field: 'DEADLINE', direction },
      first,
      after,
    },
  );

/** The same page from the centralized server. */
export const centralCasesByDeadline = ({ overdue, direction, first, after = null, departments }: DeadlineList) =>
  gql(
    'query($overdueOnly: Boolean!, $first: Int!, $after: String, $direction: String, $departments: [String!]) { casesByDeadline(overdueOnly: $overdueOnly, first: $first, after: $after, direction: $direction, departments: $departments) { pageInfo { hasNextPage endCursor } edges { node { id number deadline department } } } }',
    { overdueOnly: overdue, first, after, direction, departments: departments ?? null },
  );

/** The IDs of a federated page and of a centralized one, in order. */
export const pageIds = (answer: any): string[] =>
  (answer.data.cases ?? answer.data.casesByDeadline).edges.map((edge: any) => edge.node.id);
