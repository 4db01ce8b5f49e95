import { z } from 'zod';
import {
  BadUserInputError,
  InvalidTransitionError,
  NotFoundError,
  OnewindowError,
  ErrorCode,
} from '@onewindow/runtime';
import { fitsApplicantKind } from '@onewindow/kit';
import type { PrismaClient } from '../__generated__/prisma/client.js';

const applicantSchema = z
  .object({
    kind: z.enum(['PERSON', 'ENTERPRISE']),
    name: z.string().trim().min(1).max(100),
    idNumber: z.string().trim().toUpperCase(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?\d[\d-]{5,19}$/, 'is not a phone number')
      .nullish(),
  })
  .refine((a) => fitsApplicantKind(a.kind, a.idNumber), { path: ['idNumber'], message: 'does not fit the kind' });

/** Registers an applicant; the same ID number is the same applicant. */
export async function registerApplicant(db: PrismaClient, input: unknown, now: Date) {
  const parsed = applicantSchema.safeParse(input);
  if (!parsed.success) {
    throw new BadUserInputError(
      `Invalid applicant: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
    );
  }
  const { kind, name, idNumber, phone } = parsed.data;
  return db.applicant.upsert({
    where: { idNumber },
    update: {},
    create: { kind, name, idNumber, phone: phone ?? null, createdAt: now },
  });
}

export async function takeInquiry(db: PrismaClient, applicantId: number, question: string, ownerId: string, now: Date) {
  const text = question.trim();
  if (!text || text.length > 2000)
    throw new BadUserInputError('The question must be 1 to 2000 characters.', { field: 'question' });
  if (!(await db.staff.findUnique({ where: { id: ownerId } })))
    throw new NotFoundError(`No staff member "${ownerId}".`);
  if (!(await db.applicant.findUnique({ where: { id: applicantId } })))
    throw new NotFoundError(`No applicant ${applicantId}.`);
  return db.inquiry.create({ data: { applicantId, question: text, ownerId, status: 'OPEN', createdAt: now } });
}

/** Only the first-contact staff member closes an inquiry, and only once. */
export async function closeInquiry(db: PrismaClient, id: number, staffId: string, answer: string, now: Date) {
  const text = answer.trim();
  if (!text || text.length > 4000)
    throw new BadUserInputError('The answer must be 1 to 4000 characters.', { field: 'answer' });
  return db.$transaction(async (tx) => {
    const inquiry = await tx.inquiry.findUnique({ where: { id } });
    if (!inquiry) throw new NotFoundError(`No inquiry ${id}.`);
    if (inquiry.ownerId !== staffId)
      throw new OnewindowError(
        ErrorCode.FORBIDDEN,
        `Inquiry ${id} belongs to ${inquiry.ownerId} (首问负责), who alone may close it.`,
      );
    if (inquiry.status === 'CLOSED') throw new InvalidTransitionError(`Inquiry ${id} is closed already.`);
    return tx.inquiry.update({ where: { id }, data: { status: 'CLOSED', answer: text, closedAt: now } });
  });
}
