import { BadUserInputError, checkPageSize, ErrorCode, NotFoundError, OnewindowError, toGlobalId } from '@onewindow/runtime';
import { currentWorkingCalendar } from '@onewindow/kit';
import { trackCase } from '../tracking/track-case.js';
import { catalogCoverage } from '../windows/coverage.js';
import type { NotificationKind, QueryResolvers } from '../__generated__/resolvers-types.js';
import { localCenterId, localCenterNumber } from '../ids.js';
import { followUpRates } from '../quality/rates.js';
import { BAD_GRADES } from '../quality/grades.js';
import { stagesBeforeDue } from '../quality/follow-ups.js';
import { calendarWarnings } from '../calendar/calendar.js';
import { jointApplications } from '../joint/list.js';

export const Query: QueryResolvers = {
  windows: (_, __, { db }) => db.serviceWindow.findMany({ orderBy: { id: 'asc' } }),
  window: async (_, { id }, { loaders }) => {
    const local = localCenterId(id);
    const window = local === null ? null : await loaders.windowById.load(local);
    if (!window) throw new NotFoundError(`No window "${id}".`, { id });
    return window;
  },
  staff: (_, __, { db }) => db.staff.findMany({ orderBy: { id: 'asc' } }),
  openInquiries: (_, { staffId }, { db }) => {
    const staff = localCenterId(staffId);
    if (!staff) throw new NotFoundError(`No staff member "${staffId}".`);
    return db.inquiry.findMany({ where: { ownerId: staff, status: 'OPEN' }, orderBy: { id: 'asc' } });
  },
  catalogCoverage: (_, __, { db, departmentUrls }) => catalogCoverage(db, departmentUrls),
  fastTracks: (_, { overdueOnly }, { db, now }) =>
    db.fastTrack.findMany({ where: overdueOnly ? { completedAt: null, dueDate: { lt: now() } } : {}, orderBy: { id: 'desc' } }),
  complaints: (_, { department, first }, { db }) =>
    db.complaint.findMany({ where: department ? { department } : {}, orderBy: { id: 'desc' }, take: checkPageSize(first, 50, 200) }),
  evaluations: (_, { department, badOnly, first }, { db }) =>
    db.evaluation.findMany({
      where: { ...(department ? { department } : {}), ...(badOnly ? { grade: { in: [...BAD_GRADES] } } : {}) },
      orderBy: { id: 'desc' },
      take: checkPageSize(first, 50, 200),
    }),
  followUps: (_, { department, openOnly, overdueOnly, first }, { db, now }) =>
    db.followUp.findMany({
      where: {
        ...(department ? { department } : {}),
        ...(openOnly ? { stage: { not: 'CLOSED' } } : {}),
        // Open past the deadline, still before the step it covers (isFollowUpOpenPastDue).
        ...(overdueOnly
          ? {
              dueAt: { lt: now() },
              OR: ['RECTIFICATION', 'FEEDBACK'].map((dueCovers) => ({ dueCovers, stage: { in: [...stagesBeforeDue(dueCovers)] } })),
            }
          : {}),
      },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: checkPageSize(first, 50, 200),
    }),
  followUp: async (_, { id }, { db }) => {
    const local = localCenterNumber(id, 'U');
    const found = local === null ? null : await db.followUp.findUnique({ where: { id: local } });
    if (!found) throw new NotFoundError(`No follow-up "${id}".`, { id });
    return found;
  },
  followUpRates: (_, { month }, { db, now }) => followUpRates(db, month, now()),
  calendarYear: (_, { year }) => {
    if (!Number.isInteger(year) || year < 1901 || year > 2099) throw new BadUserInputError('year must be between 1901 and 2099.', { argument: 'year' });
    return currentWorkingCalendar().year(year);
  },
  calendarChanges: (_, { after, first }, { db }) =>
    db.calendarChange.findMany({ where: { id: { gt: after ?? 0 } }, orderBy: { id: 'asc' }, take: checkPageSize(first, 50, 200) }),
  calendarWarnings: (_, __, { now }) => calendarWarnings(currentWorkingCalendar(), now()),
  trackCase: async (_, { number, verificationCode }, { departmentUrls, trackingLimiter, clientAddress }) => {
    if (!trackingLimiter.take(clientAddress)) {
      throw new OnewindowError(ErrorCode.RATE_LIMITED, 'Too many tracking attempts; wait a minute and try again.');
    }
    return trackCase(departmentUrls, number, verificationCode) as never;
  },
  bulletin: async (_, { month, version }, { db }) => {
    const found = await db.bulletin.findFirst({ where: { month, ...(version != null ? { version } : {}) }, orderBy: { version: 'desc' } });
    if (!found) throw new NotFoundError(`No bulletin for ${month}${version != null ? ` version ${version}` : ''}.`, { month });
    return found;
  },
  jointApplication: async (_, { id }, { loaders }) => {
    const local = localCenterNumber(id, 'J');
    const joint = local === null ? null : await loaders.jointApplicationById.load(local);
    if (!joint) throw new NotFoundError(`No joint application "${id}".`, { id });
    return joint;
  },
  jointApplications: (_, { supervisionLevels, openOnly, first }, { db, now, warningDays }) =>
    jointApplications(db, { levels: supervisionLevels ?? null, openOnly: openOnly ?? true, first: checkPageSize(first, 50, 200) }, now(), warningDays),
  notifications: async (_, { caseId, applicantId, first }, { db }) => {
    const take = checkPageSize(first, 50, 200);
    if (!caseId && !applicantId) throw new BadUserInputError('Give a caseId or an applicantId.');
    const rows = await db.notification.findMany({
      where: { ...(caseId ? { caseId } : {}), ...(applicantId ? { applicantId } : {}) },
      orderBy: { id: 'desc' },
      take,
    });
    return rows.map((row) => ({
      ...row,
      id: toGlobalId('center', `N${row.id}`),
      kind: row.kind as NotificationKind,
      materials: row.materials ? (JSON.parse(row.materials) as string[]) : [],
      createdAt: row.createdAt.toISOString(),
    }));
  },
};
