import { z } from 'zod';
import { findDepartment } from '@onewindow/schema';
import {
  BadUserInputError,
  NotFoundError,
  requestFingerprint,
  type Identity,
  type ServiceClient,
} from '@onewindow/runtime';
import { writeTransaction } from '@onewindow/kit';
import type { Complaint, PrismaClient } from '../__generated__/prisma/client.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { findDepartmentCase } from '../case-reference.js';
import { createOnce } from '../idempotent.js';
import { centerId, localCenterId } from '../ids.js';
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
  })
  .refine((c) => [c.department, c.caseId, c.windowId].filter(Boolean).length === 1, {
    path: ['department'],
    message: 'give exactly one of department, caseId and windowId: what the complaint is about',
  });

export interface ComplaintSettings {
  services: ServiceClient;
  rectificationWorkingDays: number;
}

/** Who files a complaint: the verified caller, as recorded (`actor`: the key's owner and `receivedBy`). */
export interface ComplaintCaller {
  identity: Identity;
  actor: string;
  audit: RequestAudit;
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
 * Records a complaint (效能投诉) and opens its follow-up in one transaction: received at a window
 * by the clerk calling, or filed online by the applicant calling, in their own name. The same key
 * with the same contents returns the first complaint; with other contents it is a CONFLICT. Keys
 * are each caller's own.
 */
export async function fileComplaint(
  db: PrismaClient,
  input: unknown,
  settings: ComplaintSettings,
  caller: ComplaintCaller,
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
  if (caller.identity.role === 'applicant' && request.channel !== 'ONLINE') {
    throw new BadUserInputError('An applicant files a complaint themselves online: channel must be ONLINE.', {
      field: 'channel',
    });
  }
  const fingerprint = requestFingerprint('fileComplaint', request);
  const owner = caller.actor;
  const find = () =>
    db.complaint.findUnique({ where: { owner_idempotencyKey: { owner, idempotencyKey: request.idempotencyKey } } });
  return createOnce(request.idempotencyKey, fingerprint, find, async () => {
    // A case complained about is looked up as the caller: an applicant's own case only.
    const { about, ...subject } = await resolveSubject(db, request, settings.services);
    return writeTransaction(db, async (tx) => {
      const complaint = await tx.complaint.create({
        data: {
          owner,
          idempotencyKey: request.idempotencyKey,
          fingerprint,
          ...subject,
          channel: request.channel,
          complainant: request.complainant,
          phone: request.phone ?? null,
          content: request.content,
          receivedBy: owner,
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
      await caller.audit.write(tx, 'fileComplaint', centerId('complaint', complaint.id), {
        subject: subject.subject,
        department: complaint.department,
      });
      return complaint;
    });
  });
}
