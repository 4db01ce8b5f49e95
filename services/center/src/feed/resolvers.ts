import { BadUserInputError, checkPageSize } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { centerId } from '../ids.js';
import { storedList } from '@onewindow/runtime';
import { storedNotificationKind } from './notices.js';

/** Notifications to applicants, as the departments' change feeds made them. */
export const feedResolvers: Resolvers = {
  Query: {
    notifications: (_, { caseId, applicantId, first }, { db }) => {
      const take = checkPageSize(first, 50, 200);
      if (!caseId && !applicantId) throw new BadUserInputError('Give a caseId or an applicantId.');
      return db.notification.findMany({
        where: { ...(caseId ? { caseId } : {}), ...(applicantId ? { applicantId } : {}) },
        orderBy: { id: 'desc' },
        take,
      });
    },
  },
  Notification: {
    id: (notification) => centerId('notification', notification.id),
    kind: (notification) => storedNotificationKind(notification.kind),
    materials: (notification) => storedList(notification.materials),
    createdAt: (notification) => notification.createdAt.toISOString(),
  },
};
