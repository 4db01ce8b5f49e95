import { z } from 'zod';
import { BadUserInputError } from '@onewindow/runtime';
import { daysOfYear, isDay, isWeekend, shiftDay, weekdayName, yearOf } from './days.js';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, REVISED_RULE_FROM, statutoryHolidays } from './statutory.js';

/** OFFICIAL: from the State Council's notice for the year. PROVISIONAL: the statutory rule alone. */
export type CalendarYearStatus = 'OFFICIAL' | 'PROVISIONAL';

/** One year of the mainland working-day calendar, as data. */
export interface CalendarYear {
  year: number;
  status: CalendarYearStatus;
  /** Days off (放假), YYYY-MM-DD in date order: the statutory holidays and the days joined to them. */
  holidays: string[];
  /** 调休: Saturdays and Sundays that are working days (上班), YYYY-MM-DD in date order. */
  adjustedWorkdays: string[];
  /** The notice's number (通知文号), e.g. 国办发明电〔2025〕7号; null when provisional or not verified. */
  notice: string | null;
}

const HOLIDAYS = 'holidays (放假)';
const ADJUSTED = 'adjusted working days (调休上班)';

const dayList = (label: string) =>
  z.array(z.string({ error: `${label} must list days written YYYY-MM-DD` }), {
    error: `${label} must be a list of days written YYYY-MM-DD`,
  });

/**
 * The zod schema of a calendar year. Besides the shape it checks what is certain of any real
 * notice: days are real and inside the year, in date order, in one list only; 调休 working days are
 * weekends; a weekend day off belongs to a block of days off; and from 2025 on an official year
 * gives every statutory holiday off. Messages are meant for the supervisor entering the notice.
 */
export const calendarYearSchema = z
  .strictObject(
    {
      year: z
        .number({ error: 'year (年度) must be a number such as 2027' })
        .int({ error: 'year (年度) must be a whole number such as 2027' })
        .min(FIRST_CALENDAR_YEAR, { error: `year (年度) must be ${FIRST_CALENDAR_YEAR} or later` })
        .max(LAST_CALENDAR_YEAR, { error: `year (年度) must be ${LAST_CALENDAR_YEAR} or earlier` }),
      status: z.enum(['OFFICIAL', 'PROVISIONAL'], {
        error: 'status must be OFFICIAL (正式, from a State Council notice) or PROVISIONAL (暂定)',
      }),
      holidays: dayList(HOLIDAYS),
      adjustedWorkdays: dayList(ADJUSTED),
      notice: z
        .string({ error: 'notice (通知文号) must be text such as 国办发明电〔2025〕7号, or null' })
        .trim()
        .min(1, { error: 'notice (通知文号) is empty: give the number, or null when it is not known' })
        .max(200, { error: 'notice (通知文号) must be at most 200 characters' })
        .nullable(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field ${issue.keys.join(', ')}: ` +
            'a calendar year has year, status, holidays, adjustedWorkdays and notice'
          : 'a calendar year must be an object with year, status, holidays, adjustedWorkdays and notice',
    },
  )
  .superRefine((value, ctx) => {
    for (const message of contentProblems(value)) ctx.addIssue({ code: 'custom', message });
  });

/** A calendar year that failed validation; a BAD_USER_INPUT error listing every problem. */
export class InvalidCalendarYearError extends BadUserInputError {
  constructor(readonly problems: string[]) {
    super(`Invalid calendar year: ${problems.join('; ')}`, { problems });
  }
}

/** Every problem of a would-be calendar year, all at once (empty when it is valid). */
export function calendarYearProblems(input: unknown): string[] {
  const parsed = calendarYearSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

/** A validated copy of a calendar year; throws InvalidCalendarYearError listing every problem. */
export function parseCalendarYear(input: unknown): CalendarYear {
  const parsed = calendarYearSchema.safeParse(input);
  if (!parsed.success) throw new InvalidCalendarYearError(parsed.error.issues.map((issue) => issue.message));
  const { year, status, holidays, adjustedWorkdays, notice } = parsed.data;
  return { year, status, holidays: [...holidays], adjustedWorkdays: [...adjustedWorkdays], notice };
}

type YearShape = Omit<CalendarYear, 'status'> & { status: string };

function contentProblems(value: YearShape): string[] {
  // A year out of range is reported by its field; every day would only repeat it.
  if (!Number.isInteger(value.year) || value.year < FIRST_CALENDAR_YEAR || value.year > LAST_CALENDAR_YEAR) return [];
  const problems = [
    ...listProblems(value.year, value.holidays, HOLIDAYS),
    ...listProblems(value.year, value.adjustedWorkdays, ADJUSTED),
  ];
  if (value.status === 'PROVISIONAL' && value.notice !== null) {
    problems.push(
      'a provisional year (暂定) has no notice (通知文号): set status OFFICIAL to enter a State Council notice',
    );
  }
  if (value.holidays.length === 0) problems.push(`${HOLIDAYS} is empty: every year has statutory holidays`);
  // The checks below read the days; they would only repeat the problems above.
  if (problems.length > 0) return problems;

  const holidays = new Set(value.holidays);
  const adjusted = new Set(value.adjustedWorkdays);
  const statutory = new Map(statutoryHolidays(value.year).map((h) => [h.day, h.name]));
  for (const day of value.adjustedWorkdays) {
    if (holidays.has(day)) problems.push(`${day} is both a holiday (放假) and an adjusted working day (调休上班)`);
    if (!isWeekend(day)) {
      problems.push(
        `adjusted working day (调休上班) ${day} is a ${weekdayName(day)}: ` +
          'only a Saturday or Sunday can be made a working day',
      );
    }
  }
  const isRestDay = (day: string) => holidays.has(day) || (isWeekend(day) && !adjusted.has(day));
  for (const day of value.holidays) {
    if (isWeekend(day) && !statutory.has(day) && !inHolidayBlock(day, value.year, holidays, isRestDay)) {
      problems.push(
        `holiday (放假) ${day} is a ${weekdayName(day)}, a rest day already, outside any block of days off: ` +
          'list a weekend day only inside a run of days off that has a weekday holiday',
      );
    }
  }
  if (value.status === 'OFFICIAL' && value.year >= REVISED_RULE_FROM) {
    for (const [day, name] of statutory) {
      if (adjusted.has(day)) {
        problems.push(
          `${day} is ${name}, a statutory holiday (法定节假日): it cannot be an adjusted working day (调休上班)`,
        );
      } else if (!isWeekend(day) && !holidays.has(day)) {
        problems.push(`${day} is ${name}, a statutory holiday (法定节假日): it must be listed as a holiday (放假)`);
      }
    }
  }
  return problems;
}

function listProblems(year: number, days: string[], label: string): string[] {
  const problems: string[] = [];
  const outside: string[] = [];
  let previous: string | undefined;
  for (const day of days) {
    if (!isDay(day)) {
      problems.push(`${label}: "${day}" is not a day written YYYY-MM-DD`);
      continue;
    }
    if (yearOf(day) !== year) outside.push(day);
    if (previous !== undefined && day === previous) problems.push(`${label}: ${day} is listed twice`);
    else if (previous !== undefined && day < previous) {
      problems.push(`${label}: ${day} comes after ${previous}; list the days in date order`);
    }
    previous = day;
  }
  if (outside.length > 0) {
    // One message for a whole list typed under the wrong year.
    const more = outside.length - 5;
    const shown = more > 0 ? `${outside.slice(0, 5).join(', ')} and ${more} more` : outside.join(', ');
    problems.unshift(`${label}: ${shown} ${outside.length === 1 ? 'is' : 'are'} not in ${year}`);
  }
  return problems;
}

/**
 * True when a day off lies in a run of consecutive rest days that has a weekday holiday, or that
 * runs into the next or previous year (the 2023 notice gave 2022-12-31, a Saturday, as part of 元旦).
 */
function inHolidayBlock(
  day: string,
  year: number,
  holidays: Set<string>,
  isRestDay: (day: string) => boolean,
): boolean {
  for (const step of [-1, 1]) {
    for (let current = shiftDay(day, step); ; current = shiftDay(current, step)) {
      if (yearOf(current) !== year) return true;
      if (!isRestDay(current)) break;
      if (holidays.has(current) && !isWeekend(current)) return true;
    }
  }
  return false;
}

/** The provisional year: the statutory holidays on their dates, weekends off, no 调休, no notice. */
export function provisionalYear(year: number): CalendarYear {
  return {
    year,
    status: 'PROVISIONAL',
    holidays: statutoryHolidays(year).map((h) => h.day),
    adjustedWorkdays: [],
    notice: null,
  };
}

/**
 * The days whose status (working or rest) differs between two versions of the same year, in date
 * order: the days a new or corrected notice moves, so callers can tell which deadlines it affects.
 */
export function changedDays(before: CalendarYear, after: CalendarYear): string[] {
  if (before.year !== after.year) {
    throw new RangeError(`Cannot compare ${before.year} with ${after.year}: not the same year`);
  }
  const was = workdayTest(before);
  const is = workdayTest(after);
  return daysOfYear(before.year).filter((day) => was(day) !== is(day));
}

/** A fast working-day test for one year (sets instead of list scans). */
export function workdayTest(year: CalendarYear): (day: string) => boolean {
  const holidays = new Set(year.holidays);
  const adjusted = new Set(year.adjustedWorkdays);
  return (day) => adjusted.has(day) || (!isWeekend(day) && !holidays.has(day));
}
