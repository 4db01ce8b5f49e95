import { readdirSync, readFileSync } from 'node:fs';
import { parseCalendarYear, type CalendarYear } from './calendar-year.js';

// The committed official years: one reviewable file per year, written by extract-years.ts.
const YEARS_DIR = new URL('./years/', import.meta.url);
const YEAR_FILE = /^\d{4}\.json$/;

let committed: readonly CalendarYear[] | undefined;

/**
 * The official years committed in services/kit/src/calendar/years/<year>.json, validated, in
 * year order. Read once; a bad file stops the process at start with its name and every problem.
 */
export function committedYears(): readonly CalendarYear[] {
  committed ??= readdirSync(YEARS_DIR)
    .filter((name) => YEAR_FILE.test(name))
    .sort()
    .map((name) => {
      let year: CalendarYear;
      try {
        year = parseCalendarYear(JSON.parse(readFileSync(new URL(name, YEARS_DIR), 'utf8')));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`calendar/years/${name}: ${reason}`, { cause: error });
      }
      if (name !== `${year.year}.json` || year.status !== 'OFFICIAL') {
        const expected = `OFFICIAL ${name.slice(0, 4)}`;
        throw new Error(`calendar/years/${name}: holds ${year.status} ${year.year}; it must hold ${expected}`);
      }
      return year;
    });
  return committed;
}
