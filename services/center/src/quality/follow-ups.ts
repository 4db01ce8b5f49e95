import {
  BadUserInputError,
  ErrorCode,
  InvalidTransitionError,
  NotFoundError,
  OnewindowError,
} from '@onewindow/runtime';
import { addWorkingDays } from '@onewindow/kit';
import type { FollowUp, Prisma, PrismaClient, Staff } from '../__generated__/prisma/client.js';
import { storedValue } from '@onewindow/runtime';

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

const isSupervisor = (staff: Staff) => staff.role === 'SUPERVISOR';

/** A step: where it is taken from, who may take it, and what it writes. */
export interface StepRule {
  /** The stage the step is taken from. */
  from: FollowUpStage;
  /** Who may take it, and how to say who may. */
  allowed: (staff: Staff, followUp: FollowUp) => boolean;
  who: (followUp: FollowUp) => string;
  /** The fields the step writes, and the stage it leads to. */
  apply: (
    followUp: FollowUp,
    staffId: string,
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
    allowed: isSupervisor,
    who: () => 'a supervisor (督查)',
    apply: (_, staffId, text, now, founded) => ({
      founded,
      verification: text,
      verifiedAt: now,
      verifiedBy: staffId,
      stage: founded ? 'RECTIFYING' : 'FEEDBACK',
    }),
  },
  rectify: {
    from: 'RECTIFYING',
    // The department answers for putting right what is its own; the center for its own windows.
    allowed: (staff, followUp) =>
      followUp.department
        ? staff.role === 'CHIEF_REPRESENTATIVE' && staff.departmentCode === followUp.department
        : isSupervisor(staff),
    who: (followUp) =>
      followUp.department ? `${followUp.department}'s chief representative (首席代表)` : 'a supervisor (督查)',
    apply: (_, staffId, text, now) => ({
      rectification: text,
      rectifiedAt: now,
      rectifiedBy: staffId,
      stage: 'FEEDBACK',
    }),
  },
  feedback: {
    from: 'FEEDBACK',
    allowed: isSupervisor,
    who: () => 'a supervisor (督查)',
    apply: (_, staffId, text, now) => ({ feedback: text, feedbackAt: now, feedbackBy: staffId, stage: 'REVISIT' }),
  },
  revisit: {
    from: 'REVISIT',
    allowed: isSupervisor,
    who: () => 'a supervisor (督查)',
    apply: (_, staffId, text, now, satisfied, contact) => ({
      revisitSatisfied: satisfied,
      revisitContact: contact,
      revisitNote: text || null,
      revisitedAt: now,
      revisitedBy: staffId,
      stage: 'CLOSED',
      closedAt: now,
    }),
  },
} satisfies Record<string, StepRule>;

export type FollowUpStep = keyof typeof STEPS;

/** The argument that carries each step's words. */
const TEXT_ARGUMENT: Record<FollowUpStep, string> = {
  verify: 'note',
  rectify: 'measures',
  feedback: 'message',
  revisit: 'note',
};

export interface StepRequest {
  followUpId: number;
  staffId: string;
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
 * Takes one step of a follow-up. The stage, the staff member's right to take the step and the
 * write happen in one transaction, so two people taking the same step cannot both succeed.
 */
export async function takeFollowUpStep(
  db: PrismaClient,
  step: FollowUpStep,
  request: StepRequest,
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
  return db.$transaction(async (tx) => {
    const followUp = await tx.followUp.findUnique({ where: { id: request.followUpId } });
    if (!followUp) throw new NotFoundError(`No follow-up U${request.followUpId}.`);
    const staff = await tx.staff.findUnique({ where: { id: request.staffId } });
    if (!staff) throw new NotFoundError(`No staff member "${request.staffId}".`, { field: 'staffId' });
    if (followUp.stage !== rule.from) {
      throw new InvalidTransitionError(
        `Follow-up U${followUp.id} is at ${followUp.stage}; "${step}" is taken at ${rule.from}.`,
        { stage: followUp.stage },
      );
    }
    if (!rule.allowed(staff, followUp)) {
      throw new OnewindowError(
        ErrorCode.FORBIDDEN,
        `${staff.name} may not ${step} follow-up U${followUp.id}: only ${rule.who(followUp)} may.`,
      );
    }
    return tx.followUp.update({
      where: { id: followUp.id },
      data: rule.apply(followUp, staff.id, text, now, request.flag ?? null, contact),
    });
  });
}
