/** The overall status of a joint application, derived from its parts (never stored). */
export const JOINT_STATUSES = ['DISPATCHING', 'IN_PROGRESS', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type JointStatus = (typeof JOINT_STATUSES)[number];

const REFUSED = new Set(['DENIED', 'NOT_ACCEPTED']);

/**
 * REJECTED as soon as one part is refused (by its department on submission, or not accepted) or
 * denied (the project cannot go ahead), WITHDRAWN when one was withdrawn, APPROVED when every part
 * is, DISPATCHING while a part that can go has not reached its department yet, IN_PROGRESS
 * otherwise.
 */
export function jointStatus(parts: readonly { dispatch: string; caseStatus: string | null }[]): JointStatus {
  if (parts.some((p) => p.dispatch === 'REFUSED' || (p.caseStatus && REFUSED.has(p.caseStatus)))) return 'REJECTED';
  if (parts.some((p) => p.caseStatus === 'WITHDRAWN')) return 'WITHDRAWN';
  if (parts.every((p) => p.caseStatus === 'APPROVED')) return 'APPROVED';
  if (parts.some((p) => p.dispatch === 'PENDING')) return 'DISPATCHING';
  return 'IN_PROGRESS';
}
