import { checkPageSize, ErrorCode, ForbiddenError, NotFoundError, OnewindowError } from '@onewindow/runtime';
import { maskName } from '@onewindow/kit';
import type { Complaint, FollowUp, Prisma } from '../__generated__/prisma/client.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { departmentOf, readsMasked, requireGrant, type CenterField } from '../access.js';
import type { CenterContext } from '../context.js';
import { centerId, localCenterNumber, shownPerson } from '../ids.js';
import { storedChannel, storedSubject } from './complaint-kinds.js';
import { fileComplaint } from './complaints.js';
import { evaluateCase } from './evaluations.js';
import {
  DUE_STEPS,
  isFollowUpOverdue,
  stagesBeforeDue,
  storedDueStep,
  storedSource,
  storedStage,
  takeFollowUpStep,
  type FollowUpStep,
  type StepRequest,
} from './follow-ups.js';
import { BAD_GRADES, storedGrade } from './grades.js';
import { maskContact, maskPhone } from './masks.js';
import { followUpRates, publicVoiceLines } from './rates.js';

const iso = (at: Date | null) => at?.toISOString() ?? null;
const person = (stored: string | null) => (stored === null ? null : shownPerson(stored));
const staffById = (id: string | null, { loaders }: CenterContext) => (id ? loaders.staffById.load(id) : null);
/** Free text an analyst does not read: it may name people. */
const unlessMasked = <T>(value: T, { identity }: CenterContext): T | null => (readsMasked(identity) ? null : value);

/**
 * The records of `field` the caller may read (access.ts): an officer's or chief's department's
 * only, an applicant's own only. Asking for another department's is FORBIDDEN.
 */
function scope(context: CenterContext, field: CenterField, department: string | null | undefined) {
  const { identity, actor } = context;
  switch (requireGrant(identity, field)) {
    case 'department': {
      const own = departmentOf(identity);
      if (department && department !== own)
        throw new ForbiddenError(`An ${identity.role} of ${own} may not read ${field} of ${department}.`, {
          department,
        });
      return { department: own };
    }
    case 'own':
      return { ...(department ? { department } : {}), owner: actor };
    default:
      return department ? { department } : {};
  }
}

/** Complaints read unmasked: who complained is personal, so each read is audited. */
function readComplaint(context: CenterContext, complaint: Complaint): Complaint {
  if (!readsMasked(context.identity)) context.audit.read('complaint', centerId('complaint', complaint.id));
  return complaint;
}

/** One follow-up by its local number, if the caller may read it (its department's, for an officer). */
async function visibleFollowUp(context: CenterContext, id: number): Promise<FollowUp | null> {
  const found = await context.db.followUp.findUnique({ where: { id } });
  if (!found) return null;
  if (requireGrant(context.identity, 'followUp') === 'department' && found.department !== context.identity.department)
    return null;
  return found;
}

/** A follow-up step by global ID, as the caller; an ID the center did not issue is NOT_FOUND. */
function step(context: CenterContext, name: FollowUpStep, id: string, request: Omit<StepRequest, 'followUpId'>) {
  const followUpId = localCenterNumber(id, 'followUp');
  if (followUpId === null) throw new NotFoundError(`No follow-up "${id}".`, { id });
  const { db, identity, actor, audit, now } = context;
  return takeFollowUpStep(db, name, { followUpId, ...request }, { identity, actor, audit }, now);
}

/**
 * Complaints, evaluations and their follow-up (verify, rectify, feedback, revisit), and its rates.
 * Who may use what: access.ts; analysts read them masked.
 */
export const qualityResolvers: Resolvers = {
  Query: {
    complaints: (_, { department, first }, context) => {
      const where: Prisma.ComplaintWhereInput = scope(context, 'complaints', department);
      return context.db.complaint.findMany({ where, orderBy: { id: 'desc' }, take: checkPageSize(first, 50, 200) });
    },
    evaluations: (_, { department, badOnly, first }, context) =>
      context.db.evaluation.findMany({
        where: {
          ...scope(context, 'evaluations', department),
          ...(badOnly ? { grade: { in: [...BAD_GRADES] } } : {}),
        },
        orderBy: { id: 'desc' },
        take: checkPageSize(first, 50, 200),
      }),
    followUps: (_, { department, openOnly, overdueOnly, first }, context) =>
      context.db.followUp.findMany({
        where: {
          ...scope(context, 'followUps', department),
          ...(openOnly ? { stage: { not: 'CLOSED' } } : {}),
          // Open past the deadline, still before the step it covers (isFollowUpOpenPastDue).
          ...(overdueOnly
            ? {
                dueAt: { lt: context.now },
                OR: DUE_STEPS.map((dueCovers) => ({ dueCovers, stage: { in: [...stagesBeforeDue(dueCovers)] } })),
              }
            : {}),
        },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: checkPageSize(first, 50, 200),
      }),
    // Another department's follow-up reads as one that does not exist.
    followUp: async (_, { id }, context) => {
      const local = localCenterNumber(id, 'followUp');
      const found = local === null ? null : await visibleFollowUp(context, local);
      if (!found) throw new NotFoundError(`No follow-up "${id}".`, { id });
      return found;
    },
    followUpRates: (_, { month }, { db, now }) => followUpRates(db, month, now),
    publicVoice: (_, { month }, { db, now }) => publicVoiceLines(db, month, now),
  },
  Mutation: {
    fileComplaint: (_, { input }, { db, services, rectificationWorkingDays, identity, actor, audit, now }) =>
      fileComplaint(db, input, { services, rectificationWorkingDays }, { identity, actor, audit }, now),
    evaluateCase: (_, { input }, context) => {
      const { db, services, rectificationWorkingDays, trackingLimiter, clientAddress, audit, now } = context;
      // Proving a case by its code is what tracking does: the same limit keeps codes from being guessed.
      if (!trackingLimiter.take(clientAddress)) {
        throw new OnewindowError(ErrorCode.RATE_LIMITED, 'Too many attempts; wait a minute and try again.');
      }
      return evaluateCase(db, input, { services, rectificationWorkingDays }, audit, now);
    },
    verifyFollowUp: (_, { id, founded, note }, context) => step(context, 'verify', id, { text: note, flag: founded }),
    recordRectification: (_, { id, measures }, context) => step(context, 'rectify', id, { text: measures }),
    giveFollowUpFeedback: (_, { id, message }, context) => step(context, 'feedback', id, { text: message }),
    recordRevisit: (_, { id, satisfied, contact, note }, context) =>
      step(context, 'revisit', id, { text: note ?? '', flag: satisfied, optionalText: true, contact }),
  },
  Complaint: {
    id: (complaint) => centerId('complaint', complaint.id),
    subject: (complaint) => storedSubject(complaint.subject),
    channel: (complaint) => storedChannel(complaint.channel),
    window: (complaint, _, { loaders }) => (complaint.windowId ? loaders.windowById.load(complaint.windowId) : null),
    // Who complained, how to reach them and what they said: each read unmasked is noted for the audit.
    complainant: (complaint, _, context) =>
      readsMasked(context.identity) ? maskName(complaint.complainant) : readComplaint(context, complaint).complainant,
    phoneMasked: (complaint, _, context) => maskPhone(readComplaint(context, complaint).phone),
    content: (complaint, _, context) => unlessMasked(readComplaint(context, complaint).content, context),
    receivedBy: (complaint) => shownPerson(complaint.receivedBy),
    receivedAt: (complaint) => complaint.receivedAt.toISOString(),
    followUp: async (complaint, _, { loaders }) => {
      const followUp = await loaders.followUpByComplaint.load(complaint.id);
      // Filed in one transaction with its follow-up: a complaint without one is a fault.
      if (!followUp) throw new Error(`Complaint ${complaint.id} has no follow-up in the database`);
      return followUp;
    },
  },
  Evaluation: {
    id: (evaluation) => centerId('evaluation', evaluation.id),
    grade: (evaluation) => storedGrade(evaluation.grade),
    comment: (evaluation, _, context) => unlessMasked(evaluation.comment, context),
    windowGrade: (evaluation) => (evaluation.windowGrade === null ? null : storedGrade(evaluation.windowGrade)),
    windowStaff: (evaluation, _, context) => staffById(evaluation.windowStaffId, context),
    evaluatedAt: (evaluation) => evaluation.evaluatedAt.toISOString(),
    followUp: (evaluation, _, { loaders }) => loaders.followUpByEvaluation.load(evaluation.id),
  },
  FollowUp: {
    id: (followUp) => centerId('followUp', followUp.id),
    source: (followUp) => storedSource(followUp.source),
    stage: (followUp) => storedStage(followUp.stage),
    openedAt: (followUp) => followUp.openedAt.toISOString(),
    dueAt: (followUp) => followUp.dueAt.toISOString(),
    dueCovers: (followUp) => storedDueStep(followUp.dueCovers),
    summary: (followUp, _, context) => unlessMasked(followUp.summary, context),
    windowStaff: (followUp, _, context) => staffById(followUp.windowStaffId, context),
    revisitContact: (followUp, _, context) => {
      if (readsMasked(context.identity) || !followUp.revisitContact) return null;
      context.audit.read('followUpContact', centerId('followUp', followUp.id));
      return maskContact(followUp.revisitContact);
    },
    verification: (followUp, _, context) => unlessMasked(followUp.verification, context),
    rectification: (followUp, _, context) => unlessMasked(followUp.rectification, context),
    feedback: (followUp, _, context) => unlessMasked(followUp.feedback, context),
    revisitNote: (followUp, _, context) => unlessMasked(followUp.revisitNote, context),
    overdue: (followUp, _, { now }) => isFollowUpOverdue(followUp, now),
    verifiedAt: (followUp) => iso(followUp.verifiedAt),
    verifiedBy: (followUp) => person(followUp.verifiedBy),
    rectifiedAt: (followUp) => iso(followUp.rectifiedAt),
    rectifiedBy: (followUp) => person(followUp.rectifiedBy),
    feedbackAt: (followUp) => iso(followUp.feedbackAt),
    revisitedAt: (followUp) => iso(followUp.revisitedAt),
    closedAt: (followUp) => iso(followUp.closedAt),
    complaint: (followUp, _, { loaders }) =>
      followUp.complaintId ? loaders.complaintById.load(followUp.complaintId) : null,
    evaluation: (followUp, _, { loaders }) =>
      followUp.evaluationId ? loaders.evaluationById.load(followUp.evaluationId) : null,
  },
};
