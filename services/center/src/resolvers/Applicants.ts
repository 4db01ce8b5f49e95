import { toGlobalId } from '@onewindow/runtime';
import { maskIdNumber } from '@onewindow/kit';
import type { InquiryResolvers, RegisteredApplicantResolvers } from '../__generated__/resolvers-types.js';

export const RegisteredApplicant: RegisteredApplicantResolvers = {
  id: (applicant) => toGlobalId('center', `A${applicant.id}`),
  idNumberMasked: (applicant) => maskIdNumber(applicant.idNumber),
  inquiries: (applicant, _, { loaders }) => loaders.inquiriesByApplicant.load(applicant.id),
};

export const Inquiry: InquiryResolvers = {
  id: (inquiry) => toGlobalId('center', `Q${inquiry.id}`),
  ownerId: (inquiry) => toGlobalId('center', inquiry.ownerId),
  createdAt: (inquiry) => inquiry.createdAt.toISOString(),
  closedAt: (inquiry) => inquiry.closedAt?.toISOString() ?? null,
};
