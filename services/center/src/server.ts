import { departments, serviceDir, subgraphTypeDefs } from '@onewindow/schema';
import {
  RateLimiter,
  ServiceClient,
  createLogger,
  identityVerifierFrom,
  listenSubgraph,
  type RunningServer,
} from '@onewindow/runtime';
import { databaseFile, openDatabase, useWorkingCalendar } from '@onewindow/kit';
import { loadCenterCalendar } from './calendar/calendar.js';
import { PrismaClient } from './__generated__/prisma/client.js';
import type { CenterContext } from './context.js';
import { loadCenterEnv } from './env.js';
import { createLoaders } from './loaders.js';
import { seedHall } from './windows/seed.js';
import { followDepartments } from './feed/follower.js';
import { centerResolvers, feedHandlers } from './modules.js';
import { dispatchPending } from './joint/dispatch.js';
import { settleJointApplications } from './joint/limit.js';

export interface RunningCenter extends RunningServer {
  /** Reads every department's change feed to its end now. */
  followFeedsNow: () => Promise<unknown>;
}

/**
 * Starts the center subgraph: migrates its database, lays out the hall when new, serves, and
 * follows every department's change feed.
 */
export async function startCenter(
  env: Record<string, string | undefined> = process.env,
  options: { clock?: () => Date } = {},
): Promise<RunningCenter> {
  const config = loadCenterEnv(env);
  const clock = options.clock ?? (() => new Date());
  const logger = createLogger('center', config.LOG_LEVEL);
  const db = await openDatabase({
    serviceDir: serviceDir('center'),
    file: databaseFile(config.DATA_DIR, 'center'),
    logger,
    createClient: (adapter) => new PrismaClient({ adapter }),
  });
  if ((await db.serviceWindow.count()) === 0) await seedHall(db);
  // The calendar years entered at the center, over the ones shipped with the software.
  useWorkingCalendar(await loadCenterCalendar(db));
  // One client for requests and background work alike: its connections stay open between calls. A call that
  // may wait longer than a lookup (a submission, a feed page, the bulletin's statistics) says so itself.
  const services = new ServiceClient({
    urls: { ...config.departmentUrls, hub: config.hubUrl },
    timeoutMs: 5000,
    logger,
  });
  const trackingLimiter = new RateLimiter(config.TRACKING_ATTEMPTS_PER_MINUTE, 60_000);
  const dispatchJointParts = () => dispatchPending(db, services, logger, clock);
  const server = await listenSubgraph<CenterContext>(
    {
      name: 'center',
      typeDefs: subgraphTypeDefs('center'),
      resolvers: centerResolvers,
      logger,
      identity: await identityVerifierFrom(config),
      // Tracking and grading one's case by number and code, and the working-day calendar (public law).
      publicAccess: {
        fields: ['trackCase', 'evaluateCase', 'calendarYear', 'calendarChanges', 'calendarWarnings'],
      },
      createContext: (base) => ({
        ...base,
        db,
        loaders: createLoaders(db),
        dispatchJointParts,
        services,
        trackingLimiter,
        now: clock(),
        rectificationWorkingDays: config.RECTIFICATION_WORKING_DAYS,
        warningDays: config.SUPERVISION_WARNING_DAYS,
        jointLimits: config.JOINT_LIMIT_WORKING_DAYS,
      }),
    },
    config.HOST,
    config.PORT,
  );
  const handlers = feedHandlers({
    db,
    services,
    logger,
    clock,
    rectificationWorkingDays: config.RECTIFICATION_WORKING_DAYS,
  });
  const follower = followDepartments(
    { db, departments, services, logger, start: config.FEED_START, clock, handlers },
    config.FEED_POLL_MS,
    // After each read of the feeds: parts released by approvals, parts whose department was down, and
    // the conclusion of applications whose last part concluded.
    async () => {
      await dispatchJointParts();
      await settleJointApplications(db, clock());
    },
  );
  return {
    url: server.url,
    followFeedsNow: follower.pollOnce,
    stop: async () => {
      await follower.stop();
      await server.stop();
      await db.$disconnect();
    },
  };
}
