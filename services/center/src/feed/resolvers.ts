import { findDepartment } from '@onewindow/schema';
import { BadUserInputError, ForbiddenError, checkPageSize, parseGlobalId, storedList } from '@onewindow/runtime';
import type { Notification, Prisma } from '../__generated__/prisma/client.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { applicantIdsOf, departmentOf, requireGrant } from '../access.js';
import type { RequestAudit } from '../audit/request-audit.js';
import type { CenterContext } from '../context.js';
import { centerId } from '../ids.js';
import { storedNotificationKind } from './notices.js';

/** Notifications read: what applicants were told is theirs, so each read is audited. */
export function readNotifications(audit: RequestAudit, notifications: Notification[]): Notification[] {
  for (const notification of notifications) audit.read('notification', centerId('notification', notification.id));
  return notifications;
}

/**
 * The notifications the caller may read (access.ts): an applicant their own (by the IDs their ID
 * number has), an officer or chief their department's; window staff and supervisors look up
 * any case's or applicant's, so they must say which.
 */
function scope(
  { identity, applicantSecret }: CenterContext,
  asked: { caseId?: string | null; applicantId?: string | null },
): Prisma.NotificationWhereInput {
  const given = {
    ...(asked.caseId ? { caseId: asked.caseId } : {}),
    ...(asked.applicantId ? { applicantId: asked.applicantId } : {}),
  };
  switch (requireGrant(identity, 'notifications')) {
    case 'own':
      return { ...given, AND: [{ applicantId: { in: applicantIdsOf(identity, applicantSecret) } }] };
    case 'department': {
      const own = departmentOf(identity);
      // Another department's case is refused outright; a center ID (a joint application's) is filtered.
      const of = asked.caseId ? parseGlobalId(asked.caseId).department : null;
      if (of && of !== own && findDepartment(of))
        throw new ForbiddenError(`An ${identity.role} of ${own} may not read the notifications of ${of}'s cases.`, {
          department: of,
        });
      return { ...given, department: own };
    }
    default:
      if (!asked.caseId && !asked.applicantId) throw new BadUserInputError('Give a caseId or an applicantId.');
      return given;
  }
}

/** Notifications to applicants, as the departments' change feeds made them. */
export const feedResolvers: Resolvers = {
  Query: {
    notifications: async (_, { caseId, applicantId, first }, context) => {
      const take = checkPageSize(first, 50, 200);
      const where = scope(context, { caseId, applicantId });
      return readNotifications(
        context.audit,
        await context.db.notification.findMany({ where, orderBy: { id: 'desc' }, take }),
      );
    },
  },
  Notification: {
    id: (notification) => centerId('notification', notification.id),
    kind: (notification) => storedNotificationKind(notification.kind),
    materials: (notification) => storedList(notification.materials),
    createdAt: (notification) => notification.createdAt.toISOString(),
  },
};
