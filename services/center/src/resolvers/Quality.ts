import { toGlobalId } from '@onewindow/runtime';
import type { ComplaintResolvers, EvaluationResolvers, FollowUpResolvers } from '../__generated__/resolvers-types.js';
import { isFollowUpOverdue, storedDueStep } from '../quality/follow-ups.js';
import { storedGrade } from '../quality/grades.js';
import type { CenterContext } from '../context.js';

const iso = (at: Date | null) => at?.toISOString() ?? null;
const staffId = (id: string | null) => (id && id !== 'system' ? toGlobalId('center', id) : id);

/** The phone shows its last four digits only. */
const maskPhone = (phone: string | null) => (phone ? `${'*'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}` : null);

/**
 * A revisit's contact: a run of 7 or more digits (a phone number) shows its last four only; a
 * channel's name ("12345热线", "窗口当面") shows whole.
 */
const maskContact = (contact: string | null) =>
  contact?.replace(/\d[\d -]{5,}\d/g, (digits) => digits.replace(/\d(?=(?:[^\d]*\d){4})/g, '*')) ?? null;

const staffById = (id: string | null, { loaders }: CenterContext) => (id ? loaders.staffById.load(id) : null);

export const Complaint: ComplaintResolvers = {
  id: (complaint) => toGlobalId('center', `P${complaint.id}`),
  subject: (complaint) => complaint.subject as never,
  channel: (complaint) => complaint.channel as never,
  window: (complaint, _, { loaders }) => (complaint.windowId ? loaders.windowById.load(complaint.windowId) : null),
  phoneMasked: (complaint) => maskPhone(complaint.phone),
  receivedBy: (complaint) => toGlobalId('center', complaint.receivedBy),
  receivedAt: (complaint) => complaint.receivedAt.toISOString(),
  followUp: async (complaint, _, { loaders }) => (await loaders.followUpByComplaint.load(complaint.id))!,
};

export const Evaluation: EvaluationResolvers = {
  id: (evaluation) => toGlobalId('center', `E${evaluation.id}`),
  grade: (evaluation) => storedGrade(evaluation.grade),
  windowGrade: (evaluation) => (evaluation.windowGrade === null ? null : storedGrade(evaluation.windowGrade)),
  windowStaff: (evaluation, _, context) => staffById(evaluation.windowStaffId, context),
  evaluatedAt: (evaluation) => evaluation.evaluatedAt.toISOString(),
  followUp: (evaluation, _, { loaders }) => loaders.followUpByEvaluation.load(evaluation.id),
};

export const FollowUp: FollowUpResolvers = {
  id: (followUp) => toGlobalId('center', `U${followUp.id}`),
  source: (followUp) => followUp.source as never,
  stage: (followUp) => followUp.stage as never,
  openedAt: (followUp) => followUp.openedAt.toISOString(),
  dueAt: (followUp) => followUp.dueAt.toISOString(),
  dueCovers: (followUp) => storedDueStep(followUp.dueCovers),
  windowStaff: (followUp, _, context) => staffById(followUp.windowStaffId, context),
  revisitContact: (followUp) => maskContact(followUp.revisitContact),
  overdue: (followUp, _, { now }) => isFollowUpOverdue(followUp, now()),
  verifiedAt: (followUp) => iso(followUp.verifiedAt),
  verifiedBy: (followUp) => staffId(followUp.verifiedBy),
  rectifiedAt: (followUp) => iso(followUp.rectifiedAt),
  rectifiedBy: (followUp) => staffId(followUp.rectifiedBy),
  feedbackAt: (followUp) => iso(followUp.feedbackAt),
  revisitedAt: (followUp) => iso(followUp.revisitedAt),
  closedAt: (followUp) => iso(followUp.closedAt),
  complaint: (followUp, _, { loaders }) => (followUp.complaintId ? loaders.complaintById.load(followUp.complaintId) : null),
  evaluation: (followUp, _, { loaders }) => (followUp.evaluationId ? loaders.evaluationById.load(followUp.evaluationId) : null),
};
