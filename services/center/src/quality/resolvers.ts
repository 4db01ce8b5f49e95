import { checkPageSize, ErrorCode, NotFoundError, OnewindowError } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { CenterContext } from '../context.js';
import { centerId, centerKeyId, localCenterId, localCenterNumber } from '../ids.js';
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
import { followUpRates } from './rates.js';

const iso = (at: Date | null) => at?.toISOString() ?? null;
/** A staff member's global ID; `system` (a step the center took itself) shows as it is. */
const staffId = (id: string | null) => (id && id !== 'system' ? centerKeyId(id) : id);
const staffById = (id: string | null, { loaders }: CenterContext) => (id ? loaders.staffById.load(id) : null);

/** A follow-up step by global IDs; an ID the center did not issue is NOT_FOUND. */
function step(
  context: CenterContext,
  name: FollowUpStep,
  ids: { id: string; staffId: string },
  request: Omit<StepRequest, 'followUpId' | 'staffId'>,
) {
  const followUpId = localCenterNumber(ids.id, 'followUp');
  if (followUpId === null) throw new NotFoundError(`No follow-up "${ids.id}".`, { id: ids.id });
  const staff = localCenterId(ids.staffId);
  if (!staff) throw new NotFoundError(`No staff member "${ids.staffId}".`, { field: 'staffId' });
  return takeFollowUpStep(context.db, name, { followUpId, staffId: staff, ...request }, context.now);
}

/** Complaints, evaluations and their follow-up (verify, rectify, feedback, revisit), and its rates. */
export const qualityResolvers: Resolvers = {
  Query: {
    complaints: (_, { department, first }, { db }) =>
      db.complaint.findMany({
        where: department ? { department } : {},
        orderBy: { id: 'desc' },
        take: checkPageSize(first, 50, 200),
      }),
    evaluations: (_, { department, badOnly, first }, { db }) =>
      db.evaluation.findMany({
        where: { ...(department ? { department } : {}), ...(badOnly ? { grade: { in: [...BAD_GRADES] } } : {}) },
        orderBy: { id: 'desc' },
        take: checkPageSize(first, 50, 200),
      }),
    followUps: (_, { department, openOnly, overdueOnly, first }, { db, now }) =>
      db.followUp.findMany({
        where: {
          ...(department ? { department } : {}),
          ...(openOnly ? { stage: { not: 'CLOSED' } } : {}),
          // Open past the deadline, still before the step it covers (isFollowUpOpenPastDue).
          ...(overdueOnly
            ? {
                dueAt: { lt: now },
                OR: DUE_STEPS.map((dueCovers) => ({ dueCovers, stage: { in: [...stagesBeforeDue(dueCovers)] } })),
              }
            : {}),
        },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: checkPageSize(first, 50, 200),
      }),
    followUp: async (_, { id }, { db }) => {
      const local = localCenterNumber(id, 'followUp');
      const found = local === null ? null : await db.followUp.findUnique({ where: { id: local } });
      if (!found) throw new NotFoundError(`No follow-up "${id}".`, { id });
      return found;
    },
    followUpRates: (_, { month }, { db, now }) => followUpRates(db, month, now),
  },
  Mutation: {
    fileComplaint: (_, { input }, { db, services, rectificationWorkingDays, now }) =>
      fileComplaint(db, input, { services, rectificationWorkingDays }, now),
    evaluateCase: (_, { input }, { db, services, rectificationWorkingDays, trackingLimiter, clientAddress, now }) => {
      // Proving a case by its code is what tracking does: the same limit keeps codes from being guessed.
      if (!trackingLimiter.take(clientAddress)) {
        throw new OnewindowError(ErrorCode.RATE_LIMITED, 'Too many attempts; wait a minute and try again.');
      }
      return evaluateCase(db, input, { services, rectificationWorkingDays }, now);
    },
    verifyFollowUp: (_, { id, staffId, founded, note }, context) =>
      step(context, 'verify', { id, staffId }, { text: note, flag: founded }),
    recordRectification: (_, { id, staffId, measures }, context) =>
      step(context, 'rectify', { id, staffId }, { text: measures }),
    giveFollowUpFeedback: (_, { id, staffId, message }, context) =>
      step(context, 'feedback', { id, staffId }, { text: message }),
    recordRevisit: (_, { id, staffId, satisfied, contact, note }, context) =>
      step(context, 'revisit', { id, staffId }, { text: note ?? '', flag: satisfied, optionalText: true, contact }),
  },
  Complaint: {
    id: (complaint) => centerId('complaint', complaint.id),
    subject: (complaint) => storedSubject(complaint.subject),
    channel: (complaint) => storedChannel(complaint.channel),
    window: (complaint, _, { loaders }) => (complaint.windowId ? loaders.windowById.load(complaint.windowId) : null),
    phoneMasked: (complaint) => maskPhone(complaint.phone),
    receivedBy: (complaint) => centerKeyId(complaint.receivedBy),
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
    windowStaff: (followUp, _, context) => staffById(followUp.windowStaffId, context),
    revisitContact: (followUp) => maskContact(followUp.revisitContact),
    overdue: (followUp, _, { now }) => isFollowUpOverdue(followUp, now),
    verifiedAt: (followUp) => iso(followUp.verifiedAt),
    verifiedBy: (followUp) => staffId(followUp.verifiedBy),
    rectifiedAt: (followUp) => iso(followUp.rectifiedAt),
    rectifiedBy: (followUp) => staffId(followUp.rectifiedBy),
    feedbackAt: (followUp) => iso(followUp.feedbackAt),
    revisitedAt: (followUp) => iso(followUp.revisitedAt),
    closedAt: (followUp) => iso(followUp.closedAt),
    complaint: (followUp, _, { loaders }) =>
      followUp.complaintId ? loaders.complaintById.load(followUp.complaintId) : null,
    evaluation: (followUp, _, { loaders }) =>
      followUp.evaluationId ? loaders.evaluationById.load(followUp.evaluationId) : null,
  },
};
