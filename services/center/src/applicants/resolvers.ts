import { NotFoundError } from '@onewindow/runtime';
import { maskIdNumber } from '@onewindow/kit';
import type { Inquiry } from '../__generated__/prisma/client.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { centerId, localCenterNumber, shownPerson } from '../ids.js';
import { closeInquiry, registerApplicant, takeInquiry } from './applicants.js';

/** Inquiries read, noted for the audit. */
function readInquiries<T extends Inquiry>(audit: RequestAudit, inquiries: T[]): T[] {
  for (const inquiry of inquiries) audit.read('inquiry', centerId('inquiry', inquiry.id));
  return inquiries;
}

/** Applicants registered at a window and their inquiries (首问负责): window staff only (access.ts). */
export const applicantsResolvers: Resolvers = {
  Query: {
    openInquiries: async (_, __, { db, actor, audit }) =>
      readInquiries(
        audit,
        await db.inquiry.findMany({ where: { ownerId: actor, status: 'OPEN' }, orderBy: { id: 'asc' } }),
      ),
  },
  Mutation: {
    registerApplicant: async (_, args, { db, audit, now }) => {
      const applicant = await registerApplicant(db, audit, args, now);
      // The answer shows the name and inquiries on record: a read of them, whoever registered first.
      audit.read('applicant', centerId('applicant', applicant.id));
      return applicant;
    },
    takeInquiry: (_, { applicantId, question }, { db, audit, actor, now }) => {
      const applicant = localCenterNumber(applicantId, 'applicant');
      if (applicant === null) throw new NotFoundError(`No applicant "${applicantId}".`);
      return takeInquiry(db, audit, { applicantId: applicant, question, ownerId: actor }, now);
    },
    closeInquiry: (_, { id, answer }, { db, audit, actor, now }) => {
      const inquiry = localCenterNumber(id, 'inquiry');
      if (inquiry === null) throw new NotFoundError(`No inquiry "${id}".`);
      return closeInquiry(db, audit, { id: inquiry, staff: actor, answer }, now);
    },
  },
  RegisteredApplicant: {
    id: (applicant) => centerId('applicant', applicant.id),
    idNumberMasked: (applicant) => maskIdNumber(applicant.idNumber),
    inquiries: async (applicant, _, { loaders, audit }) =>
      readInquiries(audit, await loaders.inquiriesByApplicant.load(applicant.id)),
  },
  Inquiry: {
    id: (inquiry) => centerId('inquiry', inquiry.id),
    ownerId: (inquiry) => shownPerson(inquiry.ownerId),
    createdAt: (inquiry) => inquiry.createdAt.toISOString(),
    closedAt: (inquiry) => inquiry.closedAt?.toISOString() ?? null,
  },
};
