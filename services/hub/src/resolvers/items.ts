import { checkPageSize, decodeCursor, encodeCursor } from '@onewindow/kit';
import type { DepartmentEntry } from '@onewindow/schema';
import type { HubContext } from '../context.js';
import { itemObject } from '../entities.js';
import { fanOut, selectDepartments } from '../fan-out.js';
import { itemSelection, itemsQuery, type Selection } from '../pushdown.js';
import type { QueryItemsArgs } from '../__generated__/resolvers-types.js';

const MAX_ITEM_PAGE = 200;

interface DepartmentItems {
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
  edges: { cursor: string; node: Record<string, unknown> }[];
}

/** Position in the catalog list: the department reached and its own cursor there. */
type ItemPosition = [department: string, after: string];

function isItemPosition(value: unknown): value is ItemPosition {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

/**
 * The item catalog across departments, in registry order and then by item code. Catalogs are
 * small, so every department is asked at once and the pages are laid end to end. Each is asked
 * for the item fields the client selected.
 */
export async function crossDepartmentItems(args: QueryItemsArgs, context: HubContext, selection: Selection) {
  const first = checkPageSize(args.first, 50, MAX_ITEM_PAGE);
  const selected = selectDepartments(args.filter?.departments);
  const [startDepartment, startAfter] = args.after ? decodeCursor(args.after, isItemPosition) : [selected[0]?.code ?? '', ''];
  const startIndex = Math.max(0, selected.findIndex((d) => d.code === startDepartment));

  const ask = async (department: DepartmentEntry) => {
    const index = selected.indexOf(department);
    const data = await context.departments.query<Record<string, { items: DepartmentItems }>>(department.code, itemsQuery(department, itemSelection(department, selection, ['edges', 'node'])), {
      filter: args.filter ?? null,
      first: index < startIndex ? 0 : first,
      after: index === startIndex && startAfter ? startAfter : null,
    });
    return data[department.code]!.items;
  };
  const { answers, incomplete } = await fanOut(context, selected, ask, ['items']);

  const all = answers.flatMap(({ department, value }) =>
    value.edges.map((edge) => ({ cursor: encodeCursor([department.code, edge.cursor] satisfies ItemPosition), node: itemObject(department, edge.node) })),
  );
  const edges = all.slice(0, first);
  return {
    edges,
    totalCount: answers.reduce((sum, a) => sum + a.value.totalCount, 0),
    incompleteDepartments: incomplete,
    pageInfo: {
      hasNextPage: all.length > first || answers.some((a) => a.value.pageInfo.hasNextPage && a.value.edges.length > 0),
      hasPreviousPage: !!args.after,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
