// The department's copy of the center's calendar changes, and what copying one does to open cases.
import type { CalendarCopy, Prisma } from '../../__generated__/prisma/client.js';
import { changedDays, type CalendarYear } from '../../calendar/calendar-year.js';
import { WorkingCalendar } from '../../calendar/working-calendar.js';
import { DEFAULT_BUSY_TIMEOUT_MS, retryWhileBusy } from '../../db/busy.js';
import { ConflictError } from '@onewindow/runtime';
import { currentWorkingCalendar, useWorkingCalendar } from '../calendar.js';
import { OPEN_STATUSES } from '../case-status.js';
import type { KitDatabase } from '../database.js';
import { addWorkingDays, chinaDay, startOfChinaDay, workingDaysBetween } from '../working-days.js';
import type { CenterCalendarChange } from './center-changes.js';

/** The action of the event a moved deadline gets. */
const RECOMPUTE_DEADLINE = 'recomputeDeadline';

/** How long the one transaction of a change may run: it may move thousands of deadlines (Prisma's default is 5 s). */
const TRANSACTION_TIMEOUT_MS = 120_000;

/** A change (copied or as the center sent it) as the official calendar year it enters. */
function yearOfChange(change: Omit<CenterCalendarChange, 'id'>): CalendarYear {
  return {
    year: change.year,
    status: 'OFFICIAL',
    holidays: change.holidays,
    adjustedWorkdays: change.adjustedWorkdays,
    notice: change.notice,
  };
}

function changeOfCopy(copy: CalendarCopy): CenterCalendarChange {
  return {
    id: copy.id,
    year: copy.year,
    notice: copy.notice,
    holidays: JSON.parse(copy.holidays) as string[],
    adjustedWorkdays: JSON.parse(copy.adjustedWorkdays) as string[],
  };
}

/** The calendar the department works with: the shipped years, then every copied change in id order. */
export async function loadCalendarCopy(db: KitDatabase): Promise<WorkingCalendar> {
  const copies = await db.calendarCopy.findMany({ orderBy: { id: 'asc' } });
  return copies.reduce(
    (calendar, copy) => calendar.withYear(yearOfChange(changeOfCopy(copy))),
    WorkingCalendar.committed(),
  );
}

/** The highest center change id copied so far (0 when none): where the next read starts. */
export async function lastCopiedChange(db: KitDatabase): Promise<number> {
  const last = await db.calendarCopy.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return last?.id ?? 0;
}

/**
 * Runs a computation with `calendar` in force. The kit's working-day functions read the
 * process-wide calendar; the computation is synchronous, so nothing else can see the swap.
 */
function under<T>(calendar: WorkingCalendar, compute: () => T): T {
  const previous = currentWorkingCalendar();
  useWorkingCalendar(calendar);
  try {
    return compute();
  } finally {
    useWorkingCalendar(previous);
  }
}

/** What copying one change did. */
export interface CopiedChange {
  /** The calendar with the change in force. */
  calendar: WorkingCalendar;
  /** False when the change had been copied already (read twice): nothing was done again. */
  copied: boolean;
  /** Open cases whose deadline moved. */
  moved: number;
}

/**
 * Copies one change and recomputes, in the same transaction, the deadline of every open accepted
 * case it affects. A case keeps the working days it was granted: N working days from acceptance
 * to the old deadline under `before`, and the new deadline ends the N-th working day after the
 * acceptance day under the calendar with the change. Only a deadline that really moves changes,
 * with a `recomputeDeadline` event by `system` and the case's version bumped. The center's change
 * id is the copy's key, so a change read twice is applied once. Throws InvalidCalendarYearError
 * for a year the kit's rules refuse (nothing is copied then) and ConflictError when a case
 * changed under the transaction (nothing is copied; the next poll tries again).
 */
export async function copyCalendarChange(
  db: KitDatabase,
  before: WorkingCalendar,
  change: CenterCalendarChange,
  now: Date,
): Promise<CopiedChange> {
  const after = before.withYear(yearOfChange(change));
  const turned = changedDays(before.year(change.year), after.year(change.year));
  const copy = async (tx: Prisma.TransactionClient): Promise<number | null> => {
    if (await tx.calendarCopy.findUnique({ where: { id: change.id }, select: { id: true } })) return null;
    await tx.calendarCopy.create({
      data: {
        id: change.id,
        year: change.year,
        notice: change.notice,
        holidays: JSON.stringify(change.holidays),
        adjustedWorkdays: JSON.stringify(change.adjustedWorkdays),
        receivedAt: now,
      },
    });
    const first = turned[0];
    const last = turned.at(-1);
    if (first === undefined || last === undefined) return 0;
    // A deadline moves only when a turned day lies after the acceptance day and on or before the deadline's day.
    const candidates = await tx.case.findMany({
      where: {
        status: { in: [...OPEN_STATUSES] },
        concludedAt: null,
        acceptedAt: { not: null, lt: startOfChinaDay(last) },
        deadline: { not: null, gte: startOfChinaDay(first) },
      },
      select: { id: true, status: true, version: true, acceptedAt: true, deadline: true },
    });
    let count = 0;
    for (const row of candidates) {
      const acceptedAt = row.acceptedAt!;
      const deadlineBefore = row.deadline!;
      const granted = under(before, () => workingDaysBetween(acceptedAt, deadlineBefore));
      const deadlineAfter = under(after, () => addWorkingDays(acceptedAt, granted));
      if (deadlineAfter.getTime() === deadlineBefore.getTime()) continue;
      const updated = await tx.case.updateMany({
        where: { id: row.id, version: row.version },
        data: { deadline: deadlineAfter, version: { increment: 1 } },
      });
      if (updated.count !== 1) throw new ConflictError(`Case ${row.id} changed while its deadline was recomputed.`);
      await tx.caseEvent.create({
        data: {
          caseId: row.id,
          seq: row.version + 1,
          action: RECOMPUTE_DEADLINE,
          at: now,
          actor: 'system',
          fromStatus: row.status,
          toStatus: row.status,
          note:
            `${change.year} holiday notice ${change.notice}: ${granted} working days from acceptance ` +
            `now end on ${chinaDay(deadlineAfter)} (were ${chinaDay(deadlineBefore)})`,
          deadlineBefore,
          deadlineAfter,
        },
      });
      count += 1;
    }
    return count;
  };
  // A database locked by another connection is waited for, as transitions wait (writeTransaction,
  // which has no room for the longer transaction timeout); past that the next poll tries again.
  const moved = await retryWhileBusy(
    () => db.$transaction(copy, { timeout: TRANSACTION_TIMEOUT_MS }),
    Date.now() + DEFAULT_BUSY_TIMEOUT_MS,
  );
  return { calendar: after, copied: moved !== null, moved: moved ?? 0 };
}
