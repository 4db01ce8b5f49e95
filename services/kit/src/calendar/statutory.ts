// The statutory holidays of 全国年节及纪念日放假办法 as revised in 2024 (国务院令第795号, in force
// 2025-01-01), on their dates for a given year. Lunar dates come from chinese-days, whose CommonJS
// build cannot be name-imported from ESM, so its functions are taken from the module object.
import chineseDays from 'chinese-days';
import { shiftDay } from './days.js';

/** The first and last year the lunar tables of chinese-days cover for a whole solar year. */
export const FIRST_CALENDAR_YEAR = 1901;
export const LAST_CALENDAR_YEAR = 2099;

/** The year the revised 放假办法 (13 statutory days, 除夕 included) came into force. */
export const REVISED_RULE_FROM = 2025;

/** One statutory holiday day. */
export interface StatutoryHoliday {
  day: string;
  /** Chinese and English name, e.g. `春节 (Spring Festival)`. */
  name: string;
}

const cache = new Map<number, readonly StatutoryHoliday[]>();

/**
 * The statutory holiday days of a solar year under the revised rule, in date order:
 * 元旦 1 Jan; 春节 4 days (农历除夕 and 正月初一 to 初三); 清明节 (the 清明 solar term day);
 * 劳动节 1–2 May; 端午节 (农历五月初五); 中秋节 (农历八月十五); 国庆节 1–3 Oct. When two fall on
 * the same day (中秋 on 1–3 Oct) the day appears once, under both names.
 */
export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  let holidays = cache.get(year);
  if (!holidays) {
    holidays = computeStatutoryHolidays(year);
    cache.set(year, holidays);
  }
  return holidays;
}

function computeStatutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    throw new RangeError(`The working-day calendar covers ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}, not ${year}`);
  }
  const y = String(year);
  // The lunar year that starts in this solar year has the same number; its 除夕 is the day before
  // 正月初一, whether the 12th month before it has 29 or 30 days.
  const newYear = lunarToSolar(`${y}-01-01`);
  const named: Array<[string, string]> = [
    [`${y}-01-01`, "元旦 (New Year's Day)"],
    [shiftDay(newYear, -1), '春节 (Spring Festival, 除夕)'],
    [newYear, '春节 (Spring Festival, 正月初一)'],
    [shiftDay(newYear, 1), '春节 (Spring Festival, 正月初二)'],
    [shiftDay(newYear, 2), '春节 (Spring Festival, 正月初三)'],
    // getSolarTermDate puts the term's day into the month it is given: 清明 is always in April.
    [chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), '清明节 (Qingming Festival)'],
    [`${y}-05-01`, '劳动节 (Labour Day)'],
    [`${y}-05-02`, '劳动节 (Labour Day)'],
    [lunarToSolar(`${y}-05-05`), '端午节 (Dragon Boat Festival)'],
    [lunarToSolar(`${y}-08-15`), '中秋节 (Mid-Autumn Festival)'],
    [`${y}-10-01`, '国庆节 (National Day)'],
    [`${y}-10-02`, '国庆节 (National Day)'],
    [`${y}-10-03`, '国庆节 (National Day)'],
  ];
  const byDay = new Map<string, string>();
  for (const [day, name] of named) byDay.set(day, byDay.has(day) ? `${byDay.get(day)} and ${name}` : name);
  return [...byDay].map(([day, name]) => ({ day, name })).sort((a, b) => (a.day < b.day ? -1 : 1));
}

/**
 * The solar day of a lunar date in the ordinary month: a festival stays there when a leap month of
 * the same number follows (2028 has a leap fifth month; 端午 is in the first).
 */
function lunarToSolar(lunar: string): string {
  return chineseDays.getSolarDateFromLunar(lunar).date;
}
