import { findWorkday, isWorkday } from './calendar.js';

/**
 * Working-day arithmetic on the mainland calendar, with public holidays and adjusted working
 * days (调休) from the chinese-days package. Days are calendar days in China Standard Time.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China-time calendar day of an instant, as YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a China-time calendar day, as an instant. */
export function endOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS + DAY_MS - 1);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The deadline of a limit of `days` working days counted from `from`: the end of the
 * `days`-th working day after the day of `from` (a limit starts the next day). Zero days
 * (即办件) ends the same day.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const start = chinaDay(from);
  return endOfChinaDay(days === 0 ? start : findWorkday(days, start));
}

/**
 * Working days from `now` until `deadline`: 0 on the deadline's own day, positive before it,
 * negative (working days past it) after.
 */
export function workingDaysUntil(now: Date, deadline: Date): number {
  const today = chinaDay(now);
  const due = chinaDay(deadline);
  if (today === due) return 0;
  const [from, to, sign] = today < due ? [today, due, 1] : [due, today, -1];
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkday(day)) count += 1;
  return sign * count;
}
