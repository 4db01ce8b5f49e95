import { hubServedFields, type DepartmentEntry } from '@onewindow/schema';

/**
 * The selections the hub asks each department for, built from the fields the hub serves
 * (schema/src/hub-view.ts), so the hub's SDL and its queries cannot drift apart. Department
 * fields are filled from the registry rather than asked for.
 */
const nested = new Set(['item', 'department']);
const scalars = (fields: readonly string[]) => fields.filter((f) => !nested.has(f)).join(' ');

const itemSelection = scalars(hubServedFields.ApprovalItem);
export const caseSelection = `${scalars(hubServedFields.Case)} item { ${itemSelection} }`;

/** A department's page of cases; its count only when the client asked for `totalCount` (a count can scan). */
export function casesQuery(department: DepartmentEntry, withCount: boolean): string {
  return `query HubCases($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
  ${department.code} { cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    ${withCount ? 'totalCount ' : ''}pageInfo { hasNextPage } edges { cursor node { ${caseSelection} } }
  } }
}`;
}

export function caseQuery(department: DepartmentEntry): string {
  return `query HubCase($id: ID!) { ${department.code} { case(id: $id) { ${caseSelection} } } }`;
}

export function itemsQuery(department: DepartmentEntry): string {
  return `query HubItems($filter: ItemFilter, $first: Int, $after: String) {
  ${department.code} { items(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage } edges { cursor node { ${itemSelection} } }
  } }
}`;
}
