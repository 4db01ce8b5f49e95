import { adjacentDay } from '../calendar/days.js';
import { findWorkday, isProvisionalDay, isWorkday } from './calendar.js';

/**
 * Working-day arithmetic on the mainland calendar, with public holidays and adjusted working
 * days (调休) from the process's WorkingCalendar (calendar.ts). Days are calendar days in China
 * Standard Time.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China-time calendar day of an instant, as YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first millisecond of a China-time calendar day, as an instant. */
export function startOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS);
}

/** The last millisecond of a China-time calendar day, as an instant. */
export function endOfChinaDay(day: string): Date {
  return new Date(startOfChinaDay(day).getTime() + DAY_MS - 1);
}

/**
 * The deadline of a limit of `days` working days counted from `from`: the end of the
 * `days`-th working day after the day of `from` (a limit starts the next day). Zero days
 * (即办件) ends the same day.
 */
export function addWorkingDays(from: Date, days: number): Date {
  return endOfChinaDay(findWorkday(days, chinaDay(from)));
}

/**
 * True when a deadline's day is in a year with no official notice yet (deadlineProvisional): the
 * working days counted up to it may change when the notice is entered.
 */
export function isProvisionalDeadline(deadline: Date): boolean {
  return isProvisionalDay(chinaDay(deadline));
}

/** Working days after the day of `from` up to and including the day of `to` (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  const last = chinaDay(to);
  let count = 0;
  for (let day = adjacentDay(chinaDay(from), 1); day <= last; day = adjacentDay(day, 1)) if (isWorkday(day)) count += 1;
  return count;
}

/**
 * Working days from `now` until `deadline`: 0 on the deadline's own day, positive before it,
 * negative (working days past it) after.
 */
export function workingDaysUntil(now: Date, deadline: Date): number {
  return now <= deadline ? workingDaysBetween(now, deadline) : -workingDaysBetween(deadline, now);
}

/**
 * The first instant from which a deadline has more than `days` working days left as seen on the
 * day of `now`: a deadline before it has at most `days` left. Lets SQL apply the same rule as
 * workingDaysUntil without a calendar.
 */
export function moreThanWorkingDaysFrom(now: Date, days: number): Date {
  return startOfChinaDay(findWorkday(days + 1, chinaDay(now)));
}
