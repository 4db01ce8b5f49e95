// The working-day calendar every deadline is computed with: one process-wide WorkingCalendar,
// by default the committed official years (provisional for the others). A service that keeps its
// own copy of the calendar swaps it in with useWorkingCalendar. The calendar memoizes per day.
import { adjacentDay, shiftDay } from '../calendar/days.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';

export { shiftDay };

let current: WorkingCalendar | undefined;

/** The calendar in force in this process (the committed one until useWorkingCalendar). */
export function currentWorkingCalendar(): WorkingCalendar {
  current ??= WorkingCalendar.committed();
  return current;
}

/** Replaces the calendar in force, e.g. with the service's stored copy after a notice is entered. */
export function useWorkingCalendar(calendar: WorkingCalendar): void {
  current = calendar;
}

/** True when a YYYY-MM-DD day is a working day (weekdays and adjusted working weekends, not holidays). */
export function isWorkday(day: string): boolean {
  return currentWorkingCalendar().isWorkday(day);
}

/** True when the day's year has no official notice yet: a deadline on it is provisional. */
export function isProvisionalDay(day: string): boolean {
  return currentWorkingCalendar().isProvisional(day);
}

/**
 * The `count`-th working day after `day` (before it when negative); `day` itself never counts.
 * Zero gives `day`.
 */
export function findWorkday(count: number, day: string): string {
  const calendar = currentWorkingCalendar();
  const step: 1 | -1 = count < 0 ? -1 : 1;
  let at = day;
  for (let found = 0; found < Math.abs(count);) {
    at = adjacentDay(at, step);
    if (calendar.isWorkday(at)) found += 1;
  }
  return at;
}
