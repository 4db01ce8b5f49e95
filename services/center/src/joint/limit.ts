import { z } from 'zod';
import {
  applicantGlobalId,
  applicantKey,
  BadUserInputError,
  InvalidTransitionError,
  NotFoundError,
  storedValue,
  type AuditEntry,
} from '@onewindow/runtime';
import {
  addWorkingDays,
  chinaDay,
  CONCLUDED_STATUSES,
  isProvisionalDeadline,
  remainingWorkingDays,
  supervisionLevel,
  type SupervisionLevel,
  writeTransaction,
} from '@onewindow/kit';
import type { JointApplication, JointPart, PrismaClient } from '../__generated__/prisma/client.js';
import { serviceEntry, type RequestAudit } from '../audit/request-audit.js';
import { centerId, centerLocalId } from '../ids.js';
import type { NotificationKind } from '../feed/notices.js';

/** 行政许可法 §26: 统一办理, 联合办理, 集中办理. */
export const JOINT_KINDS = ['UNIFIED', 'JOINT', 'CENTRALIZED'] as const;
export type JointKind = (typeof JOINT_KINDS)[number];

export const storedJointKind = (value: string): JointKind => storedValue(JOINT_KINDS, value, 'joint kind');

/** §42: at most 45 working days for a joint handling, and one extension of at most 15. */
const STATUTORY_LIMIT = 45;
const MAX_EXTENSION = 15;
const JOINT_KINDS_DEFAULT = JOINT_KINDS.map((kind) => `${kind}=${STATUTORY_LIMIT}`).join(',');

/**
 * `JOINT_LIMIT_WORKING_DAYS`: `KIND=days` pairs, comma-separated; each kind at most once, 1 to 45
 * days (the statute's ceiling). A kind not named keeps 45.
 */
export const jointLimitsSchema = z
  .string()
  .default(JOINT_KINDS_DEFAULT)
  .transform((text, ctx): Record<JointKind, number> => {
    const limits: Record<JointKind, number> = {
      UNIFIED: STATUTORY_LIMIT,
      JOINT: STATUTORY_LIMIT,
      CENTRALIZED: STATUTORY_LIMIT,
    };
    const seen = new Set<string>();
    for (const pair of text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [name, days] = pair.split('=').map((p) => p.trim());
      const kind = JOINT_KINDS.find((known) => known === name);
      const value = Number(days);
      if (!kind || seen.has(kind)) {
        ctx.addIssue({ code: 'custom', message: `"${pair}": name each of ${JOINT_KINDS.join(', ')} at most once` });
      } else if (!Number.isInteger(value) || value < 1 || value > STATUTORY_LIMIT) {
        ctx.addIssue({
          code: 'custom',
          message: `"${pair}": the limit must be 1 to ${STATUTORY_LIMIT} working days (§42)`,
        });
      } else {
        limits[kind] = value;
      }
      seen.add(name ?? '');
    }
    return limits;
  });

/** A joint application as its clock reads it. */
export type JointClockRow = Pick<
  JointApplication,
  'createdAt' | 'limitWorkingDays' | 'extensionWorkingDays' | 'concludedAt'
>;

/**
 * The deadline: the limit and the extension counted from acceptance, on the calendar in force,
 * so a calendar entered or corrected later moves it (counting the extension from the first
 * deadline gives the same day).
 */
export const jointDeadline = (row: JointClockRow): Date =>
  addWorkingDays(row.createdAt, row.limitWorkingDays + (row.extensionWorkingDays ?? 0));

/** Deadline, lateness, working days left and supervision level, by the same rules as a case's. */
export function jointClock(row: JointClockRow, now: Date, warningDays: number) {
  const clock = { deadline: jointDeadline(row), concludedAt: row.concludedAt, suspendedAt: null };
  const level: SupervisionLevel = supervisionLevel(clock, now, warningDays);
  return {
    deadline: clock.deadline,
    deadlineProvisional: isProvisionalDeadline(clock.deadline),
    overdue: level === 'RED',
    remainingWorkingDays: remainingWorkingDays(clock, now),
    supervisionLevel: level,
  };
}

const CONCLUDED: ReadonlySet<string> = new Set(CONCLUDED_STATUSES);

/**
 * Whether every part has concluded: its case concluded, its department refused it, or it waits for
 * a part that concluded without approval (it will never go).
 */
export function partsConcluded(
  parts: readonly Pick<JointPart, 'position' | 'dispatch' | 'caseStatus' | 'dependsOn'>[],
): boolean {
  const done = (position: number, depth = 0): boolean => {
    const part = parts.find((p) => p.position === position);
    if (!part || depth > parts.length) return true;
    if (part.dispatch === 'REFUSED' || (part.caseStatus && CONCLUDED.has(part.caseStatus))) return true;
    if (part.dispatch !== 'WAITING' || part.dependsOn === null) return false;
    const before = parts.find((p) => p.position === part.dependsOn);
    return done(part.dependsOn, depth + 1) && before?.caseStatus !== 'APPROVED';
  };
  return parts.every((part) => done(part.position));
}

/**
 * Records the conclusion of every open joint application whose parts have all concluded: at the
 * last approval when all were approved (the time the feed showed it), else now. Run after each
 * read of the change feeds; an application is settled once (only while concludedAt is null).
 */
export async function settleJointApplications(
  db: PrismaClient,
  now: Date,
  audit: (entry: AuditEntry) => void = () => undefined,
): Promise<number> {
  const open = await db.jointApplication.findMany({ where: { concludedAt: null }, include: { parts: true } });
  let settled = 0;
  for (const joint of open.filter((j) => partsConcluded(j.parts))) {
    const approvals = joint.parts.map((p) => p.approvedAt);
    const allApproved = approvals.every((at): at is Date => at !== null);
    const at = allApproved ? new Date(Math.max(...approvals.map((a) => a.getTime()))) : now;
    const { count } = await db.jointApplication.updateMany({
      where: { id: joint.id, concludedAt: null },
      data: { concludedAt: at },
    });
    if (count) audit(serviceEntry('write:settleJoint', centerId('jointApplication', joint.id), { concludedAt: at }));
    settled += count;
  }
  return settled;
}

/**
 * §42's conditions on the request itself: the approving head named (1 to 64 characters), the
 * reason the applicant is told (1 to 500), and 1 to 15 working days. Returns the trimmed names.
 */
export function checkExtension(request: Pick<ExtensionRequest, 'approvedBy' | 'reason' | 'workingDays'>) {
  const approvedBy = request.approvedBy.trim();
  const reason = request.reason.trim();
  if (!approvedBy || approvedBy.length > 64) {
    throw new BadUserInputError(
      'approvedBy must name the head of the county government who approved it (1 to 64 characters).',
      { field: 'approvedBy' },
    );
  }
  if (!reason || reason.length > 500)
    throw new BadUserInputError('reason must say why (1 to 500 characters); the applicant is told.', {
      field: 'reason',
    });
  if (!Number.isInteger(request.workingDays) || request.workingDays < 1 || request.workingDays > MAX_EXTENSION) {
    throw new BadUserInputError(`workingDays must be 1 to ${MAX_EXTENSION} (§42).`, { field: 'workingDays' });
  }
  return { approvedBy, reason };
}

export interface ExtensionRequest {
  jointId: number;
  approvedBy: string;
  reason: string;
  workingDays: number;
}

/** Who records an extension (a supervisor: access.ts), and what the applicant's notice needs. */
export interface ExtensionCaller {
  /** The verified person, recorded as `extendedBy`. */
  actor: string;
  audit: RequestAudit;
  /** APPLICANT_ID_SECRET: the notice goes to the applicant's `Applicant.id`. */
  applicantSecret: string;
}

/**
 * §42: extends a joint application's deadline once, by 1 to 15 working days, on the approval of
 * the head of the county government, before the deadline and while it is open; recorded by a
 * supervisor. The extension and the applicant's notification are one transaction, and the checks
 * run inside it, so two supervisors cannot both extend.
 */
export async function extendJointApplication(
  db: PrismaClient,
  request: ExtensionRequest,
  caller: ExtensionCaller,
  now: Date,
) {
  const { approvedBy, reason } = checkExtension(request);
  return writeTransaction(db, async (tx) => {
    const joint = await tx.jointApplication.findUnique({ where: { id: request.jointId } });
    const name = centerLocalId('jointApplication', request.jointId);
    if (!joint) throw new NotFoundError(`No joint application ${name}.`);
    if (joint.extensionWorkingDays !== null)
      throw new InvalidTransitionError(`Joint application ${name} was extended already; §42 allows one extension.`);
    if (joint.concludedAt) throw new InvalidTransitionError(`Joint application ${name} has concluded.`);
    const deadline = jointDeadline(joint);
    if (now > deadline) {
      throw new InvalidTransitionError(
        `Joint application ${name} is past its deadline (${chinaDay(deadline)}); an extension is decided before it.`,
      );
    }
    const updated = await tx.jointApplication.update({
      where: { id: joint.id },
      data: {
        extensionWorkingDays: request.workingDays,
        extensionApprovedBy: approvedBy,
        extensionReason: reason,
        extendedBy: caller.actor,
        extendedAt: now,
      },
    });
    const newDeadline = jointDeadline(updated);
    const jointId = centerId('jointApplication', joint.id);
    const kind: NotificationKind = 'JOINT_DEADLINE_EXTENDED';
    await tx.notification.create({
      data: {
        eventKey: `${jointId}#extension`,
        department: joint.leadDepartment,
        caseId: jointId,
        caseNumber: name,
        // The applicant's own ID, as the departments compute it: their notices are theirs wherever they come from.
        applicantId: applicantGlobalId(
          applicantKey(joint.applicantKind, joint.applicantIdNumber, caller.applicantSecret),
        ),
        kind,
        message:
          `您的并联审批项目“${joint.projectName}”经本级人民政府负责人（${approvedBy}）批准，办理期限延长${request.workingDays}个工作日，` +
          `至${chinaDay(newDeadline)}。延期理由：${reason}`,
        createdAt: now,
      },
    });
    await caller.audit.write(tx, 'extendJointApplication', jointId, { workingDays: request.workingDays, approvedBy });
    return tx.jointApplication.findUniqueOrThrow({ where: { id: joint.id }, include: { parts: true } });
  });
}
