import { BadUserInputError, CONCLUDED_STATUSES, InvalidTransitionError, requestFingerprint } from '@onewindow/kit';
import type { Evaluation, PrismaClient } from '../__generated__/prisma/client.js';
import { createOnce } from '../idempotent.js';
import { trackCase } from '../tracking/track-case.js';
import { followUpRow } from './follow-ups.js';
import { GRADE_NAMES, isBadReview, type Grade } from './grades.js';

/** A case is evaluated for the service it got, so once it has concluded. */
const CONCLUDED: ReadonlySet<string> = new Set(CONCLUDED_STATUSES);

export interface EvaluationRequest {
  number: string;
  verificationCode: string;
  grade: Grade;
  comment?: string | null;
}

/**
 * 好差评: the applicant grades their concluded case, proven by the receipt (the department checks
 * the verification code, as for tracking). One evaluation per case: the same one again is
 * returned, a different one is a CONFLICT. A bad review opens its follow-up in the same
 * transaction.
 */
export async function evaluateCase(
  db: PrismaClient,
  request: EvaluationRequest,
  settings: { departmentUrls: Record<string, string>; rectificationWorkingDays: number },
  now: Date,
): Promise<Evaluation> {
  const comment = request.comment?.trim() || null;
  if (comment && comment.length > 500) throw new BadUserInputError('The comment must be at most 500 characters.', { field: 'comment' });
  const found = await trackCase(settings.departmentUrls, request.number, request.verificationCode);
  if (!CONCLUDED.has(found.status)) {
    throw new InvalidTransitionError(`Case ${found.number} has not concluded (it is ${found.status}); it can be evaluated once it has.`, { status: found.status });
  }
  // The same case and grade and comment is the same evaluation; the case is the idempotency key.
  const fingerprint = requestFingerprint('evaluateCase', { grade: request.grade, comment });
  const find = async () => {
    const row = await db.evaluation.findUnique({ where: { caseId: found.caseId } });
    return row && { ...row, fingerprint: requestFingerprint('evaluateCase', { grade: row.grade, comment: row.comment }) };
  };
  const conflict = `Case ${found.number} has been evaluated already, differently; an evaluation cannot be changed.`;
  return createOnce(found.caseId, fingerprint, find, () =>
    db.$transaction(async (tx) => {
      const evaluation = await tx.evaluation.create({
        data: { department: found.department, caseId: found.caseId, caseNumber: found.number, grade: request.grade, comment, evaluatedAt: now },
      });
      if (isBadReview(request.grade)) {
        await tx.followUp.create({
          data: followUpRow(
            {
              source: 'EVALUATION',
              sourceKey: `evaluation:${evaluation.id}`,
              evaluationId: evaluation.id,
              department: found.department,
              caseId: found.caseId,
              caseNumber: found.number,
              summary: `差评（${GRADE_NAMES[request.grade]}）：${comment ?? '未留言'}`,
            },
            now,
            settings.rectificationWorkingDays,
          ),
        });
      }
      return { ...evaluation, fingerprint };
    }),
    conflict,
  );
}
