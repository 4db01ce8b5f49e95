import { BadUserInputError, checkPageSize, decodeCursor, encodeCursor } from '@onewindow/runtime';
import type { DepartmentEntry } from '@onewindow/schema';
import { MAX_ITEM_PAGE } from '@onewindow/kit';
import type { HubContext } from '../context.js';
import { filterFingerprint } from '../cursor.js';
import { itemObject } from '../entities.js';
import { fanOut, selectDepartments } from '../fan-out.js';
import { itemSelection, itemsQuery, responsePathOf, type Selection } from '../pushdown.js';
import type { QueryItemsArgs } from '../__generated__/resolvers-types.js';

interface DepartmentItems {
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
  edges: { cursor: string; node: Record<string, unknown> }[];
}

/**
 * Position in the catalog list: the department reached, its own cursor there, and the filter's
 * fingerprint (a position means nothing under another filter).
 */
type ItemPosition = [department: string, after: string, filter: string];

function isItemPosition(value: unknown): value is ItemPosition {
  return Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === 'string');
}

/** Reads an items cursor; one made for another filter, or naming a department not asked, is BAD_USER_INPUT. */
function decodeItemCursor(cursor: string, filter: string, selected: readonly DepartmentEntry[]): ItemPosition {
  const position = decodeCursor(cursor, isItemPosition);
  const refuse = (message: string) => new BadUserInputError(message, { argument: 'after' });
  if (position[2] !== filter) throw refuse('"after" was made for another filter; keep the same filter while paging.');
  if (!selected.some((d) => d.code === position[0])) {
    throw refuse('"after" is not a cursor from this list; pass a cursor taken from its edges.');
  }
  return position;
}

/**
 * The item catalog across departments, in registry order and then by item code. Catalogs are
 * small, so every department is asked at once and the pages are laid end to end. Each is asked
 * for the item fields the client selected.
 */
export async function crossDepartmentItems(args: QueryItemsArgs, context: HubContext, selection: Selection) {
  const first = checkPageSize(args.first, 50, MAX_ITEM_PAGE);
  const selected = selectDepartments(args.filter?.departments);
  const filter = filterFingerprint(args.filter);
  const [startDepartment, startAfter] =
    args.after != null ? decodeItemCursor(args.after, filter, selected) : [selected[0]?.code ?? '', '', filter];
  const startIndex = Math.max(
    0,
    selected.findIndex((d) => d.code === startDepartment),
  );

  const ask = async (department: DepartmentEntry) => {
    const index = selected.indexOf(department);
    const data = await context.departments.request<Record<string, { items: DepartmentItems }>>(
      department.code,
      itemsQuery(department, itemSelection(department, selection, ['edges', 'node'])),
      {
        filter: args.filter ?? null,
        first: index < startIndex ? 0 : first,
        after: index === startIndex && startAfter ? startAfter : null,
      },
    );
    return data[department.code]!.items;
  };
  const { answers, incomplete } = await fanOut(context, selected, ask, responsePathOf(selection));

  // The departments' pages lie end to end: nothing past one that did not answer may be shown, or
  // the next page would start after its items and skip them.
  const blocked = selected.findIndex((d, i) => i >= startIndex && incomplete.includes(d.code));
  const shown = answers.filter(({ department }) => blocked < 0 || selected.indexOf(department) < blocked);
  const all = shown.flatMap(({ department, value }) =>
    value.edges.map((edge) => ({
      cursor: encodeCursor([department.code, edge.cursor, filter] satisfies ItemPosition),
      node: itemObject(department, edge.node),
    })),
  );
  const edges = all.slice(0, first);
  const hasNextPage =
    blocked >= 0 || all.length > first || shown.some((a) => a.value.pageInfo.hasNextPage && a.value.edges.length > 0);
  return {
    edges,
    totalCount: answers.reduce((sum, a) => sum + a.value.totalCount, 0),
    incompleteDepartments: incomplete,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: !!args.after,
      startCursor: edges[0]?.cursor ?? null,
      // A page left empty by a department that did not answer continues from where it started.
      endCursor: edges.at(-1)?.cursor ?? (hasNextPage ? encodeCursor([startDepartment, startAfter, filter]) : null),
    },
  };
}
