import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { daysOfYear, isWeekend } from './days.js';
import { extractYear, NOTICES } from './extract-years.js';
import { committedYears } from './official-years.js';
import { WorkingCalendar } from './working-calendar.js';

const committed = committedYears();

describe('the committed official years (calendar/years/<year>.json)', () => {
  it('cover every year chinese-days knows officially, 2004–2026, each OFFICIAL', () => {
    expect(committed.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(new Set(committed.map((y) => y.status))).toEqual(new Set(['OFFICIAL']));
  });

  it('name the State Council notice of every year from 2012 (earlier ones are not verified: null)', () => {
    for (const year of committed) {
      if (year.year >= 2012) expect(year.notice, `${year.year}`).toMatch(/^国(办)?发明电〔\d{4}〕\d+号/);
      else expect(year.notice, `${year.year}`).toBeNull();
    }
    expect(committed.find((y) => y.year === 2026)?.notice).toBe('国办发明电〔2025〕7号');
  });

  it('agree with chinese-days on every day of every year (isWorkday, isHoliday, isInLieu)', () => {
    const calendar = WorkingCalendar.committed();
    let days = 0;
    for (const year of committed) {
      const holidays = new Set(year.holidays);
      const adjusted = new Set(year.adjustedWorkdays);
      for (const day of daysOfYear(year.year)) {
        const workday = chineseDays.isWorkday(day);
        expect(calendar.isWorkday(day), day).toBe(workday);
        expect(!calendar.isWorkday(day), day).toBe(chineseDays.isHoliday(day));
        expect(adjusted.has(day), day).toBe(isWeekend(day) && workday);
        // 调休 days (in lieu of a working weekend) are weekday days off in the data.
        if (chineseDays.isInLieu(day)) expect(holidays.has(day) && !isWeekend(day), day).toBe(true);
        days += 1;
      }
    }
    expect(days).toBe(8401);
  });

  it('are what extract-years.ts writes today, so a regeneration changes nothing', () => {
    for (const year of committed) expect(extractYear(year.year)).toEqual(year);
    expect(Object.keys(NOTICES).map(Number)).toEqual(committed.map((y) => y.year));
  });

  it('match the texts of the notices on days the package could get wrong', () => {
    const calendar = WorkingCalendar.committed();
    // 国办发明电〔2018〕15号: 2018-12-29 (Saturday) worked, 12-30 to 2019-01-01 off.
    expect(['2018-12-29', '2018-12-31', '2019-01-01'].map((d) => calendar.isWorkday(d))).toEqual([true, false, false]);
    // 国办发明电〔2020〕1号: the 2020 Spring Festival extended to 2 February; 3 February worked.
    expect(['2020-01-31', '2020-02-03'].map((d) => calendar.isWorkday(d))).toEqual([false, true]);
    // 国发明电〔2015〕1号: 3–5 September 2015 off, Sunday 6 September worked.
    expect(['2015-09-03', '2015-09-04', '2015-09-06'].map((d) => calendar.isWorkday(d))).toEqual([false, false, true]);
    // 国办发明电〔2025〕7号: 9 days of Spring Festival, Saturdays 14 and 28 February worked.
    expect(['2026-02-14', '2026-02-23', '2026-02-24', '2026-02-28'].map((d) => calendar.isWorkday(d))).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });
});
