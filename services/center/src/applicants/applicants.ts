import { z } from 'zod';
import { BadUserInputError, ForbiddenError, InvalidTransitionError, NotFoundError } from '@onewindow/runtime';
import { fitsApplicantKind } from '@onewindow/runtime';
import { writeTransaction } from '@onewindow/kit';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { centerId } from '../ids.js';

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

/**
 * Registers an applicant; the same ID number is the same applicant. Registering is recorded, a new
 * applicant or not: the answer shows the name and inquiries on record.
 */
export async function registerApplicant(db: PrismaClient, audit: RequestAudit, input: unknown, now: Date) {
  const parsed = applicantSchema.safeParse(input);
  if (!parsed.success) {
    throw new BadUserInputError(
      `Invalid applicant: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
    );
  }
  const { kind, name, idNumber, phone } = parsed.data;
  return writeTransaction(db, async (tx) => {
    const applicant = await tx.applicant.upsert({
      where: { idNumber },
      update: {},
      create: { kind, name, idNumber, phone: phone ?? null, createdAt: now },
    });
    await audit.write(tx, 'registerApplicant', centerId('applicant', applicant.id));
    return applicant;
  });
}

/** Takes an inquiry: the clerk taking it (`ownerId`, the verified person) answers for it until it is closed. */
export async function takeInquiry(
  db: PrismaClient,
  audit: RequestAudit,
  request: { applicantId: number; question: string; ownerId: string },
  now: Date,
) {
  const text = request.question.trim();
  if (!text || text.length > 2000)
    throw new BadUserInputError('The question must be 1 to 2000 characters.', { field: 'question' });
  return writeTransaction(db, async (tx) => {
    if (!(await tx.applicant.findUnique({ where: { id: request.applicantId } })))
      throw new NotFoundError(`No applicant ${request.applicantId}.`);
    const inquiry = await tx.inquiry.create({
      data: {
        applicantId: request.applicantId,
        question: text,
        ownerId: request.ownerId,
        status: 'OPEN',
        createdAt: now,
      },
    });
    await audit.write(tx, 'takeInquiry', centerId('inquiry', inquiry.id), {
      applicant: centerId('applicant', request.applicantId),
    });
    return inquiry;
  });
}

/** Only the first-contact clerk (`staff`, the verified person) closes an inquiry, and only once. */
export async function closeInquiry(
  db: PrismaClient,
  audit: RequestAudit,
  request: { id: number; staff: string; answer: string },
  now: Date,
) {
  const { id, staff: staffId, answer } = request;
  const text = answer.trim();
  if (!text || text.length > 4000)
    throw new BadUserInputError('The answer must be 1 to 4000 characters.', { field: 'answer' });
  return writeTransaction(db, async (tx) => {
    const inquiry = await tx.inquiry.findUnique({ where: { id } });
    if (!inquiry) throw new NotFoundError(`No inquiry ${id}.`);
    if (inquiry.ownerId !== staffId)
      throw new ForbiddenError(`Inquiry ${id} belongs to ${inquiry.ownerId} (首问负责), who alone may close it.`);
    if (inquiry.status === 'CLOSED') throw new InvalidTransitionError(`Inquiry ${id} is closed already.`);
    const closed = await tx.inquiry.update({ where: { id }, data: { status: 'CLOSED', answer: text, closedAt: now } });
    await audit.write(tx, 'closeInquiry', centerId('inquiry', id));
    return closed;
  });
}
