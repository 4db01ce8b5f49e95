import { describe, expect, it } from 'vitest';
import { checkExtension, jointClock, jointDeadline, jointLimitsSchema, partsConcluded } from './limit.js';

// Monday 2 March 2026, 10:00 China time; March 2026 has no holiday and no 调休.
const ACCEPTED = new Date('2026-03-02T02:00:00.000Z');
const endOf = (day: string) => new Date(`${day}T15:59:59.999Z`);
const chinaTime = (day: string, hour: number) => new Date(`${day}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`);

describe('JOINT_LIMIT_WORKING_DAYS', () => {
  it('gives each kind 45 working days (§42) unless it names a shorter limit', () => {
    expect(jointLimitsSchema.parse(undefined)).toEqual({ UNIFIED: 45, JOINT: 45, CENTRALIZED: 45 });
    expect(jointLimitsSchema.parse('UNIFIED=30, CENTRALIZED=20')).toEqual({ UNIFIED: 30, JOINT: 45, CENTRALIZED: 20 });
  });

  it("refuses a limit over the statute's 45, a kind named twice or unknown, and a count that is not whole", () => {
    for (const text of ['JOINT=46', 'JOINT=0', 'JOINT=2.5', 'JOINT=', 'JOINT=5,JOINT=6', 'SERIAL=5', 'joint=5']) {
      expect(jointLimitsSchema.safeParse(text).success, text).toBe(false);
    }
  });
});

describe("a joint application's clock", () => {
  const row = { createdAt: ACCEPTED, limitWorkingDays: 10, extensionWorkingDays: null, concludedAt: null };

  it('ends on the last working day of the limit, the extension counted on from acceptance', () => {
    // Mar 3,4,5,6, 9..13, 16: the 10th working day after the 2nd is the 16th.
    expect(jointDeadline(row)).toEqual(endOf('2026-03-16'));
    expect(jointDeadline({ ...row, extensionWorkingDays: 5 })).toEqual(endOf('2026-03-23'));
    // Across 清明 (4–6 April 2026): 10 working days from Wednesday 1 April end on 16 April.
    expect(jointDeadline({ ...row, createdAt: chinaTime('2026-04-01', 10) })).toEqual(endOf('2026-04-16'));
  });

  it('warns at `warningDays` working days left, turns yellow at one, red past the deadline', () => {
    const at = (day: string, hour = 10) => jointClock(row, chinaTime(day, hour), 3);
    expect(at('2026-03-09')).toMatchObject({ supervisionLevel: 'NONE', remainingWorkingDays: 5, overdue: false });
    expect(at('2026-03-11')).toMatchObject({ supervisionLevel: 'WARNING', remainingWorkingDays: 3 });
    expect(at('2026-03-12')).toMatchObject({ supervisionLevel: 'WARNING', remainingWorkingDays: 2 });
    expect(at('2026-03-13')).toMatchObject({ supervisionLevel: 'YELLOW', remainingWorkingDays: 1 });
    expect(at('2026-03-16', 23)).toMatchObject({ supervisionLevel: 'YELLOW', remainingWorkingDays: 0, overdue: false });
    expect(at('2026-03-17')).toMatchObject({ supervisionLevel: 'RED', remainingWorkingDays: -1, overdue: true });
    expect(at('2026-03-19')).toMatchObject({ remainingWorkingDays: -3 });
  });

  it('once concluded, stands still: late only if it concluded after the deadline', () => {
    const later = chinaTime('2026-04-20', 10);
    expect(jointClock({ ...row, concludedAt: chinaTime('2026-03-16', 17) }, later, 3)).toMatchObject({
      overdue: false,
      remainingWorkingDays: null,
      supervisionLevel: 'NONE',
    });
    expect(jointClock({ ...row, concludedAt: chinaTime('2026-03-17', 9) }, later, 3)).toMatchObject({
      overdue: true,
      remainingWorkingDays: null,
      supervisionLevel: 'RED',
    });
  });
});

describe('whether every part of a joint application has concluded', () => {
  type Part = Parameters<typeof partsConcluded>[0][number];
  const part = (position: number, fields: Partial<Part>): Part => ({
    position,
    dispatch: 'DISPATCHED',
    caseStatus: null,
    dependsOn: null,
    ...fields,
  });

  it('needs every part decided, withdrawn or refused by its department', () => {
    expect(partsConcluded([part(0, { caseStatus: 'APPROVED' }), part(1, { caseStatus: 'DENIED' })])).toBe(true);
    expect(partsConcluded([part(0, { caseStatus: 'APPROVED' }), part(1, { dispatch: 'REFUSED' })])).toBe(true);
    expect(partsConcluded([part(0, { caseStatus: 'APPROVED' }), part(1, { caseStatus: 'IN_REVIEW' })])).toBe(false);
    expect(partsConcluded([part(0, { caseStatus: 'APPROVED' }), part(1, { dispatch: 'PENDING' })])).toBe(false);
  });

  it('counts a part waiting for one that concluded without approval as concluded: it will never go', () => {
    const waiting = part(1, { dispatch: 'WAITING', dependsOn: 0 });
    expect(partsConcluded([part(0, { caseStatus: 'NOT_ACCEPTED' }), waiting])).toBe(true);
    expect(partsConcluded([part(0, { caseStatus: 'IN_REVIEW' }), waiting])).toBe(false);
    // Approved, so the waiting part goes next: not concluded.
    expect(partsConcluded([part(0, { caseStatus: 'APPROVED' }), waiting])).toBe(false);
    // A chain: 2 waits for 1, which waits for 0, which was denied.
    expect(
      partsConcluded([part(0, { caseStatus: 'DENIED' }), waiting, part(2, { dispatch: 'WAITING', dependsOn: 1 })]),
    ).toBe(true);
  });
});

describe('a §42 extension request', () => {
  const request = { approvedBy: '  张县长 ', reason: ' 需组织专家论证 ', workingDays: 15 };

  it('takes 1 to 15 working days, the approving head and a reason, trimmed', () => {
    expect(checkExtension(request)).toEqual({ approvedBy: '张县长', reason: '需组织专家论证' });
    expect(checkExtension({ ...request, workingDays: 1 })).toEqual({ approvedBy: '张县长', reason: '需组织专家论证' });
  });

  it('refuses more than 15 working days, none, or a part of one', () => {
    for (const workingDays of [0, 16, 2.5, -1]) {
      expect(() => checkExtension({ ...request, workingDays }), String(workingDays)).toThrow(
        'workingDays must be 1 to 15 (§42).',
      );
    }
  });

  it('refuses an empty or overlong name or reason', () => {
    expect(() => checkExtension({ ...request, approvedBy: '   ' })).toThrow(/approvedBy/);
    expect(() => checkExtension({ ...request, approvedBy: '长'.repeat(65) })).toThrow(/approvedBy/);
    expect(checkExtension({ ...request, approvedBy: '长'.repeat(64) }).approvedBy).toHaveLength(64);
    expect(() => checkExtension({ ...request, reason: '' })).toThrow(/reason/);
    expect(() => checkExtension({ ...request, reason: '因'.repeat(501) })).toThrow(/reason/);
  });
});
