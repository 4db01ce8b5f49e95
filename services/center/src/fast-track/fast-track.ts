import { z } from 'zod';
import {
  BadUserInputError,
  NotFoundError,
  requestFingerprint,
  storedList,
  type ServiceClient,
} from '@onewindow/runtime';
import { endOfChinaDay, writeTransaction } from '@onewindow/kit';
import type { FastTrack, PrismaClient } from '../__generated__/prisma/client.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { findDepartmentCase } from '../case-reference.js';
import { createOnce } from '../idempotent.js';
import { centerId } from '../ids.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const authorizeSchema = z.object({
  idempotencyKey: text(200),
  caseId: text(100),
  projectName: text(200),
  leader: text(100),
  reason: text(2000),
  outstanding: z
    .array(text(200))
    .min(1)
    .max(30)
    .refine((names) => new Set(names).size === names.length, 'lists a material twice'),
  // A calendar day or an instant, as written: a day that does not exist (02-30) is refused, not rolled over.
  // A day is a China day, due by its end, as every deadline of the hub (not 08:00, UTC's midnight).
  dueDate: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .transform((at) => (at.length === 10 ? endOfChinaDay(at) : new Date(at))),
});

function invalid(error: z.ZodError): never {
  const problems = error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  throw new BadUserInputError(`Invalid fast track: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`, {
    problems,
  });
}

/** Who records a fast track: the verified person (the key's owner) and the request's audit. */
export interface FastTrackCaller {
  actor: string;
  audit: RequestAudit;
}

/**
 * Records a fast-track authorization for a case its department knows. The same key with the
 * same contents returns the first record; with other contents it is a CONFLICT. Keys are each
 * caller's own: another caller's identical key is another request.
 */
export async function authorizeFastTrack(
  db: PrismaClient,
  input: unknown,
  services: ServiceClient,
  caller: FastTrackCaller,
  now: Date,
): Promise<FastTrack> {
  const parsed = authorizeSchema.safeParse(input);
  if (!parsed.success) invalid(parsed.error);
  const request = parsed.data;
  const fingerprint = requestFingerprint('authorizeFastTrack', request);
  const owner = caller.actor;
  const find = () =>
    db.fastTrack.findUnique({ where: { owner_idempotencyKey: { owner, idempotencyKey: request.idempotencyKey } } });
  return createOnce(request.idempotencyKey, fingerprint, find, async () => {
    if (request.dueDate <= now) throw new BadUserInputError('dueDate must be in the future.', { field: 'dueDate' });
    await findDepartmentCase(services, request.caseId);
    return writeTransaction(db, async (tx) => {
      const track = await tx.fastTrack.create({
        data: {
          ...request,
          owner,
          authorizedBy: owner,
          fingerprint,
          outstanding: JSON.stringify(request.outstanding),
          createdAt: now,
        },
      });
      await caller.audit.write(tx, 'authorizeFastTrack', centerId('fastTrack', track.id), { caseId: request.caseId });
      return track;
    });
  });
}

/** Moves materials from outstanding to received; complete when nothing is outstanding. */
export async function receiveMaterials(
  db: PrismaClient,
  audit: RequestAudit,
  localId: number,
  materials: readonly string[],
  now: Date,
): Promise<FastTrack> {
  return writeTransaction(db, async (tx) => {
    const track = await tx.fastTrack.findUnique({ where: { id: localId } });
    if (!track) throw new NotFoundError(`No fast track ${localId}.`);
    const outstanding = storedList(track.outstanding);
    const unknown = materials.filter((m) => !outstanding.includes(m));
    if (!materials.length || unknown.length) {
      throw new BadUserInputError(
        `Not outstanding: ${unknown.join('、') || '(none given)'}. Outstanding: ${outstanding.join('、') || '(none)'}.`,
        { field: 'materials' },
      );
    }
    const left = outstanding.filter((m) => !materials.includes(m));
    const updated = await tx.fastTrack.update({
      where: { id: localId },
      data: {
        outstanding: JSON.stringify(left),
        received: JSON.stringify([...storedList(track.received), ...materials]),
        completedAt: left.length ? null : now,
      },
    });
    await audit.write(tx, 'receiveFastTrackMaterials', centerId('fastTrack', localId), { materials });
    return updated;
  });
}

/** Outstanding materials past their due date. */
export function isOverdue(track: FastTrack, now: Date): boolean {
  return !track.completedAt && track.dueDate < now;
}
