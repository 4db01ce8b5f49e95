import { checkPageSize, parseGlobalId, selectedFieldNames } from '@onewindow/runtime';
import {
  CASE_ORDER_COLUMNS,
  casePositionCursor,
  DEFAULT_CASE_ORDER,
  MAX_CASE_PAGE,
  sortKey,
  type CaseOrderInput,
} from '@onewindow/kit';
import type { DepartmentEntry } from '@onewindow/schema';
import type { HubContext } from '../context.js';
import { decodeHubCursor, encodeHubCursor, filterFingerprint, type HubPosition } from '../cursor.js';
import { caseObject, type CaseObject, type Lazy, type PageInfoObject } from '../entities.js';
import { fanOut, selectDepartments } from '../fan-out.js';
import { mergePages, type DepartmentPage } from '../merge.js';
import { caseSelection, casesQuery, responsePathOf, type Selection } from '../pushdown.js';
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
export function casePosition(
  node: { id: string; submittedAt?: unknown; deadline?: unknown; number?: unknown },
  order: CaseOrderInput,
): { key: string; id: number } {
  const row = {
    submittedAt: instant(node.submittedAt)!,
    deadline: instant(node.deadline),
    number: node.number as string,
  };
  return { key: sortKey(row, order), id: Number(parseGlobalId(node.id).localId) };
}

type DepartmentNode = DepartmentCases['edges'][number]['node'];

/** A merged page of cases: cursors are made only when selected, the total counted only when selected (else null). */
export interface CasePage {
  edges: { cursor: Lazy<string>; node: CaseObject }[];
  totalCount: number | null;
  incompleteDepartments: string[];
  pageInfo: PageInfoObject;
}

/**
 * Cases across departments in one order. Each department sorts, filters and limits in its own
 * database and returns cases after its own position; the hub merges them. Each department is
 * asked for the case fields the client selected (`selection`), and for its count only when the
 * client selected `totalCount`.
 *
 * A department is first asked for its share of the page with room to spare, not for the whole
 * page: twice the even share for a list the hub has not seen, then about what the department
 * supplied to the list's recent pages (page-shares.ts), since departments differ in size. Usually
 * no department then has all of its rows taken. A department whose rows were all taken while it has more may hold further
 * cases of this page, so it is asked for the rest (at most `first` minus what it gave), until no
 * department is in that state. The merged page is the same as if each had been asked for
 * `first` cases; a page that one department dominates costs another round trip to it.
 *
 * All rounds share one wait of DEPARTMENT_TIMEOUT_MS, so a slow department delays the answer by
 * no more than that. A department that does not answer (in any round) is left out of the page
 * whole and named in `incompleteDepartments`; the cursors keep its position where the page
 * started, so its cases come on later pages and none is skipped, and the list does not end
 * while it may have more.
 */
export async function crossDepartmentCases(
  args: QueryCasesArgs,
  context: HubContext,
  selection: Selection,
): Promise<CasePage> {
  const withCount = selectedFieldNames(selection).has('totalCount');
  const first = checkPageSize(args.first, 20, MAX_CASE_PAGE);
  const order: CaseOrderInput = args.orderBy
    ? { field: args.orderBy.field, direction: args.orderBy.direction ?? 'DESC' }
    : DEFAULT_CASE_ORDER;
  const orderName = `${order.field}:${order.direction}`;
  // An officer or a chief reads their own department's cases (docs/security.md): unless the filter
  // names departments, the list is theirs, not a refusal from every other department.
  const { identity } = context;
  const ownDepartment = identity.role === 'officer' || identity.role === 'chief' ? identity.department : undefined;
  const asked = selectDepartments(args.filter?.departments ?? (ownDepartment ? [ownDepartment] : undefined));
  const filter = filterFingerprint(args.filter);
  // An empty "after" is no cursor of ours either: refused, not read as the start.
  const start: HubPosition =
    args.after != null
      ? decodeHubCursor(args.after, {
          order: orderName,
          field: order.field,
          filter,
          departments: asked.map((d) => d.code),
        })
      : { order: orderName, filter, after: {}, done: [] };
  const deadline = Date.now() + context.departments.timeoutMs;
  // The list as the hub learns its departments' parts: its order, filter and departments asked.
  const list = `${orderName} ${filter} ${asked.map((d) => d.code).join(',')}`;
  const firstAsk = context.pageShares.firstAsk(
    list,
    asked.filter((d) => !start.done.includes(d.code)).map((d) => d.code),
    first,
  );

  const fetchPages = (
    departments: readonly DepartmentEntry[],
    size: (code: string) => number,
    after: (code: string) => string | null,
    count: boolean,
  ) =>
    fanOut(
      context,
      departments,
      async (department) => {
        const fields = caseSelection(department, selection, ['edges', 'node'], [CASE_ORDER_COLUMNS[order.field]]);
        const code = department.code;
        const variables = { filter: args.filter ?? null, orderBy: order, first: size(code), after: after(code) };
        const query = casesQuery(department, count, fields);
        type Answer = Record<string, { cases: DepartmentCases }>;
        const data = await context.departments.request<Answer>(code, query, variables, { deadline });
        return data[code]!.cases;
      },
      responsePathOf(selection),
    );
  const toEdges = (value: DepartmentCases) =>
    value.edges.map((edge) => ({ ...casePosition(edge.node, order), node: edge.node }));

  // A department read to the end has no cases left: it is asked for its count only, if that is wanted.
  const firstRound = await fetchPages(
    withCount ? asked : asked.filter((d) => !start.done.includes(d.code)),
    (code) => (start.done.includes(code) ? 0 : firstAsk(code)),
    (code) => start.after[code] ?? null,
    withCount,
  );
  const incomplete = [...firstRound.incomplete];
  const entries = new Map(firstRound.answers.map(({ department }) => [department.code, department]));
  let pages: DepartmentPage<DepartmentNode>[] = firstRound.answers.map(({ department, index, value }) => ({
    department: department.code,
    index,
    hasNextPage: value.pageInfo.hasNextPage,
    edges: toEdges(value),
  }));
  let merged = mergePages(pages, first, order.direction);
  let rounds = 1;
  for (;;) {
    const used = (page: DepartmentPage<DepartmentNode>) =>
      merged.filter((edge) => edge.department === page.department).length;
    // Its next case could still belong on the page unless the page is full and ends with its last.
    const couldGiveMore = (page: DepartmentPage<DepartmentNode>) =>
      merged.length < first || merged.at(-1)!.department !== page.department;
    const exhausted = pages.filter(
      (page) =>
        first > 0 &&
        !start.done.includes(page.department) &&
        page.hasNextPage &&
        used(page) === page.edges.length &&
        couldGiveMore(page),
    );
    if (!exhausted.length) break;
    rounds += 1;
    const more = await fetchPages(
      exhausted.map((page) => entries.get(page.department)!),
      (code) => first - used(pages.find((page) => page.department === code)!),
      (code) => {
        const last = pages.find((page) => page.department === code)!.edges.at(-1);
        return last ? casePositionCursor(last.key, last.id) : (start.after[code] ?? null);
      },
      false,
    );
    // A department that fails now is left out whole: its first rows alone could misplace cases.
    incomplete.push(...more.incomplete);
    pages = pages.flatMap((page) => {
      if (more.incomplete.includes(page.department)) return [];
      const answer = more.answers.find((a) => a.department.code === page.department);
      if (!answer) return [page];
      // An answer with no cases ends the department's list whatever it says, so a department can never keep the hub asking.
      return [
        {
          ...page,
          hasNextPage: answer.value.pageInfo.hasNextPage && answer.value.edges.length > 0,
          edges: [...page.edges, ...toEdges(answer.value)],
        },
      ];
    });
    merged = mergePages(pages, first, order.direction);
  }

  // How often a page costs more than one round trip is what the share asked in the first round decides.
  context.logger.debug({ rounds, first, order: orderName, incomplete }, 'cases page merged');
  // A page some department missed says nothing of its part.
  if (!incomplete.length) {
    const supplied = new Map(pages.map((page) => [page.department, 0]));
    for (const edge of merged) supplied.set(edge.department, (supplied.get(edge.department) ?? 0) + 1);
    context.pageShares.record(list, supplied, merged.length);
  }
  // Each edge's cursor records every department's position just after that edge: the edges
  // before it replayed on the starting position. Cursors are made only when asked for (a list
  // shown without paging selects none).
  const taken = new Map(pages.map((p) => [p.department, 0]));
  const steps = merged.map((edge) => {
    const count = (taken.get(edge.department) ?? 0) + 1;
    taken.set(edge.department, count);
    const page = pages.find((p) => p.department === edge.department)!;
    return {
      department: edge.department,
      key: edge.key,
      id: edge.id,
      finishes: !page.hasNextPage && count === page.edges.length,
    };
  });
  const cursorAfter = (last: number) => {
    const position: HubPosition = { order: orderName, filter, after: { ...start.after }, done: [...start.done] };
    const reached = new Map<string, { key: string; id: number }>();
    for (const step of steps.slice(0, last + 1)) {
      reached.set(step.department, step);
      if (step.finishes) position.done.push(step.department);
    }
    for (const [department, { key, id }] of reached) position.after[department] = casePositionCursor(key, id);
    return encodeHubCursor(position);
  };
  // Only the merged cases become hub entities: the other departments' extras are dropped as read.
  const edges = merged.map((edge, i) => ({
    cursor: () => cursorAfter(i),
    node: caseObject(entries.get(edge.department)!, edge.node),
  }));
  // A department that did not answer may have more: the list goes on until it has said it has none.
  // One the cursor says was read to the end was asked for its count only, and has nothing next.
  const hasNextPage =
    incomplete.some((code) => !start.done.includes(code)) ||
    pages.some(
      (p) => !start.done.includes(p.department) && (p.hasNextPage || (taken.get(p.department) ?? 0) < p.edges.length),
    );

  return {
    edges,
    totalCount: withCount
      ? firstRound.answers
          .filter((a) => !incomplete.includes(a.department.code))
          .reduce((sum, a) => sum + (a.value.totalCount ?? 0), 0)
      : null,
    incompleteDepartments: incomplete,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: !!args.after,
      startCursor: () => edges[0]?.cursor() ?? null,
      // A page left empty by departments that did not answer continues from where it started.
      endCursor: () => edges.at(-1)?.cursor() ?? (hasNextPage ? encodeHubCursor(start) : null),
    },
  };
}
