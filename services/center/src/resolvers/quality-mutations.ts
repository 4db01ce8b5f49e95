import { ErrorCode, NotFoundError, OnewindowError } from '@onewindow/runtime';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import type { CenterContext } from '../context.js';
import { fileComplaint } from '../quality/complaints.js';
import { evaluateCase } from '../quality/evaluations.js';
import { takeFollowUpStep, type FollowUpStep, type StepRequest } from '../quality/follow-ups.js';
import { localCenterId, localCenterNumber } from '../ids.js';

/** A follow-up step by global IDs; an ID the center did not issue is NOT_FOUND. */
function step(context: CenterContext, name: FollowUpStep, ids: { id: string; staffId: string }, request: Omit<StepRequest, 'followUpId' | 'staffId'>) {
  const followUpId = localCenterNumber(ids.id, 'U');
  if (followUpId === null) throw new NotFoundError(`No follow-up "${ids.id}".`, { id: ids.id });
  const staffId = localCenterId(ids.staffId);
  if (!staffId) throw new NotFoundError(`No staff member "${ids.staffId}".`, { field: 'staffId' });
  return takeFollowUpStep(context.db, name, { followUpId, staffId, ...request }, context.now());
}

type QualityMutations = Pick<
  MutationResolvers,
  'fileComplaint' | 'evaluateCase' | 'verifyFollowUp' | 'recordRectification' | 'giveFollowUpFeedback' | 'recordRevisit'
>;

/** Complaints, evaluations and their follow-up (verify, rectify, feedback, revisit). */
export const qualityMutations: QualityMutations = {
  fileComplaint: (_, { input }, { db, departmentUrls, rectificationWorkingDays, now }) =>
    fileComplaint(db, input, { departmentUrls, rectificationWorkingDays }, now()),
  evaluateCase: (_, { input }, { db, departmentUrls, rectificationWorkingDays, trackingLimiter, clientAddress, now }) => {
    // Proving a case by its code is what tracking does: the same limit keeps codes from being guessed.
    if (!trackingLimiter.take(clientAddress)) throw new OnewindowError(ErrorCode.RATE_LIMITED, 'Too many attempts; wait a minute and try again.');
    return evaluateCase(db, input, { departmentUrls, rectificationWorkingDays }, now());
  },
  verifyFollowUp: (_, { id, staffId, founded, note }, context) => step(context, 'verify', { id, staffId }, { text: note, flag: founded }),
  recordRectification: (_, { id, staffId, measures }, context) => step(context, 'rectify', { id, staffId }, { text: measures }),
  giveFollowUpFeedback: (_, { id, staffId, message }, context) => step(context, 'feedback', { id, staffId }, { text: message }),
  recordRevisit: (_, { id, staffId, satisfied, contact, note }, context) =>
    step(context, 'revisit', { id, staffId }, { text: note ?? '', flag: satisfied, optionalText: true, contact }),
};
