import {
  BadUserInputError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  storedValue,
  type Identity,
} from '@onewindow/runtime';
import { addWorkingDays, writeTransaction } from '@onewindow/kit';
import type { FollowUp, Prisma, PrismaClient } from '../__generated__/prisma/client.js';
import { grantOf, type CenterField } from '../access.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { centerId } from '../ids.js';

/** The stages of a follow-up, in order (an unfounded matter skips RECTIFYING). */
export const FOLLOW_UP_STAGES = ['VERIFYING', 'RECTIFYING', 'FEEDBACK', 'REVISIT', 'CLOSED'] as const;
export type FollowUpStage = (typeof FOLLOW_UP_STAGES)[number];

/** What opens a follow-up. */
export const FOLLOW_UP_SOURCES = ['COMPLAINT', 'EVALUATION', 'WINDOW_EVALUATION', 'LATE_CONCLUSION'] as const;
export type FollowUpSource = (typeof FOLLOW_UP_SOURCES)[number];

/** The step a follow-up's deadline covers. */
export const DUE_STEPS = ['RECTIFICATION', 'FEEDBACK'] as const;
export type DueStep = (typeof DUE_STEPS)[number];

export const storedStage = (value: string): FollowUpStage => storedValue(FOLLOW_UP_STAGES, value, 'follow-up stage');
export const storedSource = (value: string): FollowUpSource =>
  storedValue(FOLLOW_UP_SOURCES, value, 'follow-up source');
/** The step a stored follow-up's deadline covers; anything else in the database is a fault. */
export const storedDueStep = (value: string): DueStep => storedValue(DUE_STEPS, value, 'follow-up deadline');

/** What a new follow-up is about; it starts at VERIFYING unless its facts are already known. */
export interface FollowUpOpening {
  source: FollowUpSource;
  sourceKey: string;
  department: string | null;
  caseId?: string | null;
  caseNumber?: string | null;
  summary: string;
  complaintId?: number;
  evaluationId?: number;
  /** A bad window grade: the staff member graded. */
  windowStaffId?: string;
  /** A late conclusion is a fact of the department's own record: it needs no verification. */
  verifiedBySystem?: boolean;
}

/**
 * 国办发〔2019〕51号: a bad review is verified, rectified and answered to the applicant within 15
 * working days. The law fixes it, so it is not configurable, unlike RECTIFICATION_WORKING_DAYS.
 */
export const BAD_REVIEW_WORKING_DAYS = 15;

/** A bad review's deadline covers the feedback; a complaint's or a late decision's, the rectification. */
const coversFeedback = (source: FollowUpOpening['source']) => source === 'EVALUATION' || source === 'WINDOW_EVALUATION';

/**
 * The row of a new follow-up: a bad review due BAD_REVIEW_WORKING_DAYS working days from `now`,
 * feedback included; anything else `rectificationWorkingDays`, for the rectification.
 */
export function followUpRow(
  opening: FollowUpOpening,
  now: Date,
  rectificationWorkingDays: number,
): Prisma.FollowUpUncheckedCreateInput {
  const { verifiedBySystem, ...fields } = opening;
  const feedback = coversFeedback(opening.source);
  return {
    ...fields,
    stage: verifiedBySystem ? 'RECTIFYING' : 'VERIFYING',
    openedAt: now,
    dueAt: addWorkingDays(now, feedback ? BAD_REVIEW_WORKING_DAYS : rectificationWorkingDays),
    dueCovers: feedback ? 'FEEDBACK' : 'RECTIFICATION',
    ...(verifiedBySystem
      ? { founded: true, verifiedAt: now, verifiedBy: 'system', verification: '由部门办件记录确认。' }
      : {}),
  };
}

/** The stages before the step the deadline covers is taken. */
const BEFORE_DUE_STEP: Record<DueStep, readonly FollowUpStage[]> = {
  RECTIFICATION: ['VERIFYING', 'RECTIFYING'],
  FEEDBACK: ['VERIFYING', 'RECTIFYING', 'FEEDBACK'],
};

/** The stages in which a follow-up has not yet taken the step its deadline covers. */
export const stagesBeforeDue = (dueCovers: string): readonly FollowUpStage[] =>
  BEFORE_DUE_STEP[storedDueStep(dueCovers)];

/** What a follow-up's lateness is read from. */
export type FollowUpClock = Pick<FollowUp, 'stage' | 'dueAt' | 'dueCovers' | 'rectifiedAt' | 'feedbackAt'>;

/** Still before the step its deadline covers. */
const beforeDueStep = (followUp: FollowUpClock) =>
  stagesBeforeDue(followUp.dueCovers).some((stage) => stage === followUp.stage);

/**
 * Late when the step the deadline covers was not taken by it: for a bad review the feedback to
 * the applicant, otherwise the rectification (a matter found unfounded in time is not late).
 * Either still waiting for the step past the deadline, or taken after it.
 */
export function isFollowUpOverdue(followUp: FollowUpClock, now: Date): boolean {
  const takenAt = followUp.dueCovers === 'FEEDBACK' ? followUp.feedbackAt : followUp.rectifiedAt;
  if (takenAt) return takenAt > followUp.dueAt;
  return beforeDueStep(followUp) && now > followUp.dueAt;
}

/** Still waiting, past its deadline, for the step the deadline covers: what supervision chases. */
export const isFollowUpOpenPastDue = (followUp: FollowUpClock, now: Date): boolean =>
  beforeDueStep(followUp) && now > followUp.dueAt;

/** A step: where it is taken from, the mutation that takes it, and what it writes. */
export interface StepRule {
  /** The stage the step is taken from. */
  from: FollowUpStage;
  /** The mutation that takes it: who may is that field's row of the center's policy (access.ts). */
  field: CenterField;
  /** The fields the step writes, and the stage it leads to. */
  apply: (
    followUp: FollowUp,
    /** Who takes it: the verified person (`role:sub`). */
    actor: string,
    text: string,
    now: Date,
    flag: boolean | null,
    contact: string | null,
  ) => Prisma.FollowUpUpdateInput;
}

/** Each step of a follow-up: the stage it is taken from, who may take it, and what it writes. */
export const STEPS = {
  verify: {
    from: 'VERIFYING',
    field: 'verifyFollowUp',
    apply: (_, actor, text, now, founded) => ({
      founded,
      verification: text,
      verifiedAt: now,
      verifiedBy: actor,
      stage: founded ? 'RECTIFYING' : 'FEEDBACK',
    }),
  },
  rectify: {
    from: 'RECTIFYING',
    // The department answers for putting right what is its own; the center (a supervisor) for its own windows.
    field: 'recordRectification',
    apply: (_, actor, text, now) => ({
      rectification: text,
      rectifiedAt: now,
      rectifiedBy: actor,
      stage: 'FEEDBACK',
    }),
  },
  feedback: {
    from: 'FEEDBACK',
    field: 'giveFollowUpFeedback',
    apply: (_, actor, text, now) => ({ feedback: text, feedbackAt: now, feedbackBy: actor, stage: 'REVISIT' }),
  },
  revisit: {
    from: 'REVISIT',
    field: 'recordRevisit',
    apply: (_, actor, text, now, satisfied, contact) => ({
      revisitSatisfied: satisfied,
      revisitContact: contact,
      revisitNote: text || null,
      revisitedAt: now,
      revisitedBy: actor,
      stage: 'CLOSED',
      closedAt: now,
    }),
  },
} satisfies Record<string, StepRule>;

export type FollowUpStep = keyof typeof STEPS;

/**
 * Whether `identity` may take a step of this follow-up: its mutation's grant (access.ts) covers
 * every follow-up (`yes`), its own department's (`department`), or the center's own windows'
 * (`center`: a follow-up of no department).
 */
export function mayTakeStep(identity: Identity, rule: StepRule, followUp: Pick<FollowUp, 'department'>): boolean {
  switch (grantOf(identity, rule.field)) {
    case 'yes':
      return true;
    case 'department':
      return followUp.department !== null && followUp.department === identity.department;
    case 'center':
      return followUp.department === null;
    default:
      return false;
  }
}

/** The argument that carries each step's words. */
const TEXT_ARGUMENT: Record<FollowUpStep, string> = {
  verify: 'note',
  rectify: 'measures',
  feedback: 'message',
  revisit: 'note',
};

export interface StepRequest {
  followUpId: number;
  /** The step's words: the verification, the measures, the feedback, or the revisit note. */
  text: string;
  /** Whether the matter is founded (verify) or the applicant satisfied (revisit). */
  flag?: boolean;
  /** Whether `text` may be empty (only the revisit note may). */
  optionalText?: boolean;
  /** The revisit's contact (a phone number or a channel): required for the revisit, 1 to 100 characters. */
  contact?: string;
}

/**
 * Takes one step of a follow-up. The stage, the caller's right to take the step on this follow-up
 * and the write happen in one transaction, so two people taking the same step cannot both succeed.
 */
export async function takeFollowUpStep(
  db: PrismaClient,
  step: FollowUpStep,
  request: StepRequest,
  caller: { identity: Identity; actor: string; audit: RequestAudit },
  now: Date,
): Promise<FollowUp> {
  const text = request.text.trim();
  if ((!text && !request.optionalText) || text.length > 2000) {
    const field = TEXT_ARGUMENT[step];
    throw new BadUserInputError(`${field} must be ${request.optionalText ? '0' : '1'} to 2000 characters.`, { field });
  }
  const contact = request.contact?.trim() ?? null;
  if (step === 'revisit' && (!contact || contact.length > 100)) {
    throw new BadUserInputError(
      'contact must say how the applicant was reached: a phone number or a channel (1 to 100 characters).',
      { field: 'contact' },
    );
  }
  const rule: StepRule = STEPS[step];
  return writeTransaction(db, async (tx) => {
    const followUp = await tx.followUp.findUnique({ where: { id: request.followUpId } });
    if (!followUp) throw new NotFoundError(`No follow-up U${request.followUpId}.`);
    if (!mayTakeStep(caller.identity, rule, followUp)) {
      throw new ForbiddenError(
        `The role ${caller.identity.role}${caller.identity.department ? ` of ${caller.identity.department}` : ''} ` +
          `may not ${step} follow-up U${followUp.id}, which concerns ${followUp.department ?? "the center's own windows"}.`,
      );
    }
    if (followUp.stage !== rule.from) {
      throw new InvalidTransitionError(
        `Follow-up U${followUp.id} is at ${followUp.stage}; "${step}" is taken at ${rule.from}.`,
        { stage: followUp.stage },
      );
    }
    const updated = await tx.followUp.update({
      where: { id: followUp.id },
      data: rule.apply(followUp, caller.actor, text, now, request.flag ?? null, contact),
    });
    await caller.audit.write(tx, rule.field, centerId('followUp', followUp.id), { stage: updated.stage });
    return updated;
  });
}
