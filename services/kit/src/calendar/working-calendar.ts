import {
  InvalidCalendarYearError,
  parseCalendarYear,
  provisionalYear,
  workdayTest,
  type CalendarYear,
} from './calendar-year.js';
import { isDay, yearOf } from './days.js';
import { committedYears } from './official-years.js';

/**
 * The mainland working-day calendar built from calendar years as data. A year entered (from a
 * State Council notice) is in force; any other year is provisional: the statutory holidays on
 * their dates, weekends off. Immutable: withYear gives a new calendar. Answers are memoized per
 * day, since seeding a million cases asks about the same few hundred days millions of times.
 */
export class WorkingCalendar {
  private readonly entered = new Map<number, CalendarYear>();
  private readonly provisional = new Map<number, CalendarYear>();
  private readonly tests = new Map<number, (day: string) => boolean>();
  private readonly workdays = new Map<string, boolean>();

  /** A calendar of the given years (each validated; a year given twice is refused). */
  constructor(years: Iterable<unknown> = []) {
    for (const input of years) {
      const year = frozen(parseCalendarYear(input));
      if (this.entered.has(year.year)) throw new InvalidCalendarYearError([`${year.year} is given twice`]);
      this.entered.set(year.year, year);
    }
  }

  /** The default calendar: the committed official years, provisional for every other year. */
  static committed(): WorkingCalendar {
    return new WorkingCalendar(committedYears());
  }

  /** True when a YYYY-MM-DD day is a working day (weekdays and 调休 weekends, not days off). */
  isWorkday(day: string): boolean {
    let answer = this.workdays.get(day);
    if (answer === undefined) {
      const year = checkedYear(day);
      let test = this.tests.get(year);
      if (!test) {
        test = workdayTest(this.year(year));
        this.tests.set(year, test);
      }
      answer = test(day);
      this.workdays.set(day, answer);
    }
    return answer;
  }

  /** True when the day's year has no official notice entered: its answers may still change. */
  isProvisional(day: string): boolean {
    return this.year(checkedYear(day)).status === 'PROVISIONAL';
  }

  /** The year in force: the one entered, else the provisional one (computed once). */
  year(year: number): CalendarYear {
    const entered = this.entered.get(year);
    if (entered) return entered;
    let computed = this.provisional.get(year);
    if (!computed) {
      computed = frozen(provisionalYear(year));
      this.provisional.set(year, computed);
    }
    return computed;
  }

  /** The years entered (not the computed provisional ones), in year order. */
  enteredYears(): CalendarYear[] {
    return [...this.entered.values()].sort((a, b) => a.year - b.year);
  }

  /** A new calendar with this year entered, or corrected when it was entered already. */
  withYear(input: unknown): WorkingCalendar {
    const year = parseCalendarYear(input);
    return new WorkingCalendar([...this.enteredYears().filter((y) => y.year !== year.year), year]);
  }
}

function checkedYear(day: string): number {
  if (!isDay(day)) throw new RangeError(`"${day}" is not a day written YYYY-MM-DD`);
  return yearOf(day);
}

/** A year whose lists cannot be changed behind the calendar's memo. */
function frozen(year: CalendarYear): CalendarYear {
  return Object.freeze({
    ...year,
    holidays: Object.freeze([...year.holidays]) as string[],
    adjustedWorkdays: Object.freeze([...year.adjustedWorkdays]) as string[],
  });
}
