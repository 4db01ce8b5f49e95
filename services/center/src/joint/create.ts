import { requestFingerprint, type Logger, type ServiceClient } from '@onewindow/runtime';
import { writeTransaction } from '@onewindow/kit';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { createOnce } from '../idempotent.js';
import { centerId } from '../ids.js';
import { checkPartItems } from './catalog-check.js';
import type { JointKind } from './limit.js';
import type { JointApplicationRow } from './types.js';
import { parseJointInput } from './validation.js';

export interface JointCreationSettings {
  services: ServiceClient;
  logger: Logger;
  /** The §42 limit of each kind of joint handling (`JOINT_LIMIT_WORKING_DAYS`). */
  jointLimits: Record<JointKind, number>;
  /** Sends every part that may go now (as the center itself, whoever asked). */
  dispatchJointParts: () => Promise<number>;
}

/** Who makes a joint application: the verified person (the key's owner) and the request's audit. */
export interface JointCaller {
  actor: string;
  audit: RequestAudit;
}

/**
 * Accepts a joint application: checked whole, its items looked up in their departments'
 * catalogs, stored with its parts (those that need not wait PENDING, the others WAITING), and
 * the parts that may go sent at once. The same key with the same contents returns the first one;
 * keys are each caller's own, so another caller's identical key is another application.
 */
export async function createJointApplication(
  db: PrismaClient,
  input: unknown,
  settings: JointCreationSettings,
  caller: JointCaller,
  now: Date,
): Promise<JointApplicationRow> {
  const parsed = parseJointInput(input);
  const fingerprint = requestFingerprint('createJointApplication', parsed);
  const owner = caller.actor;
  const find = () =>
    db.jointApplication.findUnique({
      where: { owner_idempotencyKey: { owner, idempotencyKey: parsed.idempotencyKey } },
      include: { parts: true },
    });
  const joint = await createOnce(parsed.idempotencyKey, fingerprint, find, async () => {
    const items = await checkPartItems(parsed.parts, settings.services, settings.logger);
    const created = await writeTransaction(db, async (tx) => {
      const row = await tx.jointApplication.create({
        data: {
          owner,
          idempotencyKey: parsed.idempotencyKey,
          fingerprint,
          projectName: parsed.projectName,
          applicantKind: parsed.applicant.kind,
          applicantName: parsed.applicant.name,
          applicantIdNumber: parsed.applicant.idNumber,
          leadDepartment: parsed.leadDepartment,
          kind: parsed.kind,
          limitWorkingDays: settings.jointLimits[parsed.kind],
          // Accepted once its items are checked: the limit runs from here.
          createdAt: now,
          parts: {
            create: parsed.parts.map((part, position) => ({
              position,
              department: part.department,
              itemCode: part.itemCode,
              ...items[position],
              dependsOn: part.dependsOn,
              dispatch: part.dependsOn === null ? 'PENDING' : 'WAITING',
            })),
          },
        },
        include: { parts: true },
      });
      await caller.audit.write(tx, 'createJointApplication', centerId('jointApplication', row.id), {
        parts: parsed.parts.map((part) => part.itemId),
      });
      return row;
    });
    // Every part that need not wait goes now, in parallel; any that fails stays PENDING for the next round.
    await settings.dispatchJointParts();
    return created;
  });
  return db.jointApplication.findUniqueOrThrow({ where: { id: joint.id }, include: { parts: true } });
}
