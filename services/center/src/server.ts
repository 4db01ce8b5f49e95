import { join } from 'node:path';
import { departments, serviceDir, subgraphTypeDefs } from '@onewindow/schema';
import {
  AuditTrail,
  RateLimiter,
  ServiceClient,
  auditKeyFrom,
  createLogger,
  databaseUnreachableError,
  identitySignerFrom,
  identityVerifierFrom,
  listenSubgraph,
  type AuditEntry,
  type RunningServer,
} from '@onewindow/runtime';
import {
  actingCaller,
  databaseFile,
  isDatabaseUnreachable,
  openDatabase,
  sameModelsClient,
  useWorkingCalendar,
  writeTransaction,
} from '@onewindow/kit';
import { PUBLIC_FIELDS } from './access.js';
import { RequestAudit, auditReadsPlugin } from './audit/request-audit.js';
import { loadCenterCalendar } from './calendar/calendar.js';
import { PrismaClient } from './__generated__/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from './__generated__/prisma-postgresql/client.js';
import type { CenterContext } from './context.js';
import { loadCenterEnv } from './env.js';
import { createLoaders } from './loaders.js';
import { seedHall } from './windows/seed.js';
import { followDepartments } from './feed/follower.js';
import { centerResolvers, feedHandlers } from './modules.js';
import { dispatchPending } from './joint/dispatch.js';
import { settleJointApplications } from './joint/limit.js';
import { asCenterSignedBy } from './service-identity.js';
import { watchOverdueFollowUps } from './quality/rates.js';

export interface RunningCenter extends RunningServer {
  /** Reads every department's change feed to its end now. */
  followFeedsNow: () => Promise<unknown>;
}

/**
 * Starts the center subgraph: migrates its database, lays out the demo hall when new (not in
 * production), serves, and follows every department's change feed as itself.
 */
export async function startCenter(
  env: Record<string, string | undefined> = process.env,
  options: { clock?: () => Date } = {},
): Promise<RunningCenter> {
  const config = loadCenterEnv(env);
  // Keys and secrets first: a start refused for them (production) opens nothing.
  const identity = await identityVerifierFrom(config);
  const auditKey = auditKeyFrom(config);
  const signer = await identitySignerFrom('center', config);
  const clock = options.clock ?? (() => new Date());
  const logger = createLogger('center', config.LOG_LEVEL);
  const db = await openDatabase({
    serviceDir: serviceDir('center'),
    file: databaseFile(config.DATA_DIR, 'center'),
    url: config.DATABASE_URL,
    logger,
    createClient: (adapter, provider) =>
      provider === 'postgresql'
        ? sameModelsClient<PrismaClient>(new PostgresPrismaClient({ adapter }))
        : new PrismaClient({ adapter }),
  });
  // The demo hall (three comprehensive windows, one per department, staff with made-up names) is for
  // development and tests. In production it is left empty rather than filled with people who do not
  // exist: a county's windows and staff are its own to lay out (there is no API for it yet), and
  // nothing needs the hall but what names a window or a member of staff (a complaint, a window grade).
  // Who may do what never depends on it: that is the verified identity's role.
  if (config.NODE_ENV !== 'production' && (await db.serviceWindow.count()) === 0) await seedHall(db);
  // The calendar years entered at the center, over the ones shipped with the software.
  useWorkingCalendar(await loadCenterCalendar(db));
  // One client for requests and background work alike: its connections stay open between calls. A call that
  // may wait longer than a lookup (a submission, a feed page, the bulletin's statistics) says so itself.
  const services = new ServiceClient({
    urls: { ...config.departmentUrls, hub: config.hubUrl },
    timeoutMs: 5000,
    logger,
    caller: 'center',
  });
  const trackingLimiter = new RateLimiter(config.TRACKING_ATTEMPTS_PER_MINUTE, 60_000);
  // The center's own calls (feeds, joint parts) carry its own token; a user's request carries theirs.
  const asCenter = asCenterSignedBy(signer);
  const trail = new AuditTrail({
    key: auditKey,
    applicantSecret: config.APPLICANT_ID_SECRET,
    transaction: (work) => writeTransaction(db, (tx) => work(tx.auditRecord)),
    anchorFile: join(config.DATA_DIR, 'center.audit-anchor.json'),
    logger,
  });
  const recordOwnWrite = (entry: AuditEntry) => trail.record(entry);
  // Joint parts always go as the center, also when a user's request sets them going.
  const dispatchJointParts = () => dispatchPending(db, { services, logger, clock, asCenter, audit: recordOwnWrite });
  watchOverdueFollowUps(db, clock);
  const server = await listenSubgraph<CenterContext>(
    {
      name: 'center',
      typeDefs: subgraphTypeDefs('center'),
      resolvers: centerResolvers,
      logger,
      identity,
      plugins: [auditReadsPlugin<CenterContext>()],
      databaseCheck: () => db.$queryRaw`SELECT 1`,
      explainError: (error) => (isDatabaseUnreachable(error) ? databaseUnreachableError('center') : undefined),
      // Tracking and grading one's case by number and code, and the working-day calendar (public law).
      publicAccess: { fields: PUBLIC_FIELDS },
      createContext: (base) => ({
        ...base,
        db,
        loaders: createLoaders(db),
        // Recorded as the departments record it: `role:sub`, an applicant by Applicant.id, a service by name.
        actor: actingCaller(base.identity, config.APPLICANT_ID_SECRET).owner,
        applicantSecret: config.APPLICANT_ID_SECRET,
        audit: new RequestAudit(trail, base.identity),
        dispatchJointParts,
        services,
        trackingLimiter,
        now: clock(),
        rectificationWorkingDays: config.RECTIFICATION_WORKING_DAYS,
        warningDays: config.SUPERVISION_WARNING_DAYS,
        jointLimits: config.JOINT_LIMIT_WORKING_DAYS,
      }),
    },
    { host: config.HOST, port: config.PORT },
  );
  const handlers = feedHandlers({
    db,
    services,
    logger,
    clock,
    rectificationWorkingDays: config.RECTIFICATION_WORKING_DAYS,
    asCenter,
    audit: recordOwnWrite,
  });
  const follower = followDepartments(
    {
      db,
      departments,
      services,
      logger,
      start: config.FEED_START,
      clock,
      handlers,
      asCenter,
      audit: recordOwnWrite,
    },
    config.FEED_POLL_MS,
    // After each read of the feeds: parts released by approvals, parts whose department was down, and
    // the conclusion of applications whose last part concluded.
    async () => {
      await dispatchJointParts();
      await settleJointApplications(db, clock(), recordOwnWrite);
    },
  );
  return {
    url: server.url,
    followFeedsNow: follower.pollOnce,
    stop: async () => {
      await follower.stop();
      await server.stop();
      // What is queued is written, and the anchor follows the chain's last record.
      await trail.close();
      await db.$disconnect();
    },
  };
}
