import type { Case as CaseRow } from '../__generated__/prisma/client.js';

/** Statuses in which a case is still being handled. */
export const OPEN_STATUSES = ['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'ACCEPTED', 'IN_REVIEW', 'SUSPENDED'] as const;
/** Statuses that end a case. */
export const CONCLUDED_STATUSES = ['APPROVED', 'DENIED', 'NOT_ACCEPTED', 'WITHDRAWN'] as const;
/** Concluded by a decision on the merits: these count for the on-time rate. */
export const DECIDED_STATUSES = ['APPROVED', 'DENIED'] as const;

export type CaseStatus = (typeof OPEN_STATUSES)[number] | (typeof CONCLUDED_STATUSES)[number];

/**
 * A case is overdue when it is open past its deadline, or was concluded after it. The SQL
 * twin of this rule is OVERDUE_SQL; the two must agree (a test checks they do).
 */
export function isOverdue(row: Pick<CaseRow, 'deadline' | 'concludedAt'>, now: Date): boolean {
  if (!row.deadline) return false;
  return row.concludedAt ? row.concludedAt > row.deadline : now > row.deadline;
}

/** SQL for isOverdue over the "Case" table; `?` is the current instant (see sqlInstant). */
export const OVERDUE_SQL =
  '(deadline IS NOT NULL AND ((concludedAt IS NULL AND deadline < ?) OR (concludedAt IS NOT NULL AND concludedAt > deadline)))';

/**
 * An instant as Prisma stores DateTime in SQLite ("2026-03-01T08:30:00.000+00:00"), so raw SQL
 * compares like with like.
 */
export function sqlInstant(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}

/** A DateTime column read by raw SQL, back to a Date. */
export function fromSqlInstant(value: string | Date | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
