import { z } from 'zod';
import { findDepartment } from '@onewindow/schema';
import { BadUserInputError, NotFoundError, requestFingerprint, type ServiceClient } from '@onewindow/runtime';
import type { Complaint, PrismaClient } from '../__generated__/prisma/client.js';
import { findDepartmentCase } from '../case-reference.js';
import { createOnce } from '../idempotent.js';
import { localCenterId } from '../ids.js';
import { COMPLAINT_CHANNELS } from './complaint-kinds.js';
import { followUpRow } from './follow-ups.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const complaintSchema = z
  .object({
    idempotencyKey: text(200),
    department: z.string().trim().nullish(),
    caseId: z.string().trim().nullish(),
    windowId: z.string().trim().nullish(),
    channel: z.enum(COMPLAINT_CHANNELS),
    complainant: text(100),
    phone: z
      .string()
      .trim()
      .regex(/^\+?\d[\d-]{5,19}$/, 'is not a phone number')
      .nullish(),
    content: text(2000),
    receivedBy: z.string(),
  })
  .refine((c) => [c.department, c.caseId, c.windowId].filter(Boolean).length === 1, {
    path: ['department'],
    message: 'give exactly one of department, caseId and windowId: what the complaint is about',
  });

export interface ComplaintSettings {
  services: ServiceClient;
  rectificationWorkingDays: number;
}

/** What a complaint is about, checked: the department answerable and, for a case, its number. */
async function resolveSubject(db: PrismaClient, input: z.infer<typeof complaintSchema>, services: ServiceClient) {
  if (input.department) {
    if (!findDepartment(input.department))
      throw new BadUserInputError(`No department "${input.department}".`, { field: 'department' });
    return {
      subject: 'DEPARTMENT',
      department: input.department,
      caseId: null,
      caseNumber: null,
      windowId: null,
      about: findDepartment(input.department)!.name,
    };
  }
  if (input.caseId) {
    const found = await findDepartmentCase(services, input.caseId);
    return {
      subject: 'CASE',
      department: found.department,
      caseId: found.caseId,
      caseNumber: found.caseNumber,
      windowId: null,
      about: `办件 ${found.caseNumber}`,
    };
  }
  const local = localCenterId(input.windowId!);
  const window = local ? await db.serviceWindow.findUnique({ where: { id: local } }) : null;
  if (!window) throw new NotFoundError(`No window "${input.windowId}".`, { field: 'windowId' });
  return {
    subject: 'WINDOW',
    department: window.departmentCode,
    caseId: null,
    caseNumber: null,
    windowId: window.id,
    about: window.name,
  };
}

/**
 * Records a complaint (效能投诉) and opens its follow-up in one transaction. The same key with
 * the same contents returns the first complaint; with other contents it is a CONFLICT.
 */
export async function fileComplaint(
  db: PrismaClient,
  input: unknown,
  settings: ComplaintSettings,
  now: Date,
): Promise<Complaint> {
  const parsed = complaintSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw new BadUserInputError(`Invalid complaint: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`, {
      problems,
    });
  }
  const request = parsed.data;
  const fingerprint = requestFingerprint('fileComplaint', request);
  const find = () => db.complaint.findUnique({ where: { idempotencyKey: request.idempotencyKey } });
  return createOnce(request.idempotencyKey, fingerprint, find, async () => {
    const receiver = localCenterId(request.receivedBy);
    if (!receiver || !(await db.staff.findUnique({ where: { id: receiver } }))) {
      throw new NotFoundError(`No staff member "${request.receivedBy}".`, { field: 'receivedBy' });
    }
    const { about, ...subject } = await resolveSubject(db, request, settings.services);
    return db.$transaction(async (tx) => {
      const complaint = await tx.complaint.create({
        data: {
          idempotencyKey: request.idempotencyKey,
          fingerprint,
          ...subject,
          channel: request.channel,
          complainant: request.complainant,
          phone: request.phone ?? null,
          content: request.content,
          receivedBy: receiver,
          receivedAt: now,
        },
      });
      await tx.followUp.create({
        data: followUpRow(
          {
            source: 'COMPLAINT',
            sourceKey: `complaint:${complaint.id}`,
            complaintId: complaint.id,
            department: complaint.department,
            caseId: complaint.caseId,
            caseNumber: complaint.caseNumber,
            summary: `效能投诉（${about}）：${request.content}`,
          },
          now,
          settings.rectificationWorkingDays,
        ),
      });
      return complaint;
    });
  });
}
