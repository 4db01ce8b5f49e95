import { OPEN_STATUSES, type CaseStatus } from '../case-status.js';

/**
 * The case state machine: for each transition, the statuses it may start from and the one it
 * ends in (null: the status stays). Anything else is INVALID_TRANSITION.
 */
export const TRANSITIONS = {
  requestSupplement: { from: ['SUBMITTED'], to: 'SUPPLEMENT_REQUESTED' },
  resubmit: { from: ['SUPPLEMENT_REQUESTED'], to: 'SUBMITTED' },
  accept: { from: ['SUBMITTED'], to: 'ACCEPTED' },
  notAccept: { from: ['SUBMITTED', 'SUPPLEMENT_REQUESTED'], to: 'NOT_ACCEPTED' },
  startReview: { from: ['ACCEPTED'], to: 'IN_REVIEW' },
  suspend: { from: ['ACCEPTED', 'IN_REVIEW'], to: 'SUSPENDED' },
  resume: { from: ['SUSPENDED'], to: 'IN_REVIEW' },
  approve: { from: ['ACCEPTED', 'IN_REVIEW'], to: 'APPROVED' },
  deny: { from: ['ACCEPTED', 'IN_REVIEW'], to: 'DENIED' },
  withdraw: { from: OPEN_STATUSES, to: 'WITHDRAWN' },
  approveOnSpot: { from: ['SUBMITTED'], to: 'APPROVED' },
  // §42 extends a running clock only: while SUSPENDED nothing runs out, so extend after resume.
  extendDeadline: { from: ['ACCEPTED', 'IN_REVIEW'], to: null },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus | null }>;

export type TransitionName = keyof typeof TRANSITIONS;

/** Every transition a case in `status` may take next. */
export function allowedTransitions(status: string): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) =>
    (TRANSITIONS[name].from as readonly string[]).includes(status),
  );
}
