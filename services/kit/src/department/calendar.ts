// The mainland calendar (holidays and 调休) comes from chinese-days. Its CommonJS build cannot be
// name-imported from ESM, so its functions are taken from the module object here. Answers are
// memoized per day: seeding a million cases asks about the same few hundred days millions of times.
import chineseDays from 'chinese-days';

const DAY_MS = 86_400_000;
const workdayCache = new Map<string, boolean>();

/** True when a YYYY-MM-DD day is a working day (weekdays and adjusted working weekends, not holidays). */
export function isWorkday(day: string): boolean {
  let answer = workdayCache.get(day);
  if (answer === undefined) {
    answer = chineseDays.isWorkday(day);
    workdayCache.set(day, answer);
  }
  return answer;
}

/** The day `offset` days after a YYYY-MM-DD day (negative for before). */
export function shiftDay(day: string, offset: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + offset * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The `count`-th working day after `day` (before it when negative); `day` itself never counts.
 * Zero gives `day`.
 */
export function findWorkday(count: number, day: string): string {
  const step = count < 0 ? -1 : 1;
  let current = day;
  for (let found = 0; found < Math.abs(count); ) {
    current = shiftDay(current, step);
    if (isWorkday(current)) found += 1;
  }
  return current;
}
