import { describe, expect, it } from 'vitest';
import { InvalidCalendarYearError, provisionalYear } from './calendar-year.js';
import { shiftDay } from './days.js';
import { committedYears } from './official-years.js';
import { WorkingCalendar } from './working-calendar.js';

const official2026 = committedYears().find((y) => y.year === 2026)!;

describe('WorkingCalendar', () => {
  const calendar = WorkingCalendar.committed();

  it('answers from the official year where there is one, and from the statutory rule elsewhere', () => {
    expect(calendar.isWorkday('2026-10-08')).toBe(true);
    expect(calendar.isWorkday('2026-10-07')).toBe(false); // 国庆节, 调休
    expect(calendar.isWorkday('2026-10-10')).toBe(true); // a Saturday worked
    expect(calendar.isWorkday('2027-01-01')).toBe(false); // 元旦, a Friday
    expect(calendar.isWorkday('2027-01-04')).toBe(true);
    expect(['2027-02-05', '2027-02-08', '2027-02-09'].map((d) => calendar.isWorkday(d))).toEqual([false, false, true]);
    expect(calendar.isWorkday('2027-01-09')).toBe(false); // a Saturday: no 调休 in a provisional year
  });

  it('tells provisional days from official ones', () => {
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
    expect(calendar.isProvisional('2027-01-01')).toBe(true);
    expect(calendar.year(2026)).toEqual(official2026);
    expect(calendar.year(2027)).toEqual(provisionalYear(2027));
  });

  it('computes a provisional year once, and no caller can change a year behind its memo', () => {
    const year = calendar.year(2031);
    expect(calendar.year(2031)).toBe(year);
    expect(() => year.holidays.push('2031-03-03')).toThrow(TypeError);
    expect(() => calendar.year(2026).adjustedWorkdays.pop()).toThrow(TypeError);
  });

  it('enters or corrects a year in a new calendar and leaves the old one as it was', () => {
    const adjustedWorkdays = official2026.adjustedWorkdays.filter((d) => d !== '2026-01-04');
    const noNewYearWork = { ...official2026, adjustedWorkdays };
    const corrected = calendar.withYear(noNewYearWork);
    expect(corrected.isWorkday('2026-01-04')).toBe(false);
    expect(calendar.isWorkday('2026-01-04')).toBe(true);
    expect(corrected.enteredYears().map((y) => y.year)).toEqual(calendar.enteredYears().map((y) => y.year));

    // Test fixture, not real data: the provisional 2027 entered as if official.
    const entered = corrected.withYear({ ...provisionalYear(2027), status: 'OFFICIAL', notice: 'test fixture' });
    expect(entered.isProvisional('2027-06-01')).toBe(false);
    expect(entered.enteredYears().at(-1)?.year).toBe(2027);
  });

  it('refuses bad years and bad days', () => {
    expect(() => new WorkingCalendar([official2026, official2026])).toThrow('2026 is given twice');
    const weekdayWorked = { ...official2026, adjustedWorkdays: ['2026-01-05'] };
    expect(() => calendar.withYear(weekdayWorked)).toThrow(InvalidCalendarYearError);
    expect(() => calendar.isWorkday('2027-02-30')).toThrow(RangeError);
    expect(() => calendar.isProvisional('tomorrow')).toThrow(RangeError);
    expect(() => calendar.isWorkday('1900-06-01')).toThrow(RangeError);
  });

  it('answers the same few hundred days millions of times quickly (memoized per day)', () => {
    const days = Array.from({ length: 730 }, (_, i) => shiftDay('2026-01-01', i));
    const fresh = WorkingCalendar.committed();
    const started = performance.now();
    let workdays = 0;
    for (let i = 0; i < 2_000_000; i += 1) if (fresh.isWorkday(days[i % days.length]!)) workdays += 1;
    expect(workdays).toBeGreaterThan(1_300_000);
    // About 0.1 s on this machine; the bound leaves room for a busy shared machine.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
