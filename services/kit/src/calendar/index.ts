// The working-day calendar as data: calendar years, their validation, the committed official
// years and the WorkingCalendar built from them.
export * from './calendar-year.js';
export { statutoryHolidays, REVISED_RULE_FROM, type StatutoryHoliday } from './statutory.js';
export { committedYears } from './official-years.js';
export { WorkingCalendar } from './working-calendar.js';
