import { mergeResolvers, type AuditEntry, type Logger, type ServiceClient } from '@onewindow/runtime';
import type { PrismaClient } from './__generated__/prisma/client.js';
import type { Resolvers } from './__generated__/resolvers-types.js';
import { guardRootFields } from './access.js';
import { applicantsResolvers } from './applicants/resolvers.js';
import { auditResolvers } from './audit/resolvers.js';
import { bulletinResolvers } from './bulletin/resolvers.js';
import { calendarResolvers } from './calendar/resolvers.js';
import { fastTrackResolvers } from './fast-track/resolvers.js';
import type { FeedHandler } from './feed/handlers.js';
import { applicantNotices } from './feed/notices.js';
import { feedResolvers } from './feed/resolvers.js';
import { jointFeedHandler } from './joint/feed-handler.js';
import { jointResolvers } from './joint/resolvers.js';
import { lateConclusionFollowUps } from './quality/feed-handler.js';
import { qualityResolvers } from './quality/resolvers.js';
import { trackingResolvers } from './tracking/resolvers.js';
import type { AsCenter } from './service-identity.js';
import { windowsResolvers } from './windows/resolvers.js';

/**
 * Each module's resolvers: its types and its own Query and Mutation fields. Its SDL is
 * src/<module>/<module>.graphql (schema/src `centerModules` joins them).
 */
export const moduleResolvers: Record<string, Resolvers> = {
  feed: feedResolvers,
  tracking: trackingResolvers,
  applicants: applicantsResolvers,
  windows: windowsResolvers,
  'fast-track': fastTrackResolvers,
  bulletin: bulletinResolvers,
  joint: jointResolvers,
  quality: qualityResolvers,
  calendar: calendarResolvers,
  audit: auditResolvers,
};

/**
 * The center's resolvers: every module's, merged type by type, each root field behind its row of
 * the access policy (access.ts).
 */
export const centerResolvers = guardRootFields(mergeResolvers(...Object.values(moduleResolvers)));

/** What the feed handlers need from the service. */
export interface FeedHandlerSettings {
  db: PrismaClient;
  services: ServiceClient;
  logger: Logger;
  /** The center's clock (tests move it). */
  clock: () => Date;
  rectificationWorkingDays: number;
  /** Runs calls to the departments as the center itself (a joint part sent again). */
  asCenter: AsCenter;
  /** Records the center's own writes in the audit trail. */
  audit: (entry: AuditEntry) => void;
}

/**
 * The modules that react to the departments' change feeds: the applicant's notices (feed), joint
 * applications moving on (joint), and rectifications of late decisions (quality). Their writes
 * commit in this order, each page's together with the moved cursor.
 */
export const feedHandlers = (settings: FeedHandlerSettings): FeedHandler[] => [
  applicantNotices(settings),
  jointFeedHandler(settings),
  lateConclusionFollowUps(settings),
];
