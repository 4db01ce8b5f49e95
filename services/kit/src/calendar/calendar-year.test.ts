import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@onewindow/runtime';
import {
  calendarYearProblems,
  changedDays,
  InvalidCalendarYearError,
  parseCalendarYear,
  provisionalYear,
  type CalendarYear,
} from './calendar-year.js';
import { committedYears } from './official-years.js';

const official2026 = committedYears().find((y) => y.year === 2026)!;
/** The 2026 notice with some fields replaced. */
const with2026 = (change: Partial<Record<keyof CalendarYear, unknown>>) => ({ ...official2026, ...change });

describe('a calendar year as data, validated', () => {
  it('accepts the 2026 notice as committed and returns a copy', () => {
    const parsed = parseCalendarYear(official2026);
    expect(parsed).toEqual(official2026);
    expect(parsed.holidays).not.toBe(official2026.holidays);
  });

  it('refuses a wrong shape with one message per field, in words a supervisor reads', () => {
    const wrong = { year: '2027', status: 'FINAL', holidays: '2027-01-01', adjustedWorkdays: [1], notice: 7 };
    expect(calendarYearProblems(wrong)).toEqual([
      'year (年度) must be a number such as 2027',
      'status must be OFFICIAL (正式, from a State Council notice) or PROVISIONAL (暂定)',
      'holidays (放假) must be a list of days written YYYY-MM-DD',
      'adjusted working days (调休上班) must list days written YYYY-MM-DD',
      'notice (通知文号) must be text such as 国办发明电〔2025〕7号, or null',
    ]);
    expect(calendarYearProblems(with2026({ year: 2026.5 }))).toEqual([
      'year (年度) must be a whole number such as 2027',
    ]);
    expect(calendarYearProblems({ ...official2026, adjustedWorkday: [] })).toEqual([
      'unknown field adjustedWorkday: a calendar year has year, status, holidays, adjustedWorkdays and notice',
    ]);
    expect(calendarYearProblems(null)).toEqual([
      'a calendar year must be an object with year, status, holidays, adjustedWorkdays and notice',
    ]);
    expect(calendarYearProblems(with2026({ notice: '  ' }))).toEqual([
      'notice (通知文号) is empty: give the number, or null when it is not known',
    ]);
  });

  it('reports a year out of range once, and a list typed under the wrong year in one message', () => {
    expect(calendarYearProblems(with2026({ year: 1800 }))).toEqual(['year (年度) must be 1901 or later']);
    expect(calendarYearProblems(with2026({ year: 2027 }))).toEqual([
      'holidays (放假): 2026-01-01, 2026-01-02, 2026-01-03, 2026-02-15, 2026-02-16 and 28 more are not in 2027',
      'adjusted working days (调休上班): 2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20 ' +
        'and 1 more are not in 2027',
    ]);
  });

  it('refuses days that are not dates, not in the year, out of order or repeated', () => {
    const problems = calendarYearProblems(
      with2026({
        holidays: ['2025-12-31', '2026-02-30', '2026-10-02', '2026-10-01', '2026-10-01'],
        adjustedWorkdays: ['2026-1-4'],
      }),
    );
    expect(problems).toEqual([
      'holidays (放假): 2025-12-31 is not in 2026',
      'holidays (放假): "2026-02-30" is not a day written YYYY-MM-DD',
      'holidays (放假): 2026-10-01 comes after 2026-10-02; list the days in date order',
      'holidays (放假): 2026-10-01 is listed twice',
      'adjusted working days (调休上班): "2026-1-4" is not a day written YYYY-MM-DD',
    ]);
  });

  it('refuses a day in both lists and an adjusted working day that is not a weekend', () => {
    expect(calendarYearProblems(with2026({ adjustedWorkdays: ['2026-01-03', '2026-01-04', '2026-01-05'] }))).toEqual([
      '2026-01-03 is both a holiday (放假) and an adjusted working day (调休上班)',
      'adjusted working day (调休上班) 2026-01-05 is a Monday: only a Saturday or Sunday can be made a working day',
    ]);
  });

  it('refuses a weekend day off outside any block of days off, but not one in a block or at the year end', () => {
    const lone = with2026({ holidays: [...official2026.holidays, '2026-03-07'].sort() });
    expect(calendarYearProblems(lone)).toEqual([
      'holiday (放假) 2026-03-07 is a Saturday, a rest day already, outside any block of days off: ' +
        'list a weekend day only inside a run of days off that has a weekday holiday',
    ]);
    // Saturday 2026-01-03 ends the New Year block; Saturday 2022-12-31 began the 2023 notice's block.
    expect(calendarYearProblems(official2026)).toEqual([]);
    expect(committedYears().find((y) => y.year === 2022)?.holidays).toContain('2022-12-31');
  });

  it('from 2025 on, refuses an official year that does not give a statutory holiday off', () => {
    const problems = calendarYearProblems(
      with2026({
        holidays: official2026.holidays.filter((d) => d !== '2026-10-02' && d !== '2026-10-03'),
        adjustedWorkdays: [...official2026.adjustedWorkdays, '2026-10-03'].sort(),
      }),
    );
    expect(problems).toEqual([
      '2026-10-02 is 国庆节 (National Day), a statutory holiday (法定节假日): it must be listed as a holiday (放假)',
      '2026-10-03 is 国庆节 (National Day), a statutory holiday (法定节假日): it cannot be an adjusted working day (调休上班)',
    ]);
  });

  it('refuses a provisional year with a notice, and an empty list of holidays', () => {
    expect(calendarYearProblems({ ...provisionalYear(2027), notice: '国办发明电〔2026〕1号' })).toEqual([
      'a provisional year (暂定) has no notice (通知文号): set status OFFICIAL to enter a State Council notice',
    ]);
    expect(calendarYearProblems({ ...provisionalYear(2027), holidays: [] })).toEqual([
      'holidays (放假) is empty: every year has statutory holidays',
    ]);
  });

  it('throws a BAD_USER_INPUT error that lists every problem', () => {
    const bad = with2026({ holidays: ['2027-01-01'], adjustedWorkdays: ['2026-13-01'] });
    let error: unknown;
    try {
      parseCalendarYear(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidCalendarYearError);
    const invalid = error as InvalidCalendarYearError;
    expect(invalid.extensions.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(invalid.problems).toEqual(calendarYearProblems(bad));
    expect(invalid.problems).toHaveLength(2);
    expect(invalid.message).toBe(`Invalid calendar year: ${invalid.problems.join('; ')}`);
  });

  it('builds a valid provisional year from the statutory rule: no 调休, no notice', () => {
    const year = parseCalendarYear(provisionalYear(2027));
    expect(year).toEqual({
      year: 2027,
      status: 'PROVISIONAL',
      holidays: [
        '2027-01-01',
        '2027-02-05',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-04-05',
        '2027-05-01',
        '2027-05-02',
        '2027-06-09',
        '2027-09-15',
        '2027-10-01',
        '2027-10-02',
        '2027-10-03',
      ],
      adjustedWorkdays: [],
      notice: null,
    });
  });

  it('names the days whose status differs between two versions of a year', () => {
    const before = provisionalYear(2027);
    // Weekend days added to the holidays change nothing; a weekday off and a weekend worked do.
    const after = { ...before, holidays: [...before.holidays, '2027-10-04'].sort(), adjustedWorkdays: ['2027-09-26'] };
    expect(changedDays(before, after)).toEqual(['2027-09-26', '2027-10-04']);
    expect(changedDays(before, { ...before, holidays: [...before.holidays, '2027-01-02'].sort() })).toEqual([]);
    expect(() => changedDays(before, provisionalYear(2028))).toThrow(RangeError);
  });
});
