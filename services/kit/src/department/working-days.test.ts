import { describe, expect, it } from 'vitest';
import { addWorkingDays, chinaDay, endOfChinaDay, workingDaysUntil } from './working-days.js';

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
