import { findDepartment, type DepartmentEntry } from '@onewindow/schema';
import { departmentOperation, storedValue, type AuditEntry, type Logger, type ServiceClient } from '@onewindow/runtime';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import {
  CenterDispatchPartDocument,
  type ApplicantKind,
  type SubmitApplicationInput,
} from '../__generated__/department-operations.js';
import { serviceEntry } from '../audit/request-audit.js';
import { centerId } from '../ids.js';
import type { AsCenter } from '../service-identity.js';

/**
 * The idempotency key of a part's submission: the same on every retry, so a part is one case. The
 * center submits as itself (`service:center`), and keys are each caller's own at the department, so
 * nobody else using the same text can take or block it.
 */
export const partSubmissionKey = (jointId: number, position: number) => `joint:${jointId}:${position}`;

interface Submitted {
  id: string;
  status: string;
  item: { name: string; materials: { name: string }[] };
}

/** The department refused the submission itself: sending it again would be refused again. */
class RefusedByDepartment extends Error {}
const REFUSALS = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'INVALID_TRANSITION']);

async function submitToDepartment(
  services: ServiceClient,
  department: DepartmentEntry,
  input: SubmitApplicationInput,
): Promise<Submitted> {
  const result = await services.tryRequest(
    department.code,
    departmentOperation(CenterDispatchPartDocument, department),
    { input },
    { timeoutMs: 10_000, write: { idempotencyKey: input.idempotencyKey } },
  );
  // A refused submission is null with its error, which tryRequest reports as not ok.
  if (result.ok && result.data.template.submit) return result.data.template.submit;
  if (result.ok) throw new Error(`${department.code} answered the submission with nothing and no error`);
  const code = result.error.extensions.code;
  if (typeof code === 'string' && REFUSALS.has(code)) throw new RefusedByDepartment(result.error.message);
  throw result.error;
}

const APPLICANT_KINDS: readonly ApplicantKind[] = ['PERSON', 'ENTERPRISE'];

/** A part as it is sent, with its application. */
export interface PartToSend {
  id: number;
  jointId: number;
  position: number;
  department: string;
  itemCode: string;
  joint: { projectName: string; applicantKind: string; applicantName: string; applicantIdNumber: string };
}

/**
 * The department's submit input for a part: the same on every attempt (key and contents), so a
 * submission whose answer was lost, sent again, returns the case it made instead of a second one.
 */
export function partSubmission(part: PartToSend): SubmitApplicationInput {
  return {
    idempotencyKey: partSubmissionKey(part.jointId, part.position),
    itemCode: part.itemCode,
    applicant: {
      kind: storedValue(APPLICANT_KINDS, part.joint.applicantKind, 'applicant kind'),
      name: part.joint.applicantName,
      idNumber: part.joint.applicantIdNumber,
    },
    note: `并联审批：${part.joint.projectName}`,
    jointApplicationId: centerId('jointApplication', part.jointId),
  };
}

/** What sending parts needs besides the database: the departments, as the center, and the audit trail. */
export interface DispatchSettings {
  services: ServiceClient;
  logger: Logger;
  clock: () => Date;
  /** Runs each submission as the center itself, whoever's request set it going. */
  asCenter: AsCenter;
  /** Records each part's outcome in the audit trail. */
  audit: (entry: AuditEntry) => void;
}

/**
 * Sends the given PENDING parts to their departments through each department's own submit
 * mutation, all at once, as the center (`service:center`: departments let it submit a joint
 * application's parts), and records each case. A department that does not answer keeps its part
 * PENDING for the next round; the stable idempotency key means a submission whose answer was lost
 * is not doubled. A part the department refuses outright (an item it does not have) is REFUSED,
 * not retried. Only a part still PENDING is written: when two rounds send the same part (the feed
 * follower records parts too), the first answer is recorded once and the other changes nothing.
 */
export async function dispatchParts(
  db: PrismaClient,
  parts: readonly PartToSend[],
  settings: DispatchSettings,
): Promise<number> {
  const { services, logger, clock, asCenter } = settings;
  const target = (part: PartToSend) => `${centerId('jointApplication', part.jointId)}#${part.position}`;
  const results = await Promise.all(
    parts.map(async (part) => {
      const department = findDepartment(part.department);
      const stillPending = { id: part.id, dispatch: 'PENDING' };
      try {
        if (!department) throw new Error(`no department "${part.department}"`);
        const submitted = await asCenter(() => submitToDepartment(services, department, partSubmission(part)));
        const { count } = await db.jointPart.updateMany({
          where: stillPending,
          data: {
            dispatch: 'DISPATCHED',
            caseId: submitted.id,
            caseStatus: submitted.status,
            dispatchedAt: clock(),
            attempts: { increment: 1 },
            lastError: null,
            itemName: submitted.item.name,
            materials: JSON.stringify(submitted.item.materials.map((m) => m.name)),
          },
        });
        if (count) settings.audit(serviceEntry('write:dispatchPart', target(part), { caseId: submitted.id }));
        return true;
      } catch (error) {
        const refused = error instanceof RefusedByDepartment;
        const what = refused ? 'joint part refused by its department' : 'joint part not dispatched; will retry';
        logger.warn({ department: part.department, joint: part.jointId, err: error }, what);
        const lastError = String((error as Error).message ?? error);
        const { count } = await db.jointPart.updateMany({
          where: stillPending,
          data: { attempts: { increment: 1 }, lastError, ...(refused ? { dispatch: 'REFUSED' } : {}) },
        });
        if (count && refused) settings.audit(serviceEntry('write:refusePart', target(part), { lastError }));
        return false;
      }
    }),
  );
  return results.filter(Boolean).length;
}

/** Sends every part that may go (PENDING): see dispatchParts. */
export async function dispatchPending(db: PrismaClient, settings: DispatchSettings): Promise<number> {
  const pending = await db.jointPart.findMany({ where: { dispatch: 'PENDING' }, include: { joint: true } });
  return dispatchParts(db, pending, settings);
}
