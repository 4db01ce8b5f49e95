import { CASE_ORDER_COLUMNS, casePositionCursor, checkPageSize, DEFAULT_CASE_ORDER, MAX_CASE_PAGE, parseGlobalId, sortKey, type CaseOrderInput } from '@onewindow/kit';
import type { DepartmentEntry } from '@onewindow/schema';
import type { HubContext } from '../context.js';
import { decodeHubCursor, encodeHubCursor, type HubPosition } from '../cursor.js';
import { caseObject } from '../entities.js';
import { fanOut, selectDepartments } from '../fan-out.js';
import { mergePages, type DepartmentPage } from '../merge.js';
import { caseSelection, casesQuery, type Selection } from '../pushdown.js';
import { selects } from '../selection.js';
import type { QueryCasesArgs } from '../__generated__/resolvers-types.js';

interface DepartmentCases {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean };
  edges: { node: Record<string, unknown> & { id: string; item?: Record<string, unknown> } }[];
}

const instant = (value: unknown) => (typeof value === 'string' ? new Date(value) : null);

/**
 * A department case's position in its list (sort key and local id), from the fields the hub
 * asked for, computed by the kit's rule for the department's own cursors. sortKey reads only the
 * order's own field, which every department is asked for.
 */
function positionOf(node: DepartmentCases['edges'][number]['node'], order: CaseOrderInput): { key: string; id: number } {
  const row = { submittedAt: instant(node.submittedAt)!, deadline: instant(node.deadline), number: node.number as string };
  return { key: sortKey(row, order), id: Number(parseGlobalId(node.id).localId) };
}

/**
 * Cases across departments in one order. Each department sorts, filters and limits in its own
 * database and returns at most `first` cases after its own position; the hub merges them. Each
 * department is asked for the case fields the client selected (`selection`), and for its count
 * only when the client selected `totalCount`.
 */
export async function crossDepartmentCases(args: QueryCasesArgs, context: HubContext, selection: Selection) {
  const withCount = selects(selection, 'totalCount');
  const first = checkPageSize(args.first, 20, MAX_CASE_PAGE);
  const order: CaseOrderInput = args.orderBy ? { field: args.orderBy.field, direction: args.orderBy.direction ?? 'DESC' } : DEFAULT_CASE_ORDER;
  const orderName = `${order.field}:${order.direction}`;
  const start: HubPosition = args.after ? decodeHubCursor(args.after, orderName) : { order: orderName, after: {}, done: [] };
  const asked = selectDepartments(args.filter?.departments);

  const ask = async (department: DepartmentEntry) => {
    const data = await context.departments.query<Record<string, { cases: DepartmentCases }>>(department.code, casesQuery(department, withCount, caseSelection(department, selection, ['edges', 'node'], [CASE_ORDER_COLUMNS[order.field]])), {
      filter: args.filter ?? null,
      orderBy: order,
      // A department already read to the end is asked for its count only.
      first: start.done.includes(department.code) ? 0 : first,
      after: start.after[department.code] ?? null,
    });
    return data[department.code]!.cases;
  };
  const { answers, incomplete } = await fanOut(context, asked, ask, ['cases']);

  const entries = new Map(answers.map(({ department }) => [department.code, department]));
  const pages: DepartmentPage<DepartmentCases['edges'][number]['node']>[] = answers.map(({ department, index, value }) => ({
    department: department.code,
    index,
    hasNextPage: value.pageInfo.hasNextPage,
    edges: value.edges.map((edge) => ({ ...positionOf(edge.node, order), node: edge.node })),
  }));
  const merged = mergePages(pages, first, order.direction);

  // Each edge's cursor records every department's position just after that edge: the edges
  // before it replayed on the starting position. Cursors are made only when asked for (a list
  // shown without paging selects none).
  const taken = new Map(pages.map((p) => [p.department, 0]));
  const steps = merged.map((edge) => {
    const count = (taken.get(edge.department) ?? 0) + 1;
    taken.set(edge.department, count);
    const page = pages.find((p) => p.department === edge.department)!;
    return { department: edge.department, key: edge.key, id: edge.id, finishes: !page.hasNextPage && count === page.edges.length };
  });
  const cursorAfter = (last: number) => {
    const position: HubPosition = { order: orderName, after: { ...start.after }, done: [...start.done] };
    const reached = new Map<string, { key: string; id: number }>();
    for (const step of steps.slice(0, last + 1)) {
      reached.set(step.department, step);
      if (step.finishes) position.done.push(step.department);
    }
    for (const [department, { key, id }] of reached) position.after[department] = casePositionCursor(key, id);
    return encodeHubCursor(position);
  };
  // Only the merged cases become hub entities: the other departments' extras are dropped as read.
  const edges = merged.map((edge, i) => ({ cursor: () => cursorAfter(i), node: caseObject(entries.get(edge.department)!, edge.node) }));
  const hasNextPage = pages.some((p) => p.hasNextPage || (taken.get(p.department) ?? 0) < p.edges.length);

  return {
    edges,
    totalCount: withCount ? answers.reduce((sum, a) => sum + (a.value.totalCount ?? 0), 0) : null,
    incompleteDepartments: incomplete,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: !!args.after,
      startCursor: () => edges[0]?.cursor() ?? null,
      endCursor: () => edges.at(-1)?.cursor() ?? null,
    },
  };
}
