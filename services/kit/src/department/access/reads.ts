import { ForbiddenError, type Identity } from '@onewindow/runtime';
import { applicantIdNumberOf, isOwnStaff, refuseOtherDepartment, refusePublic } from './caller.js';

/**
 * What a department serves each caller to read (docs/security.md, "What a department serves"):
 * case lists, cases and case entities, statistics, the change feed and the audit records. Each
 * function refuses before anything is read: a refused request reads nothing.
 */

/** How a caller sees cases: whole, or with personal data masked (analysts). */
export type CaseView = 'full' | 'masked';

export interface CaseReading {
  view: CaseView;
  /** An applicant's own ID number: they see only cases with it; null for everyone else. */
  ownCasesOf: string | null;
}

/** How the caller may read the department's cases; refused (FORBIDDEN, or UNAUTHENTICATED for the public) when not at all. */
export function caseReading(caller: Identity, department: string): CaseReading {
  refusePublic(caller, "a department's cases");
  refuseOtherDepartment(caller, department, 'read the cases');
  switch (caller.role) {
    case 'applicant':
      return { view: 'full', ownCasesOf: applicantIdNumberOf(caller) };
    case 'analyst':
      return { view: 'masked', ownCasesOf: null };
    case 'auditor':
      throw new ForbiddenError('Auditors read the audit records (auditRecords), not cases.');
    default:
      return { view: 'full', ownCasesOf: null };
  }
}

/** Whether a case is one the caller may see at all under `reading` (an applicant's own, or any). */
export const mayReadCase = (reading: CaseReading, row: { applicantIdNumber: string }): boolean =>
  reading.ownCasesOf === null || row.applicantIdNumber === reading.ownCasesOf;

/** Whether the caller may look cases up by a person: window staff, the department's own staff, supervisors and services. */
export function mayLookUpPeople(caller: Identity, department: string): boolean {
  return (
    caller.role === 'window' ||
    caller.role === 'supervisor' ||
    caller.role === 'service' ||
    isOwnStaff(caller, department)
  );
}

/** Refuses the filters that find a person (`applicantIdNumber`, `text`) to callers who may not look people up. */
export function checkLookupFilters(
  caller: Identity,
  department: string,
  filter: { applicantIdNumber?: string | null; text?: string | null } | null | undefined,
): void {
  const used = (['applicantIdNumber', 'text'] as const).filter((name) => filter?.[name] != null);
  if (used.length && !mayLookUpPeople(caller, department))
    throw new ForbiddenError(
      `Filtering by ${used.map((name) => `"${name}"`).join(' and ')} finds a person; the role ${caller.role} may not.`,
      { argument: `filter.${used[0]}` },
    );
}

/** Statistics (`caseStats`): every signed-in caller but applicants. */
export function checkStatsAccess(caller: Identity): void {
  refusePublic(caller, 'case statistics');
  if (caller.role === 'applicant') throw new ForbiddenError('Case statistics are for staff, not for applicants.');
}

/** The change feed (`caseEvents`, `latestEventCursor`): the department's own staff, supervisors and services. */
export function checkFeedAccess(caller: Identity, department: string): void {
  refusePublic(caller, "a department's change feed");
  if (caller.role === 'supervisor' || caller.role === 'service' || isOwnStaff(caller, department)) return;
  throw new ForbiddenError(
    `The change feed of ${department} is for its own officers, supervisors and the center, not for the role ${caller.role}.`,
  );
}

/** The audit records: auditors only. */
export function checkAuditAccess(caller: Identity): void {
  refusePublic(caller, 'the audit records');
  if (caller.role !== 'auditor') throw new ForbiddenError('The audit records are for auditors only.');
}

/** Whether the caller sees a case's verification code: the applicant's credential, for window staff and the department's own staff only. */
export const seesVerificationCode = (caller: Identity, department: string): boolean =>
  caller.role === 'window' || isOwnStaff(caller, department);
