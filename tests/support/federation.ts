import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  centerService,
  composeSupergraph,
  departments,
  hubService,
  subgraphNames,
  urlVariable,
} from '../../schema/src/index.js';
import { identitySignerFrom, type RunningServer } from '../../services/runtime/src/index.js';
import { startDepartment, type RunningDepartment } from '../../services/kit/src/index.js';
import { departmentDefinition } from '../../services/host/src/department-definitions.js';
import type { RunningCenter } from '../../services/center/src/server.js';
import type { RunningGateway } from '../../gateway/src/server.js';
import { centerPostgres, openCenterDatabase, type CenterDatabase } from './center-database.js';
import { departmentDatabaseEnv } from './department-database.js';

/** The real federation, every service in this process on a free port, with throwaway databases. */
export interface Federation {
  /** Hive Gateway (our gateway), with its default (JavaScript) query planner. */
  gateway: RunningGateway;
  /** The same as `gateway`: the JavaScript planner is the default. */
  jsGateway: RunningGateway;
  /**
   * Hive Gateway with its Rust query planner (GATEWAY_PLANNER=rust), kept in the comparisons to
   * see where it still differs (tests/reliability/differential.test.ts).
   */
  rustGateway: RunningGateway;
  /** @apollo/gateway serving the same supergraph over the same subgraphs, for comparison. */
  apolloGatewayUrl: string;
  /** Each running subgraph's URL by name (department codes, hub, center). */
  urls: Record<string, string>;
  /** Where the departments' databases are (`<code>.db`), and the center's unless on PostgreSQL. */
  dataDir: string;
  /** The center's database, read straight (its SQLite file, or PostgreSQL: center-database.ts). */
  centerDatabase: () => CenterDatabase;
  /** The center's PostgreSQL database, when this run puts it there (center-database.ts). */
  centerDatabaseUrl: string | undefined;
  /** The center, to make it read the departments' change feeds now. */
  center: RunningCenter;
  /** SQL statements each department has sent so far (to count executions). */
  statements: (department: string) => number;
  /** Starts a stopped department again, on its old port and database. */
  restartDepartment: (code: string) => Promise<void>;
  /** Stops one running service (a department, say) to simulate an outage. */
  stopService: (name: string) => Promise<void>;
  stop: () => Promise<void>;
}

/** The routers a federation can run in front of its subgraphs. */
export const ROUTERS = ['gateway', 'rustGateway', 'apolloGateway'] as const;
type Router = (typeof ROUTERS)[number];

/**
 * What a test may ask startFederation for: subgraphs (department codes, `hub`, `center`) and
 * routers. `SUBGRAPHS` is every subgraph, so `[...SUBGRAPHS, 'gateway']` is the whole graph behind
 * our gateway alone.
 */
export const SUBGRAPHS: readonly string[] = subgraphNames;

/**
 * Where a service that is not running is "reached": nothing listens there, so a request fails at
 * once, and never meets a service someone's `npm start` runs on the default ports.
 */
const NOWHERE = 'http://127.0.0.1:9/graphql';

export interface FederationOptions {
  /** Demo cases each department seeds; few keep the start quick. */
  demoCases?: number;
  clock?: () => Date;
  /** Given to every service. */
  env?: Record<string, string>;
  /**
   * The services to run; all of them (every subgraph and the three routers) unless given. A
   * router's supergraph then composes just the subgraphs running, and the hub's view just their
   * departments. The hub still fans out to every registered department, so a test with some
   * departments only must use what routes by ID (`case(id)`, the routed mutations), not lists.
   */
  services?: readonly string[];
}

/**
 * Boots the departments, the center, the hub and the gateways asked for (all by default) on
 * ephemeral ports. Asking the federation for a service it did not start throws, naming it.
 */
export async function startFederation(options: FederationOptions = {}): Promise<Federation> {
  const known: readonly string[] = [...SUBGRAPHS, ...ROUTERS];
  const wanted = new Set(options.services ?? known);
  const unknown = [...wanted].filter((name) => !known.includes(name));
  if (unknown.length) throw new Error(`startFederation: no service ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const runs = (name: string) => wanted.has(name);
  const clock = options.clock ? { clock: options.clock } : {};

  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-test-'));
  // Every subgraph is first "reached" NOWHERE: the departments start before the center (whose
  // calendar they follow), and a service not started must not be looked for on its default port.
  const base = {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DEMO_CASES: String(options.demoCases ?? 120),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [urlVariable(name), NOWHERE])),
    ...options.env,
  };
  const running = new Map<string, RunningServer>();
  const urls: Record<string, string> = {};
  const started = (name: string, server: RunningServer) => {
    running.set(name, server);
    urls[name] = server.url;
  };
  const urlEnv = () => Object.fromEntries(Object.entries(urls).map(([name, url]) => [urlVariable(name), url]));

  const codes = departments.map((d) => d.code).filter(runs);
  const subgraphs = await Promise.all(
    codes.map(async (code) => {
      const database = await departmentDatabaseEnv(dataDir, code);
      return [code, await startDepartment(await departmentDefinition(code), { ...base, ...database }, clock)] as const;
    }),
  );
  for (const [code, server] of subgraphs) started(code, server);
  if (runs(hubService.name)) {
    const { startHub } = await import('../../services/hub/src/server.js');
    started(hubService.name, await startHub({ ...base, ...urlEnv() }));
  }
  let center: RunningCenter | undefined;
  let centerDb: { url: string; stop: () => Promise<void> } | undefined;
  if (runs(centerService.name)) {
    // The center follows the departments' feeds and asks the hub for statistics.
    const { startCenter } = await import('../../services/center/src/server.js');
    // Without some departments its warnings would only say, at every read of the feeds, that those did not answer.
    const quiet = codes.length < departments.length && !options.env?.LOG_LEVEL ? { LOG_LEVEL: 'error' } : {};
    centerDb = await centerPostgres();
    const database = centerDb ? { DATABASE_URL: centerDb.url } : {};
    center = await startCenter({ ...base, ...urlEnv(), FEED_POLL_MS: '60000', ...quiet, ...database }, clock);
    started(centerService.name, center);
  }

  // The committed supergraph when every subgraph runs (the one deployments serve); else one of those running.
  const runningSubgraphs = SUBGRAPHS.filter(runs);
  let supergraphPath = committedSupergraphPath();
  if (runningSubgraphs.length < SUBGRAPHS.length && ROUTERS.some(runs)) {
    supergraphPath = join(dataDir, 'supergraph.graphql');
    writeFileSync(supergraphPath, composeSupergraph(runningSubgraphs).supergraphSdl);
  }
  const routerEnv = { ...base, ...urlEnv(), SUPERGRAPH_PATH: supergraphPath };
  const startRouter = async (router: Exclude<Router, 'apolloGateway'>) => {
    if (!runs(router)) return undefined;
    const { startGateway } = await import('../../gateway/src/server.js');
    return startGateway(router === 'rustGateway' ? { ...routerEnv, GATEWAY_PLANNER: 'rust' } : routerEnv);
  };
  const [gateway, rustGateway] = await Promise.all([startRouter('gateway'), startRouter('rustGateway')]);
  let apollo: { server: { stop: () => Promise<void> }; url: string } | undefined;
  if (runs('apolloGateway')) apollo = await startComparisonGateway(supergraphPath, urls);

  const restartDepartment = async (code: string) => {
    const port = new URL(urls[code]!).port;
    const database = await departmentDatabaseEnv(dataDir, code);
    const server = await startDepartment(await departmentDefinition(code), { ...base, ...database, PORT: port }, clock);
    running.set(code, server);
  };
  const stopService = async (name: string) => {
    await running.get(name)?.stop();
    running.delete(name);
  };
  /** A service the test did not ask for is a mistake in the test: say which. */
  const asked = <T>(name: string, service: T | undefined): T => {
    if (service !== undefined) return service;
    throw new Error(`This federation runs no ${name}: add '${name}' to startFederation's services.`);
  };
  return {
    get gateway() {
      return asked('gateway', gateway);
    },
    get jsGateway() {
      return asked('gateway', gateway);
    },
    get rustGateway() {
      return asked('rustGateway', rustGateway);
    },
    get apolloGatewayUrl() {
      return asked('apolloGateway', apollo).url;
    },
    get center() {
      return asked('center', center);
    },
    urls,
    dataDir,
    centerDatabase: () => openCenterDatabase(dataDir, centerDb?.url),
    centerDatabaseUrl: centerDb?.url,
    restartDepartment,
    statements: (department) => (running.get(department) as RunningDepartment | undefined)?.statements.count ?? 0,
    stopService,
    stop: async () => {
      await apollo?.server.stop();
      await Promise.all([gateway?.stop(), rustGateway?.stop()]);
      await Promise.all([...running.keys()].map(stopService));
      await centerDb?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** @apollo/gateway over the same supergraph and subgraphs, authenticating as our gateway does (apollo-gateway.ts). */
async function startComparisonGateway(supergraphPath: string, urls: Record<string, string>) {
  const [{ loadSupergraph }, { createUserTokenVerifier, userTokenDefaults }, { startApolloGateway }] =
    await Promise.all([
      import('../../gateway/src/supergraph.js'),
      import('../../gateway/src/identity/user-tokens.js'),
      import('./apollo-gateway.js'),
    ]);
  return startApolloGateway({
    supergraphSdl: loadSupergraph(supergraphPath, urls),
    verifyUserToken: createUserTokenVerifier({ NODE_ENV: 'test', ...userTokenDefaults }),
    signer: await identitySignerFrom('gateway', { NODE_ENV: 'test' }),
  });
}

function committedSupergraphPath(): string {
  return new URL('../../schema/supergraph.graphql', import.meta.url).pathname;
}
