import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { findDepartment, serviceDir, subgraphTypeDefs, type DepartmentEntry } from '@onewindow/schema';
import { z } from 'zod';
import { databaseFile, openDatabase, type ServiceClient } from '../db/database.js';
import { commonEnvSchema, loadEnv, portSchema, repoRoot } from '../env.js';
import { createLogger, type Logger } from '../logger.js';
import { listenSubgraph, type RunningServer } from '../server/subgraph-server.js';
import { mergeResolvers } from '../server/merge-resolvers.js';
import type { CatalogItem } from './catalog.js';
import type { DepartmentContext } from './context.js';
import { contractResolvers } from './contract-resolvers.js';
import { asKitDatabase } from './database.js';
import { createContractLoaders } from './loaders.js';
import { SeededRandom } from './random.js';
import { seedCases, seedCatalog, type SeededCase } from './seed.js';

/**
 * What makes a department: everything else (contract resolvers, loaders, database, seeding,
 * serving) comes from the kit.
 */
export interface DepartmentDefinition<TClient extends ServiceClient, TOwnLoaders> {
  /** Registry code; the registry entry supplies names, prefix and port. */
  code: string;
  catalog: readonly CatalogItem[];
  /** Builds the department's generated Prisma client on the kit's adapter. */
  createClient: (adapter: PrismaBetterSQLite3) => TClient;
  /** The department's own per-request loaders (for its own tables). */
  createOwnLoaders: (client: TClient) => TOwnLoaders;
  /** Resolvers of the department's own fields and types (typed by its generated resolver types). */
  resolvers: object;
  /** Adds the department's own demo data for seeded cases, in the same deterministic way. */
  seedOwnData: (client: TClient, cases: readonly SeededCase[], rng: SeededRandom) => Promise<void>;
  /** Share of demo applicants that are enterprises. */
  enterpriseShare: number;
}

const departmentEnvSchema = commonEnvSchema.extend({
  PORT: portSchema.optional(),
  DATA_DIR: z.string().default(`${repoRoot}.data`),
  DEMO_CASES: z.coerce.number().int().min(0).max(1_000_000).default(400),
});

export interface RunningDepartment extends RunningServer {
  department: DepartmentEntry;
}

function entryOf(code: string): DepartmentEntry {
  const entry = findDepartment(code);
  if (!entry) throw new Error(`Department "${code}" is not in the registry (schema/src/registry.ts)`);
  return entry;
}

/** Seeds the catalog and the demo history when the database is new; never touches existing data. */
async function seedIfEmpty<TClient extends ServiceClient>(
  definition: DepartmentDefinition<TClient, unknown>,
  client: TClient,
  department: DepartmentEntry,
  demoCases: number,
  logger: Logger,
): Promise<void> {
  const db = asKitDatabase(client);
  if ((await db.item.count()) === 0) await seedCatalog(db, definition.catalog);
  if (demoCases === 0 || (await db.case.count()) > 0) return;
  const now = new Date();
  const cases = await seedCases(db, {
    department,
    catalog: definition.catalog,
    cases: demoCases,
    now,
    enterpriseShare: definition.enterpriseShare,
    logger,
  });
  await definition.seedOwnData(client, cases, new SeededRandom(`${department.code}:own`));
}

/**
 * Starts a department subgraph: validates the environment, migrates and (when new) seeds its
 * database, and serves the contract and its own SDL. `env` defaults to process.env.
 */
export async function startDepartment<TClient extends ServiceClient, TOwnLoaders>(
  definition: DepartmentDefinition<TClient, TOwnLoaders>,
  env: Record<string, string | undefined> = process.env,
): Promise<RunningDepartment> {
  const department = entryOf(definition.code);
  const config = loadEnv(departmentEnvSchema, env);
  const logger = createLogger(department.code, config.LOG_LEVEL);
  const client = await openDatabase({
    serviceDir: serviceDir(department.code),
    file: databaseFile(config.DATA_DIR, department.code),
    logger,
    createClient: definition.createClient,
  });
  await seedIfEmpty(definition as DepartmentDefinition<TClient, unknown>, client, department, config.DEMO_CASES, logger);
  const db = asKitDatabase(client);
  const server = await listenSubgraph<DepartmentContext<TOwnLoaders>>(
    {
      name: department.code,
      typeDefs: subgraphTypeDefs(department.code),
      resolvers: mergeResolvers(contractResolvers(department), definition.resolvers),
      logger,
      createContext: (base) => {
        const now = new Date();
        return {
          ...base,
          department,
          db,
          now,
          loaders: createContractLoaders(db, now),
          own: definition.createOwnLoaders(client),
        };
      },
    },
    config.HOST,
    config.PORT ?? department.port,
  );
  return {
    ...server,
    department,
    stop: async () => {
      await server.stop();
      await client.$disconnect();
    },
  };
}
