// Writes services/kit/src/calendar/years/<year>.json from the chinese-days package, for the years
// it knows from the State Council's notices. Run: npx tsx services/kit/src/calendar/extract-years.ts
// The files are committed and reviewed; calendar-data.test.ts checks them against the package.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import chineseDays from 'chinese-days';
import { parseCalendarYear, type CalendarYear } from './calendar-year.js';
import { daysOfYear, isWeekend } from './days.js';

/**
 * The notices behind each year, checked against the published texts (中国政府网, 维基文库 and
 * provincial reprints). A year's file also holds days another notice set: 2018-12-29…31, 2022-12-31
 * are from the next year's notice; 2015-09-03…06 from the 抗战胜利70周年 notice; 2019 May Day was
 * changed in March 2019; the 2020 Spring Festival was extended for the epidemic. null: not verified.
 */
export const NOTICES: Readonly<Record<number, string | null>> = {
  2004: null,
  2005: null,
  2006: null,
  2007: null,
  2008: null,
  2009: null,
  2010: null,
  2011: null,
  2012: '国办发明电〔2011〕45号',
  2013: '国办发明电〔2012〕33号',
  2014: '国办发明电〔2013〕28号',
  2015: '国办发明电〔2014〕28号、国发明电〔2015〕1号',
  2016: '国办发明电〔2015〕18号',
  2017: '国办发明电〔2016〕17号',
  2018: '国办发明电〔2017〕12号、国办发明电〔2018〕15号',
  2019: '国办发明电〔2018〕15号、国办发明电〔2019〕3号',
  2020: '国办发明电〔2019〕16号、国办发明电〔2020〕1号',
  2021: '国办发明电〔2020〕27号',
  2022: '国办发明电〔2021〕11号、国办发明电〔2022〕16号',
  2023: '国办发明电〔2022〕16号',
  2024: '国办发明电〔2023〕7号',
  2025: '国办发明电〔2024〕12号',
  2026: '国办发明电〔2025〕7号',
};

/** One year as chinese-days has it, validated. */
export function extractYear(year: number): CalendarYear {
  const days = daysOfYear(year);
  // Without weekends, getHolidaysInRange gives the days the package lists as days off.
  const listed = new Set(chineseDays.getHolidaysInRange(days[0], days[days.length - 1], false));
  return parseCalendarYear({
    year,
    status: 'OFFICIAL',
    holidays: days.filter((day) => listed.has(day) && !chineseDays.isWorkday(day)),
    adjustedWorkdays: days.filter((day) => isWeekend(day) && chineseDays.isWorkday(day)),
    notice: NOTICES[year] ?? null,
  });
}

function main(): void {
  for (const year of Object.keys(NOTICES).map(Number)) {
    const file = new URL(`./years/${year}.json`, import.meta.url);
    writeFileSync(file, `${JSON.stringify(extractYear(year), null, 2)}\n`);
    process.stdout.write(`wrote calendar/years/${year}.json\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
