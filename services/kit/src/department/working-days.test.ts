import { afterEach, describe, expect, it } from 'vitest';
import { changedDays, type CalendarYear } from '../calendar/calendar-year.js';
import { currentWorkingCalendar, isWorkday, useWorkingCalendar } from './calendar.js';
import { addWorkingDays, chinaDay, endOfChinaDay, isProvisionalDeadline, workingDaysUntil } from './working-days.js';

/** 10:00 China time on a day. */
const morning = (day: string) => new Date(`${day}T02:00:00.000Z`);

// Expected dates come from the State Council's holiday notices (国务院办公厅关于2025年/2026年部分节假日安排的通知),
// not from the library under test.
describe('working-day deadlines on the mainland calendar', () => {
  it('count from the day after acceptance and end at midnight China time', () => {
    // Wednesday 2026-03-04 + 3 working days: Thu, Fri, Mon.
    const deadline = addWorkingDays(morning('2026-03-04'), 3);
    expect(chinaDay(deadline)).toBe('2026-03-09');
    expect(deadline.toISOString()).toBe('2026-03-09T15:59:59.999Z');
  });

  it('skip National Day 2026 (10/1–10/7) and count the adjusted Saturday 10/10 (调休)', () => {
    // Accepted Monday 9/28: 9/29, 9/30, then 10/8, 10/9, 10/10 (a working Saturday).
    expect(chinaDay(addWorkingDays(morning('2026-09-28'), 5))).toBe('2026-10-10');
    expect(chinaDay(addWorkingDays(morning('2026-09-28'), 6))).toBe('2026-10-12');
  });

  it('skip the 2026 Spring Festival (2/15–2/23) and count Saturday 2/14 (调休)', () => {
    // Accepted Thursday 2/12: 2/13, 2/14 (working Saturday), then 2/24.
    expect(chinaDay(addWorkingDays(morning('2026-02-12'), 3))).toBe('2026-02-24');
  });

  it('skip the 2025 Spring Festival (1/28–2/4) and count Sunday 1/26 and Saturday 2/8 (调休)', () => {
    // Accepted Friday 1/24: 1/26 (working Sunday), 1/27, then 2/5, 2/6, 2/7, 2/8 (working Saturday).
    expect(chinaDay(addWorkingDays(morning('2025-01-24'), 6))).toBe('2025-02-08');
  });

  it('skip National Day 2025 (10/1–10/8) and count Saturday 10/11 (调休)', () => {
    // Accepted Friday 9/26: 9/28 (working Sunday), 9/29, 9/30, then 10/9, 10/10, 10/11 (working Saturday).
    expect(chinaDay(addWorkingDays(morning('2025-09-26'), 6))).toBe('2025-10-11');
  });

  it('skip the 2026 Mid-Autumn Festival (9/25–9/27)', () => {
    // Accepted Monday 9/21: 9/22, 9/23, 9/24, then 9/28, 9/29.
    expect(chinaDay(addWorkingDays(morning('2026-09-21'), 5))).toBe('2026-09-29');
  });

  it('give an immediate item (0 days) the same day', () => {
    expect(addWorkingDays(morning('2026-03-04'), 0)).toEqual(endOfChinaDay('2026-03-04'));
  });

  it('count the working days left, and past, a deadline', () => {
    const deadline = endOfChinaDay('2026-10-10');
    expect(workingDaysUntil(morning('2026-10-10'), deadline)).toBe(0);
    expect(workingDaysUntil(morning('2026-09-30'), deadline)).toBe(3); // 10/8, 10/9, 10/10
    expect(workingDaysUntil(morning('2026-10-13'), deadline)).toBe(-2); // 10/12, 10/13
  });
});

describe('deadlines reaching 2027, a year with no official notice yet (provisional)', () => {
  const committed = currentWorkingCalendar();
  afterEach(() => useWorkingCalendar(committed));

  // TEST FIXTURE, NOT REAL DATA: an invented "official" 2027 that moves days, to show what entering
  // a notice does. It keeps every statutory holiday, as a real notice must.
  const fixture2027: CalendarYear = {
    year: 2027,
    status: 'OFFICIAL',
    notice: 'TEST FIXTURE, not a State Council notice',
    holidays: [
      ...['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'], // 元旦 with Monday off
      ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10'], // 春节 to Wednesday
      ...['2027-04-05', '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15'],
      ...['2027-10-01', '2027-10-02', '2027-10-03'],
    ],
    adjustedWorkdays: ['2027-01-30', '2027-02-20'], // Saturdays worked (调休)
  };

  it('do not count 1 January or the Spring Festival as working days, and are marked provisional', () => {
    // Accepted Sunday 2026-12-20: 12/21–25, 12/28–31 (9), 1/1 off, 1/4–8, 1/11–15 (19), 1/18.
    const deadline = addWorkingDays(morning('2026-12-20'), 20);
    expect(chinaDay(deadline)).toBe('2027-01-18');
    expect(isProvisionalDeadline(deadline)).toBe(true);
    expect(isProvisionalDeadline(addWorkingDays(morning('2026-12-01'), 10))).toBe(false);
    // On to 2/4 (33), 除夕 2/5 (Friday) and 初三 2/8 (Monday) off, then 2/9, 2/10.
    expect(chinaDay(addWorkingDays(morning('2026-12-20'), 35))).toBe('2027-02-10');
    expect(['2027-01-01', '2027-02-05', '2027-02-08'].filter(isWorkday)).toEqual([]);
  });

  it('change when an official 2027 that moves days is entered, and changedDays names those days', () => {
    const provisional = committed.year(2027);
    const moved = ['2027-01-04', '2027-01-30', '2027-02-09', '2027-02-10', '2027-02-20'];
    expect(changedDays(provisional, fixture2027)).toEqual(moved);

    useWorkingCalendar(committed.withYear(fixture2027));
    const deadline = addWorkingDays(morning('2026-12-20'), 20);
    expect(chinaDay(deadline)).toBe('2027-01-19'); // Monday 1/4 is now off
    expect(isProvisionalDeadline(deadline)).toBe(false);
    // Saturday 1/30 worked (29), 2/1–4 (33), 2/5–2/10 off, 2/11, 2/12.
    expect(chinaDay(addWorkingDays(morning('2026-12-20'), 35))).toBe('2027-02-12');
    expect(workingDaysUntil(morning('2027-01-29'), endOfChinaDay('2027-02-12'))).toBe(7);
  });
});
