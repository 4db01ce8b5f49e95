import { toGlobalId } from '@onewindow/kit';
import type { ComplaintResolvers, EvaluationResolvers, FollowUpResolvers } from '../__generated__/resolvers-types.js';
import { isFollowUpOverdue } from '../quality/follow-ups.js';

const iso = (at: Date | null) => at?.toISOString() ?? null;
const staffId = (id: string | null) => (id && id !== 'system' ? toGlobalId('center', id) : id);

/** The phone shows its last four digits only. */
const maskPhone = (phone: string | null) => (phone ? `${'*'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}` : null);

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
  grade: (evaluation) => evaluation.grade as never,
  evaluatedAt: (evaluation) => evaluation.evaluatedAt.toISOString(),
  followUp: (evaluation, _, { loaders }) => loaders.followUpByEvaluation.load(evaluation.id),
};

export const FollowUp: FollowUpResolvers = {
  id: (followUp) => toGlobalId('center', `U${followUp.id}`),
  source: (followUp) => followUp.source as never,
  stage: (followUp) => followUp.stage as never,
  openedAt: (followUp) => followUp.openedAt.toISOString(),
  dueAt: (followUp) => followUp.dueAt.toISOString(),
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
