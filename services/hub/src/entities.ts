import type { DepartmentEntry } from '@onewindow/schema';

/**
 * Hub results are the departments' own entity types (HousingCase, MarketItem...), tagged with
 * `__typename` so the gateway routes every further field to the owning department.
 */
export interface DepartmentObject {
  __typename: string;
  code: string;
  name: string;
  nameEn: string;
}

export interface ItemObject extends Record<string, unknown> {
  __typename: string;
  id: string;
  department: DepartmentObject;
}

export interface CaseObject extends Record<string, unknown> {
  __typename: string;
  id: string;
  /** Present when the client selected the item (the hub asks departments only for what is selected). */
  item?: ItemObject;
  department: DepartmentObject;
}

/** An applicant as the hub knows it: by ID only; its cases are listed by a resolver. */
export interface ApplicantReference {
  id: string;
}

/** A value, or a function graphql-js calls for it only when the field is selected. */
export type Lazy<T> = T | (() => T);

/** A page's position: its cursors are made only when selected (a list shown without paging selects none). */
export interface PageInfoObject {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: Lazy<string | null>;
  endCursor: Lazy<string | null>;
}

/** A department as the hub answers it: names from the registry, numbers from the department. */
export function departmentObject(entry: DepartmentEntry): DepartmentObject {
  return { __typename: `${entry.prefix}Department`, code: entry.code, name: entry.name, nameEn: entry.nameEn };
}

/**
 * The department objects the hub's entities point to, one per department: read-only, shared by
 * every entity of every request (building one per case cost more than the rest of the case).
 */
const sharedDepartments = new WeakMap<DepartmentEntry, DepartmentObject>();

function sharedDepartment(entry: DepartmentEntry): DepartmentObject {
  let department = sharedDepartments.get(entry);
  if (!department) sharedDepartments.set(entry, (department = Object.freeze(departmentObject(entry))));
  return department;
}

/**
 * The entity objects are made from a department's answer in place (the parsed answer belongs to
 * the request and nothing else reads it): copying each with a spread cost the hub a quarter of
 * its CPU on a 50-case list.
 */
export function itemObject(entry: DepartmentEntry, fields: Record<string, unknown>): ItemObject {
  const item = fields as ItemObject;
  item.__typename = `${entry.prefix}Item`;
  item.id = String(fields.id);
  item.department = sharedDepartment(entry);
  return item;
}

export function caseObject(
  entry: DepartmentEntry,
  fields: Record<string, unknown> & { item?: Record<string, unknown> },
): CaseObject {
  const found = fields as CaseObject;
  found.__typename = `${entry.prefix}Case`;
  found.id = String(fields.id);
  if (fields.item) found.item = itemObject(entry, fields.item);
  found.department = sharedDepartment(entry);
  return found;
}
