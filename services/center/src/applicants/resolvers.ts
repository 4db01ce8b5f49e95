import { NotFoundError } from '@onewindow/runtime';
import { maskIdNumber } from '@onewindow/kit';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { centerId, centerKeyId, localCenterId, localCenterNumber } from '../ids.js';
import { closeInquiry, registerApplicant, takeInquiry } from './applicants.js';

/** Applicants registered at a window and their inquiries (首问负责). */
export const applicantsResolvers: Resolvers = {
  Query: {
    openInquiries: (_, { staffId }, { db }) => {
      const staff = localCenterId(staffId);
      if (!staff) throw new NotFoundError(`No staff member "${staffId}".`);
      return db.inquiry.findMany({ where: { ownerId: staff, status: 'OPEN' }, orderBy: { id: 'asc' } });
    },
  },
  Mutation: {
    registerApplicant: (_, args, { db, now }) => registerApplicant(db, args, now),
    takeInquiry: (_, { applicantId, question, staffId }, { db, now }) => {
      const applicant = localCenterNumber(applicantId, 'applicant');
      const staff = localCenterId(staffId);
      if (applicant === null || !staff) throw new NotFoundError('Unknown applicant or staff member.');
      return takeInquiry(db, applicant, question, staff, now);
    },
    closeInquiry: (_, { id, staffId, answer }, { db, now }) => {
      const inquiry = localCenterNumber(id, 'inquiry');
      const staff = localCenterId(staffId);
      if (inquiry === null || !staff) throw new NotFoundError('Unknown inquiry or staff member.');
      return closeInquiry(db, inquiry, staff, answer, now);
    },
  },
  RegisteredApplicant: {
    id: (applicant) => centerId('applicant', applicant.id),
    idNumberMasked: (applicant) => maskIdNumber(applicant.idNumber),
    inquiries: (applicant, _, { loaders }) => loaders.inquiriesByApplicant.load(applicant.id),
  },
  Inquiry: {
    id: (inquiry) => centerId('inquiry', inquiry.id),
    ownerId: (inquiry) => centerKeyId(inquiry.ownerId),
    createdAt: (inquiry) => inquiry.createdAt.toISOString(),
    closedAt: (inquiry) => inquiry.closedAt?.toISOString() ?? null,
  },
};
