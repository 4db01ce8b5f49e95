import { checkPageSize } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';

/** The center's audit trail, read by auditors in chain order. */
export const auditResolvers: Resolvers = {
  Query: {
    auditRecords: (_, { after, first }, { db }) =>
      db.auditRecord.findMany({
        where: { seq: { gt: after ?? 0 } },
        orderBy: { seq: 'asc' },
        take: checkPageSize(first, 100, 500),
      }),
  },
};
