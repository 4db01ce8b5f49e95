import { BadUserInputError, storedList } from '@onewindow/runtime';
import {
  WorkingCalendar,
  changedDays,
  parseCalendarYear,
  useWorkingCalendar,
  writeTransaction,
  type CalendarYear,
} from '@onewindow/kit';
import type { CalendarChange, PrismaClient } from '../__generated__/prisma/client.js';
import type { RequestAudit } from '../audit/request-audit.js';

/** The longest notice number and reason a supervisor may record. */
const MAX_NOTICE = 100;
const MAX_REASON = 500;

/** A change as a calendar year (the JSON lists parsed). */
export function yearOfChange(change: CalendarChange): CalendarYear {
  return {
    year: change.year,
    status: 'OFFICIAL',
    holidays: storedList(change.holidays),
    adjustedWorkdays: storedList(change.adjustedWorkdays),
    notice: change.notice,
  };
}

/** The calendar in force at the center: the shipped years, then every change in order. */
export async function loadCenterCalendar(db: PrismaClient): Promise<WorkingCalendar> {
  const changes = await db.calendarChange.findMany({ orderBy: { id: 'asc' } });
  return changes.reduce((calendar, change) => calendar.withYear(yearOfChange(change)), WorkingCalendar.committed());
}

export interface CalendarYearInput {
  year: number;
  holidays: string[];
  adjustedWorkdays: string[];
  notice: string;
  reason?: string | null;
}

/**
 * Enters or corrects a year from the State Council's notice (a supervisor: access.ts); the year is
 * checked whole. The change records who (`enteredBy`, the verified person), when, which notice and
 * the days it turned over, and the center's own calendar (follow-up deadlines) takes it at once.
 * Entering the version in force again returns its change and writes nothing, so a retried request
 * makes no second change.
 */
export async function enterCalendarYear(
  db: PrismaClient,
  calendar: () => WorkingCalendar,
  input: CalendarYearInput,
  caller: { actor: string; audit: RequestAudit },
  now: Date,
): Promise<CalendarChange> {
  const notice = input.notice.trim();
  const reason = input.reason?.trim() || null;
  if (!notice || notice.length > MAX_NOTICE) {
    throw new BadUserInputError(`notice must give the State Council notice's number (1 to ${MAX_NOTICE} characters).`, {
      field: 'notice',
    });
  }
  if (reason && reason.length > MAX_REASON)
    throw new BadUserInputError(`reason is at most ${MAX_REASON} characters.`, { field: 'reason' });
  const entered = parseCalendarYear({
    year: input.year,
    status: 'OFFICIAL',
    holidays: input.holidays,
    adjustedWorkdays: input.adjustedWorkdays,
    notice,
  });

  return writeTransaction(db, async (tx) => {
    const latest = await tx.calendarChange.findFirst({ where: { year: entered.year }, orderBy: { id: 'desc' } });
    const before = calendar().year(entered.year);
    const turned = changedDays(before, entered);
    if (latest && turned.length === 0 && latest.notice === notice) return latest;
    const change = await tx.calendarChange.create({
      data: {
        year: entered.year,
        notice,
        holidays: JSON.stringify(entered.holidays),
        adjustedWorkdays: JSON.stringify(entered.adjustedWorkdays),
        reason,
        enteredBy: caller.actor,
        enteredAt: now,
        changedDays: JSON.stringify(turned),
      },
    });
    await caller.audit.write(tx, 'enterCalendarYear', String(entered.year), { change: change.id, notice });
    useWorkingCalendar(calendar().withYear(entered));
    return change;
  });
}

/**
 * From October on, next year's deadlines are being set (a 20-working-day limit accepted in
 * December ends in January): warn while next year still has no official notice.
 */
export function calendarWarnings(calendar: WorkingCalendar, now: Date): string[] {
  const chinaNow = new Date(now.getTime() + 8 * 3600_000);
  if (chinaNow.getUTCMonth() < 9) return [];
  const next = chinaNow.getUTCFullYear() + 1;
  if (calendar.year(next).status === 'OFFICIAL') return [];
  return [
    `${next} has no official holiday notice entered yet: deadlines falling in ${next} are provisional ` +
      `(statutory holidays only, no 调休). Enter the State Council's notice when it is published.`,
  ];
}
