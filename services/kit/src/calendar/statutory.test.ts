import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { shiftDay } from './days.js';
import { committedYears } from './official-years.js';
import { statutoryHolidays } from './statutory.js';

const daysOf = (year: number, festival: string) =>
  statutoryHolidays(year)
    .filter((h) => h.name.startsWith(festival))
    .map((h) => h.day);

// Expected lunar dates are the published ones (the State Council's notices name 除夕 and the
// festival days), not the library's answers.
describe('the statutory holidays of 全国年节及纪念日放假办法 (2024 revision) on their dates', () => {
  it('put 除夕 and 正月初一 to 初三 on the known dates', () => {
    expect(daysOf(2025, '春节')).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(daysOf(2026, '春节')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    expect(daysOf(2027, '春节')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
  });

  it('put 清明, 端午 and 中秋 on the known dates', () => {
    expect(daysOf(2025, '清明节')).toEqual(['2025-04-04']);
    expect(daysOf(2026, '清明节')).toEqual(['2026-04-05']);
    expect(daysOf(2025, '端午节')).toEqual(['2025-05-31']);
    expect(daysOf(2026, '端午节')).toEqual(['2026-06-19']);
    expect(daysOf(2025, '中秋节')).toEqual(['2025-10-06']);
    expect(daysOf(2026, '中秋节')).toEqual(['2026-09-25']);
  });

  it('keep 端午 in the ordinary fifth month when a leap fifth month follows (2028)', () => {
    expect(chineseDays.getYearLeapMonth(2028).leapMonth).toBe(5);
    expect(daysOf(2028, '端午节')).toEqual(['2028-05-28']);
  });

  it('give 13 days a year, one entry when 中秋 falls on National Day (2020-10-01)', () => {
    expect(statutoryHolidays(2027)).toHaveLength(13);
    const days2020 = statutoryHolidays(2020);
    expect(days2020).toHaveLength(12);
    expect(days2020.find((h) => h.day === '2020-10-01')?.name).toBe(
      '中秋节 (Mid-Autumn Festival) and 国庆节 (National Day)',
    );
  });

  it('agree with the lunar calendar read the other way, for every year 2025–2060', () => {
    for (let year = 2025; year <= 2060; year += 1) {
      const [eve, first] = daysOf(year, '春节');
      const eveLunar = chineseDays.getLunarDate(eve!);
      expect([eveLunar.lunarMon, eveLunar.isLeap], `${year} 除夕`).toEqual([12, false]);
      expect(chineseDays.getLunarDate(shiftDay(eve!, 1))).toMatchObject({ lunarMon: 1, lunarDay: 1 });
      expect(first).toBe(shiftDay(eve!, 1));
      const lunar = (festival: string) => chineseDays.getLunarDate(daysOf(year, festival)[0]!);
      expect(lunar('端午节')).toMatchObject({ lunarMon: 5, lunarDay: 5, isLeap: false });
      expect(lunar('中秋节')).toMatchObject({ lunarMon: 8, lunarDay: 15, isLeap: false });
      expect(chineseDays.getSolarTerms(daysOf(year, '清明节')[0]).map((t) => t.term)).toEqual(['pure_brightness']);
    }
  });

  it('are all days off in the official calendars of 2025 and 2026', () => {
    for (const official of committedYears().filter((y) => y.year >= 2025)) {
      const holidays = new Set(official.holidays);
      for (const { day, name } of statutoryHolidays(official.year)) {
        expect(holidays.has(day), `${day} ${name} is a day off in ${official.notice}`).toBe(true);
      }
    }
    expect(
      committedYears()
        .filter((y) => y.year >= 2025)
        .map((y) => y.year),
    ).toEqual([2025, 2026]);
  });

  it('refuse a year outside the lunar tables', () => {
    expect(() => statutoryHolidays(1900)).toThrow(RangeError);
    expect(() => statutoryHolidays(2100)).toThrow(RangeError);
  });
});
