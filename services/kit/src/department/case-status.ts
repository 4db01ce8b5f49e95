import type { Case as CaseRow } from '../__generated__/prisma/client.js';
import { moreThanWorkingDaysFrom, workingDaysUntil } from './working-days.js';

export { CONCLUDED_STATUSES, DECIDED_STATUSES, OPEN_STATUSES, type CaseStatus } from './status-sets.js';
export type SupervisionLevel = 'NONE' | 'WARNING' | 'YELLOW' | 'RED';

/** What the time rules read of a case. */
export type CaseClock = Pick<CaseRow, 'deadline' | 'concludedAt' | 'suspendedAt'>;

/**
 * A case is overdue when it is open past its deadline, or was concluded after it. While a
 * special procedure suspends it, its clock stands at the moment of suspension. The SQL twin of
 * this rule is OVERDUE_SQL; the two must agree (a test checks they do).
 */
export function isOverdue(row: CaseClock, now: Date): boolean {
  if (!row.deadline) return false;
  if (row.concludedAt) return row.concludedAt > row.deadline;
  return (row.suspendedAt ?? now) > row.deadline;
}

/**
 * SQL for isOverdue over the "Case" table; its one `?` is the current instant (sqlInstant). The
 * clock a deadline is compared with is the conclusion, else the suspension, else now: one
 * comparison per row, which statistics evaluate on every case they count.
 *
 * It has no OR on purpose: the rule written as "open and past, or concluded late" let SQLite
 * answer a list with a MULTI-INDEX OR over the concludedAt index and the partial
 * Case_concluded_late_idx, gathering every overdue case (tens of thousands of row lookups at 1M
 * cases) and sorting them, about 60 ms, where a list walks its order index and stops after one
 * page (under 1 ms). The headline counts name their partial indexes themselves (loaders.ts).
 */
export const OVERDUE_SQL = '("deadline" IS NOT NULL AND "deadline" < COALESCE("concludedAt", "suspendedAt", ?))';

/** Working days left on an open case's clock (frozen while suspended); null without one. */
export function remainingWorkingDays(row: CaseClock, now: Date): number | null {
  if (!row.deadline || row.concludedAt) return null;
  return workingDaysUntil(row.suspendedAt ?? now, row.deadline);
}

/**
 * 电子监察 levels: RED once overdue; for a running clock, YELLOW at one working day or less
 * left and WARNING at `warningDays` or less. A suspended clock is not running down, so it warns
 * of nothing (but stays RED if it was overdue). The SQL twin is supervisionSql.
 */
export function supervisionLevel(row: CaseClock, now: Date, warningDays: number): SupervisionLevel {
  if (isOverdue(row, now)) return 'RED';
  if (!row.deadline || row.concludedAt || row.suspendedAt) return 'NONE';
  const left = workingDaysUntil(now, row.deadline);
  if (left <= 1) return 'YELLOW';
  return left <= warningDays ? 'WARNING' : 'NONE';
}

/**
 * SQL conditions, with their parameters, selecting the cases at each supervision level exactly
 * as supervisionLevel does. The working-day thresholds are computed once here, so SQL compares
 * plain instants.
 */
export function supervisionSql(
  now: Date,
  warningDays: number,
): Record<SupervisionLevel, { sql: string; params: unknown[] }> {
  const at = sqlInstant(now);
  const yellowBefore = sqlInstant(moreThanWorkingDaysFrom(now, 1));
  const warningBefore = sqlInstant(moreThanWorkingDaysFrom(now, Math.max(warningDays, 1)));
  const running = '"concludedAt" IS NULL AND "suspendedAt" IS NULL AND "deadline" IS NOT NULL AND "deadline" >= ?';
  const red = { sql: OVERDUE_SQL, params: [at] };
  const yellow = { sql: `(${running} AND "deadline" < ?)`, params: [at, yellowBefore] };
  const warning = {
    sql: `(${running} AND "deadline" >= ? AND "deadline" < ?)`,
    params: [at, yellowBefore, warningBefore],
  };
  return {
    RED: red,
    YELLOW: yellow,
    WARNING: warning,
    NONE: {
      sql: `NOT (${red.sql} OR ${yellow.sql} OR ${warning.sql})`,
      params: [...red.params, ...yellow.params, ...warning.params],
    },
  };
}

/**
 * An instant as Prisma stores DateTime in SQLite ("2026-03-01T08:30:00.000+00:00"), so raw SQL
 * compares like with like. PostgreSQL reads the same text as its UTC timestamp (a zone given to a
 * timestamp without one is ignored, and Prisma stores UTC there).
 */
export function sqlInstant(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}

/** A DateTime column read by raw SQL, back to a Date. */
export function fromSqlInstant(value: string | Date | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
