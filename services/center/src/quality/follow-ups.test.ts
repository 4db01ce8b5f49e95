import { describe, expect, it } from 'vitest';
import type { Identity } from '@onewindow/runtime';
import type { FollowUp } from '../__generated__/prisma/client.js';
import {
  followUpRow,
  isFollowUpOpenPastDue,
  isFollowUpOverdue,
  mayTakeStep,
  STEPS as STEP_TABLE,
  storedDueStep,
  type FollowUpStep,
  type StepRule,
} from './follow-ups.js';

/** The steps as the engine calls them. */
const STEPS: Record<FollowUpStep, StepRule> = STEP_TABLE;

// Monday 2 March 2026, 10:00 China time; March 2026 has no holiday and no 调休.
const OPENED = new Date('2026-03-02T02:00:00.000Z');
/** The end of a China-time day. */
const endOf = (day: string) => new Date(`${day}T15:59:59.999Z`);

const opening = { sourceKey: 'k', department: 'housing', summary: 's' };

describe('a new follow-up', () => {
  it('of a bad review is due in 15 working days and the deadline covers the feedback', () => {
    const row = followUpRow({ ...opening, source: 'EVALUATION' }, OPENED, 10);
    // Mar 3,4,5,6, 9..13, 16..20, 23: the 15th working day after the 2nd is Monday the 23rd.
    expect(row.dueAt).toEqual(endOf('2026-03-23'));
    expect(row.dueCovers).toBe('FEEDBACK');
    expect(row.stage).toBe('VERIFYING');
    expect(followUpRow({ ...opening, source: 'WINDOW_EVALUATION' }, OPENED, 5).dueAt).toEqual(endOf('2026-03-23'));
  });

  it('of a complaint is due in RECTIFICATION_WORKING_DAYS, for the rectification', () => {
    const row = followUpRow({ ...opening, source: 'COMPLAINT' }, OPENED, 10);
    expect(row.dueAt).toEqual(endOf('2026-03-16'));
    expect(row.dueCovers).toBe('RECTIFICATION');
    expect(row.founded).toBeUndefined();
  });

  it("of a late decision is verified by the department's own record and starts at RECTIFYING", () => {
    const row = followUpRow({ ...opening, source: 'LATE_CONCLUSION', verifiedBySystem: true }, OPENED, 5);
    expect(row).toMatchObject({
      stage: 'RECTIFYING',
      founded: true,
      verifiedBy: 'system',
      verifiedAt: OPENED,
      dueCovers: 'RECTIFICATION',
    });
    expect(row.dueAt).toEqual(endOf('2026-03-09'));
    expect(row).not.toHaveProperty('verifiedBySystem');
  });
});

describe("a follow-up's lateness", () => {
  const due = endOf('2026-03-16');
  const before = new Date('2026-03-16T02:00:00.000Z');
  const after = new Date('2026-03-17T02:00:00.000Z');
  const clock = (fields: Partial<Pick<FollowUp, 'stage' | 'dueCovers' | 'rectifiedAt' | 'feedbackAt'>>) => ({
    stage: 'VERIFYING',
    dueAt: due,
    dueCovers: 'RECTIFICATION',
    rectifiedAt: null,
    feedbackAt: null,
    ...fields,
  });

  it('for a rectification deadline: still verifying or rectifying past it, or rectified after it', () => {
    expect(isFollowUpOverdue(clock({ stage: 'RECTIFYING' }), before)).toBe(false);
    expect(isFollowUpOverdue(clock({ stage: 'RECTIFYING' }), after)).toBe(true);
    expect(isFollowUpOverdue(clock({ stage: 'CLOSED', rectifiedAt: after }), after)).toBe(true);
    expect(isFollowUpOverdue(clock({ stage: 'FEEDBACK', rectifiedAt: before }), after)).toBe(false);
    // Found unfounded in time: nothing to put right, not late however long the feedback takes.
    expect(isFollowUpOverdue(clock({ stage: 'FEEDBACK' }), after)).toBe(false);
  });

  it('for a bad review: no feedback by the deadline, even once rectified in time', () => {
    const review = (fields: Parameters<typeof clock>[0]) => clock({ dueCovers: 'FEEDBACK', ...fields });
    expect(isFollowUpOverdue(review({ stage: 'FEEDBACK', rectifiedAt: before }), after)).toBe(true);
    expect(isFollowUpOverdue(review({ stage: 'CLOSED', feedbackAt: after }), after)).toBe(true);
    expect(isFollowUpOverdue(review({ stage: 'REVISIT', feedbackAt: before }), after)).toBe(false);
    expect(isFollowUpOverdue(review({ stage: 'FEEDBACK' }), before)).toBe(false);
  });

  it('is chased while open past the deadline before its step, not once the step is taken late', () => {
    expect(isFollowUpOpenPastDue(clock({ stage: 'VERIFYING' }), after)).toBe(true);
    expect(isFollowUpOpenPastDue(clock({ stage: 'CLOSED', rectifiedAt: after }), after)).toBe(false);
    expect(isFollowUpOpenPastDue(clock({ dueCovers: 'FEEDBACK', stage: 'FEEDBACK' }), after)).toBe(true);
    expect(isFollowUpOpenPastDue(clock({ dueCovers: 'FEEDBACK', stage: 'REVISIT' }), after)).toBe(false);
  });

  it('refuses a deadline the database should not hold', () => {
    expect(() => storedDueStep('REVISIT')).toThrow('Unknown follow-up deadline "REVISIT" in the database');
  });
});

describe('the steps of a follow-up', () => {
  const caller = (role: Identity['role'], department?: string): Identity => ({
    sub: 'someone',
    role,
    ...(department ? { department } : {}),
    ip: '127.0.0.1',
  });
  const supervisor = caller('supervisor');
  const housingChief = caller('chief', 'housing');
  const housingOfficer = caller('officer', 'housing');
  const taxChief = caller('chief', 'tax');
  const clerk = caller('window');
  const analyst = caller('analyst');
  const followUp = (department: string | null): FollowUp => ({
    id: 1,
    source: 'COMPLAINT',
    sourceKey: 'complaint:1',
    complaintId: 1,
    evaluationId: null,
    department,
    caseId: null,
    caseNumber: null,
    summary: 's',
    stage: 'VERIFYING',
    openedAt: OPENED,
    dueAt: endOf('2026-03-16'),
    dueCovers: 'RECTIFICATION',
    windowStaffId: null,
    founded: null,
    verifiedAt: null,
    verifiedBy: null,
    verification: null,
    rectifiedAt: null,
    rectifiedBy: null,
    rectification: null,
    feedbackAt: null,
    feedbackBy: null,
    feedback: null,
    revisitedAt: null,
    revisitedBy: null,
    revisitContact: null,
    revisitSatisfied: null,
    revisitNote: null,
    closedAt: null,
  });
  const housing = followUp('housing');
  const now = new Date('2026-03-05T02:00:00.000Z');

  it('go 核实, 整改, 反馈, 回访 in order; an unfounded matter skips 整改', () => {
    expect(STEPS.verify.from).toBe('VERIFYING');
    expect(STEPS.verify.apply(housing, 'supervisor:S00', '属实', now, true, null).stage).toBe('RECTIFYING');
    expect(STEPS.verify.apply(housing, 'supervisor:S00', '不属实', now, false, null).stage).toBe('FEEDBACK');
    expect(STEPS.rectify.from).toBe('RECTIFYING');
    expect(STEPS.rectify.apply(housing, 'chief:C04', '已整改', now, null, null).stage).toBe('FEEDBACK');
    expect(STEPS.feedback.from).toBe('FEEDBACK');
    expect(STEPS.feedback.apply(housing, 'supervisor:S00', '已告知', now, null, null).stage).toBe('REVISIT');
    expect(STEPS.revisit.from).toBe('REVISIT');
    expect(STEPS.revisit.apply(housing, 'supervisor:S00', '', now, true, '12345热线')).toMatchObject({
      stage: 'CLOSED',
      closedAt: now,
      revisitSatisfied: true,
      revisitContact: '12345热线',
      revisitNote: null,
    });
  });

  const who = [supervisor, housingChief, housingOfficer, taxChief, clerk, analyst];
  const may = (name: FollowUpStep, about: FollowUp) => who.map((identity) => mayTakeStep(identity, STEPS[name], about));

  it('are verified and revisited by a supervisor only', () => {
    for (const name of ['verify', 'revisit'] as const)
      expect(may(name, housing)).toEqual([true, false, false, false, false, false]);
  });

  it("are put right by the department's own officers and chiefs, the center's own windows by a supervisor", () => {
    expect(may('rectify', housing)).toEqual([false, true, true, false, false, false]);
    expect(may('rectify', followUp(null))).toEqual([true, false, false, false, false, false]);
  });

  it("are answered to the applicant by a supervisor or the department's own staff", () => {
    expect(may('feedback', housing)).toEqual([true, true, true, false, false, false]);
    expect(may('feedback', followUp(null))).toEqual([true, false, false, false, false, false]);
  });

  it('record who took them (the verified person) and when', () => {
    expect(STEPS.verify.apply(housing, 'supervisor:S00', '属实', now, true, null)).toMatchObject({
      founded: true,
      verification: '属实',
      verifiedAt: now,
      verifiedBy: 'supervisor:S00',
    });
    expect(STEPS.rectify.apply(housing, 'chief:C04', '已整改', now, null, null)).toMatchObject({
      rectification: '已整改',
      rectifiedAt: now,
      rectifiedBy: 'chief:C04',
    });
  });
});
