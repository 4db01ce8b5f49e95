/**
 * The case statuses by what they mean for supervision. A module of its own, with no imports, so
 * the web front shares the same lists.
 */

/** Statuses in which a case is still being handled. */
export const OPEN_STATUSES = ['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'ACCEPTED', 'IN_REVIEW', 'SUSPENDED'] as const;
/** Statuses that end a case. */
export const CONCLUDED_STATUSES = ['APPROVED', 'DENIED', 'NOT_ACCEPTED', 'WITHDRAWN'] as const;
/** Concluded by a decision on the merits: these count for the on-time rate. */
export const DECIDED_STATUSES = ['APPROVED', 'DENIED'] as const;

export type CaseStatus = (typeof OPEN_STATUSES)[number] | (typeof CONCLUDED_STATUSES)[number];
