import type { TransitionName } from '@onewindow/schema';
import { ForbiddenError, NotFoundError, type Identity } from '@onewindow/runtime';
import { applicantIdNumberOf, isOwnStaff, refuseOtherDepartment, refusePublic } from './caller.js';

/**
 * Who may change a department's cases (docs/security.md): each lifecycle step by role, checked in
 * three stages so that a refused request changes nothing and learns nothing about the case:
 * the role before anything is read (checkWriteRole), the submission's own claims (checkSubmitter),
 * then, with the case or the item read but before its version or status is looked at, whether
 * this caller may act on this one (checkCaseWrite, checkSubmittedItem).
 */

export type LifecycleOperation = 'submit' | TransitionName;

/** Steps applicants and window staff take: receiving, resubmitting and withdrawing applications. */
const RECEIVING: ReadonlySet<LifecycleOperation> = new Set(['submit', 'resubmit', 'withdraw']);

/** 窗口办结: decisions a chief representative takes at the window, for the items of their authorization only. */
export const WINDOW_DECISIONS: ReadonlySet<LifecycleOperation> = new Set(['approveOnSpot', 'approve', 'deny']);

/** Refuses a caller whose role may never take `operation` in this department. */
export function checkWriteRole(caller: Identity, department: string, operation: LifecycleOperation): void {
  refusePublic(caller, `${operation}`);
  refuseOtherDepartment(caller, department, `${operation} the cases`);
  switch (caller.role) {
    case 'applicant':
    case 'window':
      if (RECEIVING.has(operation)) return;
      throw new ForbiddenError(
        `${caller.role === 'window' ? 'Window staff' : 'Applicants'} may submit, resubmit and withdraw applications; ` +
          `${operation} is for the department's officers.`,
      );
    case 'officer':
      if (operation !== 'approveOnSpot') return;
      throw new ForbiddenError(
        'Deciding on the spot (approveOnSpot) is for a chief representative (首席代表) at the window.',
      );
    case 'chief':
      return;
    case 'service':
      if (operation === 'submit') return;
      throw new ForbiddenError(`A service may only submit a joint application's parts, not ${operation}.`);
    default:
      throw new ForbiddenError(`The role ${caller.role} changes no cases.`);
  }
}

/**
 * What a submission claims, checked against the caller: an applicant applies in their own name
 * only; a service (the center) submits joint applications' parts only, and nobody else does.
 */
export function checkSubmitter(
  caller: Identity,
  request: { applicant: { idNumber: string }; jointApplicationId?: string | null },
): void {
  if (caller.role === 'applicant') {
    if (request.applicant.idNumber.trim().toUpperCase() !== applicantIdNumberOf(caller))
      throw new ForbiddenError('An applicant applies in their own name only: applicant.idNumber must be yours.', {
        field: 'applicant.idNumber',
      });
    if (request.jointApplicationId)
      throw new ForbiddenError('Joint applications (并联审批) are made at the center’s window, not online.', {
        field: 'jointApplicationId',
      });
  }
  if (caller.role === 'service' && !request.jointApplicationId)
    throw new ForbiddenError('A service may only submit the parts of a joint application (jointApplicationId).', {
      field: 'jointApplicationId',
    });
  // A part belongs to an application the center made: anyone else's link would name one it never made.
  if (caller.role !== 'service' && request.jointApplicationId)
    throw new ForbiddenError(
      'Only the center submits the parts of a joint application (createJointApplication); leave jointApplicationId out.',
      { field: 'jointApplicationId' },
    );
}

/** Online, applicants apply only for items the catalog offers online. */
export function checkSubmittedItem(
  caller: Identity,
  item: { code: string; name: string; onlineAvailable: boolean },
): void {
  if (caller.role === 'applicant' && !item.onlineAvailable)
    throw new ForbiddenError(`Item ${item.code} (${item.name}) cannot be applied for online; apply at the window.`, {
      itemCode: item.code,
    });
}

/**
 * With the case read: an applicant acts on their own cases only, and a chief decides at the window
 * only the items of their authorization (窗口授权, the token's `items`).
 */
export function checkCaseWrite(
  caller: Identity,
  department: string,
  operation: LifecycleOperation,
  row: { applicantIdNumber: string; itemCode: string },
  caseId: string,
): void {
  // Another applicant's case is answered exactly like one that does not exist (as reading it is):
  // a different answer would tell an applicant which case numbers are someone's.
  if (caller.role === 'applicant' && row.applicantIdNumber !== applicantIdNumberOf(caller))
    throw new NotFoundError(`No case "${caseId}".`, { id: caseId });
  if (caller.role === 'chief' && isOwnStaff(caller, department) && WINDOW_DECISIONS.has(operation)) {
    if (!caller.items?.includes(row.itemCode))
      throw new ForbiddenError(
        `Item ${row.itemCode} is not among your window authorizations (窗口授权): ` +
          `a chief representative may ${operation} only the items the department authorized at the window.`,
        { itemCode: row.itemCode },
      );
  }
}
