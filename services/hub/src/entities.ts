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

/** A department as the hub answers it: names from the registry, numbers from the department. */
export function departmentObject(entry: DepartmentEntry): DepartmentObject {
  return { __typename: `${entry.prefix}Department`, code: entry.code, name: entry.name, nameEn: entry.nameEn };
}

export function itemObject(entry: DepartmentEntry, fields: Record<string, unknown>): ItemObject {
  return { ...fields, __typename: `${entry.prefix}Item`, id: String(fields.id), department: departmentObject(entry) };
}

export function caseObject(entry: DepartmentEntry, fields: Record<string, unknown> & { item?: Record<string, unknown> }): CaseObject {
  const { item, ...rest } = fields;
  return {
    ...rest,
    __typename: `${entry.prefix}Case`,
    id: String(fields.id),
    ...(item ? { item: itemObject(entry, item) } : {}),
    department: departmentObject(entry),
  };
}
