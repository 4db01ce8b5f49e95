// Calendar days as YYYY-MM-DD strings, computed in UTC so the host's time zone never shifts a day.

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day `offset` days after a YYYY-MM-DD day (negative for before). */
export function shiftDay(day: string, offset: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + offset * DAY_MS).toISOString().slice(0, 10);
}

const nextDays = new Map<string, string>();
const previousDays = new Map<string, string>();

/**
 * The day after (step 1) or before (step -1) a YYYY-MM-DD day, memoized: counting deadlines walks
 * the same few hundred days millions of times, and date arithmetic costs microseconds a step.
 */
export function adjacentDay(day: string, step: 1 | -1): string {
  const memo = step === 1 ? nextDays : previousDays;
  let adjacent = memo.get(day);
  if (adjacent === undefined) {
    adjacent = shiftDay(day, step);
    memo.set(day, adjacent);
  }
  return adjacent;
}

/** True when `value` is a real calendar day written YYYY-MM-DD (2027-02-30 is not). */
export function isDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return at.toISOString().slice(0, 10) === value;
}

/** The year of a YYYY-MM-DD day. */
export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Day of the week of a YYYY-MM-DD day: 0 Sunday … 6 Saturday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00.000Z`).getUTCDay();
}

/** True for a Saturday or a Sunday. */
export function isWeekend(day: string): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The English name of a day's weekday, for messages. */
export function weekdayName(day: string): string {
  return WEEKDAY_NAMES[weekdayOf(day)] ?? 'unknown weekday';
}

/** Every day of a year, in order. */
export function daysOfYear(year: number): string[] {
  const days: string[] = [];
  for (let day = `${String(year).padStart(4, '0')}-01-01`; yearOf(day) === year; day = shiftDay(day, 1)) days.push(day);
  return days;
}
