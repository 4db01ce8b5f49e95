import { findDepartment, routedMutations, type DepartmentEntry, type RoutedMutation } from '@onewindow/schema';
import { NotFoundError, parseGlobalId } from '@onewindow/runtime';
import type { HubContext } from '../context.js';
import { caseObject } from '../entities.js';
import { caseSelection, type Selection } from '../pushdown.js';

type CaseFields = Record<string, unknown> & { item?: Record<string, unknown> };

/** The department an ID (of a case or an item) belongs to; an unknown prefix is NOT_FOUND. */
function owner(id: string, what: string): DepartmentEntry {
  const department = findDepartment(parseGlobalId(id).department);
  if (!department) throw new NotFoundError(`No ${what} "${id}": its prefix names no department.`, { id });
  return department;
}

function departmentMutation(department: DepartmentEntry, routed: RoutedMutation, selection: Selection): string {
  return `mutation Hub_${routed.hubField}($input: ${routed.departmentInputType}!) { ${department.code} { ${routed.departmentField}(input: $input) { ${caseSelection(department, selection, [])} } } }`;
}

/**
 * Forwards one lifecycle mutation to the department that owns the case (or, for a submission,
 * the item, whose code the department takes instead of its ID). The hub writes nothing itself;
 * the department's idempotency key makes a retry after a lost answer safe, and an answer that
 * does not come is reported as an unknown outcome (DEPARTMENT_UNAVAILABLE with `outcome: UNKNOWN`),
 * never as a write that did not happen.
 */
function routedResolver(routed: RoutedMutation) {
  return async (_: unknown, { input }: { input: Record<string, unknown> }, context: HubContext, info: Selection) => {
    let department: DepartmentEntry;
    let forwarded: Record<string, unknown>;
    if (routed.routeBy === 'itemId') {
      const { itemId, ...rest } = input;
      department = owner(String(itemId), 'item');
      forwarded = { ...rest, itemCode: parseGlobalId(String(itemId)).localId };
    } else {
      department = owner(String(input.caseId), 'case');
      forwarded = input;
    }
    const data = await context.departments.request<Record<string, Record<string, CaseFields>>>(
      department.code,
      departmentMutation(department, routed, info),
      { input: forwarded },
      { write: { idempotencyKey: String(input.idempotencyKey) } },
    );
    return caseObject(department, data[department.code]![routed.departmentField]!);
  };
}

export const Mutation = Object.fromEntries(routedMutations.map((routed) => [routed.hubField, routedResolver(routed)]));
