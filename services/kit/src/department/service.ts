import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { findDepartment, serviceDir, subgraphTypeDefs, subgraphUrl, type DepartmentEntry } from '@onewindow/schema';
import { z } from 'zod';
import { bulkInsert, type TableRows } from '../db/bulk-insert.js';
import { bulkInsertPostgres } from '../db/bulk-insert-postgres.js';
import { databaseFile, openDatabase, type DatabaseProvider, type ServiceClient } from '../db/database.js';
import { POSTGRES_MIGRATIONS_DIR, isPostgresUrl } from '../db/postgres.js';
import { DEFAULT_BUSY_TIMEOUT_MS } from '../db/busy.js';
import type { StatementCounter } from '../db/statement-counter.js';
import { commonEnvSchema, loadEnv, portSchema, repoRoot } from '@onewindow/runtime';
import { createLogger, type Logger } from '@onewindow/runtime';
import { openReader } from '../db/reader.js';
import {
  AuditTrail,
  RateLimiter,
  auditKeyFrom,
  databaseUnreachableError,
  identityVerifierFrom,
  listenSubgraph,
  type RunningServer,
  type SubgraphHost,
} from '@onewindow/runtime';
import { writeTransaction } from '../db/busy.js';
import { isDatabaseUnreachable } from '../db/driver-errors.js';
import { checkProtectedFields, protectOwnFields } from './access/fields.js';
import { PersonalReads, personalReadsAudit } from './access/personal-reads.js';
import type { DepartmentAccess } from './access/policy.js';
import { expireIdempotencyRecords } from './lifecycle/engine.js';
import { mergeResolvers } from '@onewindow/runtime';
import { syncCatalog, type CatalogItem } from './catalog.js';
import type { DepartmentContext } from './context.js';
import { contractResolvers } from './contract-resolvers.js';
import { asKitDatabase } from './database.js';
import { CatalogCache, createContractLoaders } from './loaders.js';
import { applyDeemedAcceptance } from './lifecycle/deemed-acceptance.js';
import { SeededRandom } from './random.js';
import { generateDemoHistory, type SeededCase } from './seed.js';
import { applicantSecretEnv, withApplicantSecret } from '@onewindow/runtime';
import { calendarFollowEnv, startCalendarFollower, type CalendarPoll } from './calendar-follow/follower.js';

/**
 * What makes a department: everything else (contract resolvers, loaders, database, seeding,
 * serving) comes from the kit.
 */
export interface DepartmentDefinition<TClient extends ServiceClient, TOwnLoaders> {
  /** Registry code; the registry entry supplies names, prefix and port. */
  code: string;
  /**
   * The folder with its prisma.config.ts and prisma/migrations: services/<code>/, or the kit's for
   * a contract-only department (its migrations are the contract's alone).
   */
  serviceDir?: string;
  catalog: readonly CatalogItem[];
  /** Builds the department's generated Prisma client for the database's provider on the kit's adapter. */
  createClient: (adapter: SqlDriverAdapterFactory, provider: DatabaseProvider) => TClient;
  /** The department's own per-request loaders (for its own tables). */
  createOwnLoaders: (client: TClient) => TOwnLoaders;
  /** Resolvers of the department's own fields and types (typed by its generated resolver types). */
  resolvers: object;
  /**
   * The department's own demo rows (one table) for seeded cases, drawn from `rng` deterministically;
   * none for a department with no tables of its own.
   */
  ownDemoRows?: (cases: readonly SeededCase[], rng: SeededRandom) => TableRows;
  /** Share of demo applicants that are enterprises. */
  enterpriseShare: number;
  /** The department's own tightening of the kit's access policy (its protected fields, its refusals). */
  access?: DepartmentAccess;
}

const departmentEnvSchema = commonEnvSchema
  .extend({
    PORT: portSchema.optional(),
    DATA_DIR: z.string().default(`${repoRoot}.data`),
    /**
     * The department's PostgreSQL database (postgres://user:password@host:port/database), instead
     * of its SQLite file in DATA_DIR (which still holds its audit anchor).
     */
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    /** Demo cases seeded into an empty database: 400 in development, never any in production. */
    DEMO_CASES: z.coerce.number().int().min(0).max(1_000_000).optional(),
    /** 预警: an open case with at most this many working days left is flagged WARNING. */
    SUPERVISION_WARNING_DAYS: z.coerce.number().int().min(2).max(20).default(3),
    /** How often the §32 deemed-acceptance sweep runs. */
    DEEMED_ACCEPTANCE_SWEEP_MS: z.coerce
      .number()
      .int()
      .min(1000)
      .default(10 * 60 * 1000),
    /** How long a transition waits for a lock another connection holds on the database, then SERVICE_BUSY. */
    DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_BUSY_TIMEOUT_MS),
    /** Public tracking (`trackCase`): attempts per client and minute, as the center allows. */
    TRACKING_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    /** How long an idempotency key and its result are kept (the periodic sweep deletes older ones). */
    IDEMPOTENCY_RETENTION_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 365)
      .default(72),
    ...applicantSecretEnv,
    ...calendarFollowEnv,
  })
  .transform(withApplicantSecret)
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.DEMO_CASES)
      context.addIssue({
        code: 'custom',
        path: ['DEMO_CASES'],
        message: 'production never seeds demo data: leave DEMO_CASES unset (or 0)',
      });
  })
  .transform((config) => ({
    ...config,
    DEMO_CASES: config.DEMO_CASES ?? (config.NODE_ENV === 'production' ? 0 : 400),
  }));

/** What writing a department's demo history needs of its definition. */
export type DemoSource = Pick<
  DepartmentDefinition<ServiceClient, unknown>,
  'catalog' | 'ownDemoRows' | 'enterpriseShare'
>;

export interface RunningDepartment extends RunningServer {
  department: DepartmentEntry;
  /** SQL statements sent to the department's database so far. */
  statements: StatementCounter;
  /** Applies the §32 deemed-acceptance rule now (it also runs at start and periodically); returns how many cases it accepted. */
  sweepDeemedAcceptance: () => Promise<number>;
  /** Deletes the idempotency records older than IDEMPOTENCY_RETENTION_HOURS now (the periodic sweep does too); returns how many. */
  expireIdempotencyRecords: () => Promise<number>;
  /** Writes the queued audit records of reads now (they are written within a moment anyway). */
  flushAudit: () => Promise<void>;
  /** Reads the center's new calendar changes now and recomputes the deadlines they move (it also polls periodically). */
  pollCalendarOnce: () => Promise<CalendarPoll>;
}

/** The folder of a department's prisma.config.ts and migrations. */
export function definitionServiceDir(
  definition: Pick<DepartmentDefinition<ServiceClient, unknown>, 'code' | 'serviceDir'>,
): string {
  return definition.serviceDir ?? serviceDir(definition.code);
}

function entryOf(code: string): DepartmentEntry {
  const entry = findDepartment(code);
  if (!entry) throw new Error(`Department "${code}" is not in the registry (schema/src/registry.ts)`);
  return entry;
}

/** Where a department's data is: its SQLite file, or its PostgreSQL database when `url` is one. */
export interface DepartmentDatabase {
  file: string;
  url?: string | undefined;
}

/**
 * Writes a department's demo history (cases, events and its own rows) to its database.
 * The same department, count and `now` always write the same data.
 */
export async function writeDemoHistory(
  definition: DemoSource,
  department: DepartmentEntry,
  database: DepartmentDatabase,
  cases: number,
  now: Date,
  applicantSecret: string,
): Promise<{ cases: number; events: number }> {
  const history = generateDemoHistory({
    department,
    catalog: definition.catalog,
    cases,
    now,
    enterpriseShare: definition.enterpriseShare,
    applicantSecret,
  });
  const tables: TableRows[] = [
    { table: 'Case', rows: history.cases.map((c) => c.row) },
    { table: 'CaseEvent', rows: history.events },
    ...(definition.ownDemoRows
      ? [definition.ownDemoRows(history.cases, new SeededRandom(`${department.code}:own`))]
      : []),
  ];
  if (isPostgresUrl(database.url)) await bulkInsertPostgres(database.url, tables);
  else bulkInsert(database.file, tables);
  return { cases: history.cases.length, events: history.events.length };
}

/** Syncs the catalog, and seeds the demo history when the database has no cases; never touches existing cases. */
async function seedIfEmpty(
  definition: DemoSource,
  client: ServiceClient,
  department: DepartmentEntry,
  database: DepartmentDatabase,
  demoCases: number,
  now: Date,
  applicantSecret: string,
  logger: Logger,
): Promise<void> {
  const db = asKitDatabase(client);
  // Every start, not only the first: a county that upgrades gets the corrected catalog.
  const synced = await syncCatalog(db, definition.catalog);
  if (synced.length) logger.info({ items: synced }, 'catalog synced');
  if (demoCases === 0 || (await db.case.count()) > 0) return;
  const written = await writeDemoHistory(definition, department, database, demoCases, now, applicantSecret);
  logger.info(written, 'demo history seeded');
}

/**
 * Starts a department subgraph: validates the environment, migrates and (when new) seeds its
 * database, and serves the contract and its own SDL. `env` defaults to process.env.
 */
export async function startDepartment<TClient extends ServiceClient, TOwnLoaders>(
  definition: DepartmentDefinition<TClient, TOwnLoaders>,
  env: Record<string, string | undefined> = process.env,
  options: {
    /** Where "now" comes from: every rule that depends on time asks it. Tests move it. */
    clock?: () => Date;
    /** Serve at /<code>/graphql of this host, shared with other departments, instead of HOST:PORT. */
    sharedHost?: SubgraphHost;
  } = {},
): Promise<RunningDepartment> {
  const clock = options.clock ?? (() => new Date());
  const department = entryOf(definition.code);
  const config = loadEnv(departmentEnvSchema, env);
  if (config.DATABASE_URL && !existsSync(join(definitionServiceDir(definition), POSTGRES_MIGRATIONS_DIR)))
    throw new Error(
      `DATABASE_URL: department "${department.code}" has no PostgreSQL migrations (prisma/migrations-postgresql): ` +
        `run it on SQLite (no DATABASE_URL), or write them: npm run migration -- ${department.code} postgresql --postgresql`,
    );
  // Keys and secrets first: a start refused for them (production) opens nothing.
  const identity = await identityVerifierFrom(config);
  const auditKey = auditKeyFrom(config);
  const logger = createLogger(department.code, config.LOG_LEVEL);
  const database: DepartmentDatabase = {
    file: databaseFile(config.DATA_DIR, department.code),
    url: config.DATABASE_URL,
  };
  const statements: StatementCounter = { count: 0 };
  const client = await openDatabase({
    serviceDir: definitionServiceDir(definition),
    ...database,
    service: department.code,
    logger,
    createClient: definition.createClient,
    statements,
    busyTimeoutMs: config.DATABASE_BUSY_TIMEOUT_MS,
  });
  // The department's copy of the calendar is in force before anything computes a deadline.
  const calendarFollower = await startCalendarFollower({
    db: asKitDatabase(client),
    centerUrl: config.CENTER_URL ?? subgraphUrl('center', {}),
    pollMs: config.CALENDAR_POLL_MS,
    timeoutMs: config.CALENDAR_TIMEOUT_MS,
    clock,
    logger,
  });
  await seedIfEmpty(
    definition,
    client,
    department,
    database,
    config.DEMO_CASES,
    clock(),
    config.APPLICANT_ID_SECRET,
    logger,
  );
  const db = asKitDatabase(client);
  const audit = new AuditTrail({
    key: auditKey,
    applicantSecret: config.APPLICANT_ID_SECRET,
    transaction: (work) => writeTransaction(db, (tx) => work(tx.auditRecord)),
    anchorFile: join(config.DATA_DIR, `${department.code}.audit-anchor.json`),
    logger,
  });
  const sweepDeemedAcceptance = () => applyDeemedAcceptance(db, department, clock(), logger, audit);
  const retentionMs = config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000;
  const expireKeys = () => expireIdempotencyRecords(db, clock(), retentionMs);
  const sweep = async () => {
    await sweepDeemedAcceptance().catch((error: unknown) => logger.error({ err: error }, '§32 sweep failed'));
    await expireKeys().catch((error: unknown) => logger.error({ err: error }, 'expiring idempotency records failed'));
  };
  await sweep();
  const sweeper = setInterval(() => void sweep(), config.DEEMED_ACCEPTANCE_SWEEP_MS);
  sweeper.unref();
  const reader = openReader({ ...database, statements });
  const catalog = new CatalogCache(db, reader);
  const typeDefs = subgraphTypeDefs(department.code);
  const policy = definition.access ?? {};
  const protectedFields = policy.fields ?? {};
  checkProtectedFields(typeDefs, protectedFields, department.code);
  const trackingLimiter = new RateLimiter(config.TRACKING_ATTEMPTS_PER_MINUTE, 60_000);
  const server = await listenSubgraph<DepartmentContext<TOwnLoaders>>(
    {
      name: department.code,
      typeDefs,
      resolvers: mergeResolvers(
        contractResolvers(department),
        protectOwnFields(definition.resolvers as Record<string, unknown>, protectedFields, department.prefix),
      ),
      logger,
      identity,
      plugins: [personalReadsAudit(audit, department.code, clock)],
      databaseCheck: () => reader.all('SELECT 1', []),
      // Its database out of reach is the department unavailable, named, not an internal error.
      explainError: (error) => (isDatabaseUnreachable(error) ? databaseUnreachableError(department.code) : undefined),
      // The catalog and tracking by number and verification code; every case read needs an identity.
      publicAccess: {
        fields: ['department', 'items', 'item', 'trackCase'].map((field) => `${department.code}.${field}`),
        entityTypes: [`${department.prefix}Item`, `${department.prefix}Department`],
      },
      createContext: (base) => {
        const now = clock();
        return {
          ...base,
          department,
          db,
          reader,
          now,
          warningDays: config.SUPERVISION_WARNING_DAYS,
          applicantSecret: config.APPLICANT_ID_SECRET,
          loaders: createContractLoaders(db, reader, now, catalog),
          own: definition.createOwnLoaders(client),
          policy,
          personalReads: new PersonalReads(),
          audit,
          trackingLimiter,
        };
      },
    },
    options.sharedHost
      ? { sharedHost: options.sharedHost }
      : { host: config.HOST, port: config.PORT ?? department.port },
  );
  return {
    ...server,
    department,
    statements,
    sweepDeemedAcceptance,
    expireIdempotencyRecords: expireKeys,
    flushAudit: () => audit.flush(),
    pollCalendarOnce: calendarFollower.pollOnce,
    stop: async () => {
      clearInterval(sweeper);
      await calendarFollower.stop();
      await server.stop();
      await audit.close();
      await reader.close();
      await client.$disconnect();
    },
  };
}
