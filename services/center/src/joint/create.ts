import { requestFingerprint, type Logger, type ServiceClient } from '@onewindow/runtime';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { createOnce } from '../idempotent.js';
import { checkPartItems } from './catalog-check.js';
import type { JointKind } from './limit.js';
import type { JointApplicationRow } from './types.js';
import { parseJointInput } from './validation.js';

export interface JointCreationSettings {
  services: ServiceClient;
  logger: Logger;
  /** The §42 limit of each kind of joint handling (`JOINT_LIMIT_WORKING_DAYS`). */
  jointLimits: Record<JointKind, number>;
  /** Sends every part that may go now. */
  dispatchJointParts: () => Promise<number>;
}

/**
 * Accepts a joint application: checked whole, its items looked up in their departments'
 * catalogs, stored with its parts (those that need not wait PENDING, the others WAITING), and
 * the parts that may go sent at once. The same key with the same contents returns the first one.
 */
export async function createJointApplication(
  db: PrismaClient,
  input: unknown,
  settings: JointCreationSettings,
  now: Date,
): Promise<JointApplicationRow> {
  const parsed = parseJointInput(input);
  const fingerprint = requestFingerprint('createJointApplication', parsed);
  const find = () =>
    db.jointApplication.findUnique({ where: { idempotencyKey: parsed.idempotencyKey }, include: { parts: true } });
  const joint = await createOnce(parsed.idempotencyKey, fingerprint, find, async () => {
    const items = await checkPartItems(parsed.parts, settings.services, settings.logger);
    const created = await db.jointApplication.create({
      data: {
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
    // Every part that need not wait goes now, in parallel; any that fails stays PENDING for the next round.
    await settings.dispatchJointParts();
    return created;
  });
  return db.jointApplication.findUniqueOrThrow({ where: { id: joint.id }, include: { parts: true } });
}
