import { responsePathAsArray, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { hubServedFields, type DepartmentEntry } from '@onewindow/schema';
import { selectionSetsAt } from '@onewindow/runtime';
import { fieldsSelectedOn } from './selection.js';

/**
 * The selections the hub asks each department for. They follow the client's selection (the
 * resolver's `info`), so a department computes only the fields that will be used, and they are
 * cut from the fields the hub serves (schema/src/hub-view.ts), so the hub's SDL and its queries
 * cannot drift apart. Department fields are filled from the registry rather than asked for, and
 * `id` is always asked for: the hub needs it for every entity it returns.
 */
const fromRegistry = new Set(['department']);

/** What the client selected below a hub field, as the resolver saw it (with where it is, when known). */
export type Selection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'schema'> & {
  path?: GraphQLResolveInfo['path'];
};

/**
 * Where the resolver's field is in the response, aliases included: the path of an error about it.
 * A router that sends several root fields in one request renames them (`_v1_caseStats`) and maps
 * the errors back by this path, so the field's own name would lose the error and the answer.
 */
export function responsePathOf(selection: Selection): (string | number)[] {
  if (selection.path) return responsePathAsArray(selection.path);
  const field = selection.fieldNodes[0]!;
  return [field.alias?.value ?? field.name.value];
}

/** Where the objects lie below the resolver's field: `[]` for the field itself, `['edges', 'node']` in a connection. */
export type SelectionPath = readonly string[];

/**
 * Field names in the order hubServedFields lists them, so one client selection always gives the
 * same query text; `required` are asked for whatever the client selected.
 */
function served(
  names: readonly string[],
  selected: ReadonlyMap<string, unknown>,
  required: readonly string[] = [],
): string[] {
  return names.filter(
    (name) => name === 'id' || required.includes(name) || (selected.has(name) && !fromRegistry.has(name)),
  );
}

function itemFields(department: DepartmentEntry, selection: Selection, sets: readonly SelectionSetNode[]): string {
  return served(hubServedFields.ApprovalItem, fieldsSelectedOn(selection, sets, `${department.prefix}Item`)).join(' ');
}

/**
 * The fields of a department's case to ask for: those selected on the department's case type,
 * and the `required` ones (a list's sort field, which the hub merges by).
 */
export function caseSelection(
  department: DepartmentEntry,
  selection: Selection,
  path: SelectionPath,
  required: readonly string[] = [],
): string {
  const selected = fieldsSelectedOn(selection, selectionSetsAt(selection, path), `${department.prefix}Case`);
  return served(hubServedFields.Case, selected, required)
    .map((name) =>
      name === 'item' ? `item { ${itemFields(department, selection, selected.get('item') ?? [])} }` : name,
    )
    .join(' ');
}

/** The fields of a department's item to ask for: those selected on the department's item type. */
export function itemSelection(department: DepartmentEntry, selection: Selection, path: SelectionPath): string {
  return itemFields(department, selection, selectionSetsAt(selection, path));
}

/**
 * A department's page of cases; its count only when the client asked for `totalCount` (a count
 * can scan). No cursors: the hub computes each case's position from its id and sort field, as
 * the department would (services/kit/src/department/case-list.ts), so departments spend nothing
 * on the cursors of cases the merge drops.
 */
export function casesQuery(department: DepartmentEntry, withCount: boolean, fields: string): string {
  return `query HubCases($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
  ${department.code} { cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    ${withCount ? 'totalCount ' : ''}pageInfo { hasNextPage } edges { node { ${fields} } }
  } }
}`;
}

export function caseQuery(department: DepartmentEntry, fields: string): string {
  return `query HubCase($id: ID!) { ${department.code} { case(id: $id) { ${fields} } } }`;
}

export function itemsQuery(department: DepartmentEntry, fields: string): string {
  return `query HubItems($filter: ItemFilter, $first: Int, $after: String) {
  ${department.code} { items(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage } edges { cursor node { ${fields} } }
  } }
}`;
}
