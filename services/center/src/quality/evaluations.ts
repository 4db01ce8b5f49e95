import {
  BadUserInputError,
  InvalidTransitionError,
  NotFoundError,
  requestFingerprint,
  type ServiceClient,
} from '@onewindow/runtime';
import { CONCLUDED_STATUSES, writeTransaction } from '@onewindow/kit';
import type { Evaluation, PrismaClient, ServiceWindow, Staff } from '../__generated__/prisma/client.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { centerId, localCenterId } from '../ids.js';
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
  /** The window staff member graded as well (global ID), with `windowGrade`: both or neither. */
  windowStaffId?: string | null;
  windowGrade?: Grade | null;
}

/** The window staff member an evaluation grades, checked: both fields or neither, someone who works at a window. */
async function gradedStaff(
  db: PrismaClient,
  request: EvaluationRequest,
): Promise<(Staff & { window: ServiceWindow | null }) | null> {
  if (!request.windowStaffId !== !request.windowGrade) {
    throw new BadUserInputError('Give windowStaffId and windowGrade together, or neither.', {
      field: request.windowStaffId ? 'windowGrade' : 'windowStaffId',
    });
  }
  if (!request.windowStaffId) return null;
  const local = localCenterId(request.windowStaffId);
  const staff = local ? await db.staff.findUnique({ where: { id: local }, include: { window: true } }) : null;
  if (!staff) throw new NotFoundError(`No staff member "${request.windowStaffId}".`, { field: 'windowStaffId' });
  if (!staff.window)
    throw new BadUserInputError(`${staff.name} does not work at a window.`, { field: 'windowStaffId' });
  return staff;
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
  settings: { services: ServiceClient; rectificationWorkingDays: number },
  audit: RequestAudit,
  now: Date,
): Promise<Evaluation> {
  const comment = request.comment?.trim() || null;
  if (comment && comment.length > 500)
    throw new BadUserInputError('The comment must be at most 500 characters.', { field: 'comment' });
  const staff = await gradedStaff(db, request);
  const windowGrade = staff ? request.windowGrade! : null;
  const found = await trackCase(settings.services, request.number, request.verificationCode);
  if (!CONCLUDED.has(found.status)) {
    throw new InvalidTransitionError(
      `Case ${found.number} has not concluded (it is ${found.status}); it can be evaluated once it has.`,
      { status: found.status },
    );
  }
  // The same case and grade and comment is the same evaluation; the case is the idempotency key.
  const fingerprintOf = (e: {
    grade: string;
    comment: string | null;
    windowStaffId: string | null;
    windowGrade: string | null;
  }) =>
    requestFingerprint('evaluateCase', {
      grade: e.grade,
      comment: e.comment,
      windowStaffId: e.windowStaffId,
      windowGrade: e.windowGrade,
    });
  const fingerprint = fingerprintOf({ grade: request.grade, comment, windowStaffId: staff?.id ?? null, windowGrade });
  const find = async () => {
    const row = await db.evaluation.findUnique({ where: { caseId: found.caseId } });
    return row && { ...row, fingerprint: fingerprintOf(row) };
  };
  const conflict = `Case ${found.number} has been evaluated already, differently; an evaluation cannot be changed.`;
  return createOnce(
    found.caseId,
    fingerprint,
    find,
    () =>
      writeTransaction(db, async (tx) => {
        const evaluation = await tx.evaluation.create({
          data: {
            department: found.department,
            caseId: found.caseId,
            caseNumber: found.number,
            grade: request.grade,
            comment,
            windowStaffId: staff?.id ?? null,
            windowGrade,
            evaluatedAt: now,
          },
        });
        if (staff && windowGrade && isBadReview(windowGrade)) {
          // About the window: answered like a complaint about it (its department's, or the center's own).
          await tx.followUp.create({
            data: followUpRow(
              {
                source: 'WINDOW_EVALUATION',
                sourceKey: `evaluation:${evaluation.id}:window`,
                department: staff.window!.departmentCode,
                windowStaffId: staff.id,
                caseId: found.caseId,
                caseNumber: found.number,
                summary: `窗口差评（${staff.window!.name}，${staff.name}，${GRADE_NAMES[windowGrade]}）：${comment ?? '未留言'}`,
              },
              now,
              settings.rectificationWorkingDays,
            ),
          });
        }
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
        await audit.write(tx, 'evaluateCase', centerId('evaluation', evaluation.id), {
          caseId: found.caseId,
          grade: request.grade,
        });
        return { ...evaluation, fingerprint };
      }),
    conflict,
  );
}
