import { findDepartment } from '@onewindow/schema';
import { NotFoundError, departmentOperation, parseGlobalId, type ServiceClient } from '@onewindow/runtime';
import { CenterCaseReferenceDocument } from './__generated__/department-operations.js';

/** A department's case as the center needs it to refer to it. */
export interface CaseReference {
  department: string;
  caseId: string;
  caseNumber: string;
}

/**
 * Checks with its department that a case exists (the center keeps no copy of cases). An ID that
 * names no department, or that its department does not know, is NOT_FOUND; a department that
 * does not answer is DEPARTMENT_UNAVAILABLE.
 */
export async function findDepartmentCase(services: ServiceClient, caseId: string): Promise<CaseReference> {
  const { department } = parseGlobalId(caseId);
  const entry = findDepartment(department);
  if (!entry) throw new NotFoundError(`No case "${caseId}": it names no department.`, { caseId });
  const data = await services.request(
    department,
    departmentOperation(CenterCaseReferenceDocument, entry),
    { id: caseId },
    { timeoutMs: 5000 },
  );
  const found = data.template.case;
  if (!found) throw new NotFoundError(`No case "${caseId}" in ${department}.`, { caseId });
  return { department, caseId: found.id, caseNumber: found.number };
}
