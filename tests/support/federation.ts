import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { centerService, departments, hubService, subgraphNames, urlVariable } from '../../schema/src/index.js';
import { type RunningServer } from '../../services/runtime/src/index.js';
import { startDepartment, type DepartmentDefinition, type RunningDepartment, type ServiceClient } from '../../services/kit/src/index.js';
import { startCenter, type RunningCenter } from '../../services/center/src/server.js';
import { startHub } from '../../services/hub/src/server.js';
import { startGateway, type RunningGateway } from '../../gateway/src/server.js';
import { loadSupergraph } from '../../gateway/src/supergraph.js';

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
  /** Each subgraph's URL by name (department codes, hub, center). */
  urls: Record<string, string>;
  /** Where the departments' databases are (`<code>.db`). */
  dataDir: string;
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

async function loadDefinition(code: string): Promise<DepartmentDefinition<ServiceClient, unknown>> {
  const module = (await import(`../../services/${code}/src/department.ts`)) as Record<string, DepartmentDefinition<ServiceClient, unknown>>;
  const definition = module[code];
  if (!definition) throw new Error(`services/${code}/src/department.ts exports no "${code}"`);
  return definition;
}

/**
 * Boots every department, the center, the hub and the three gateways on ephemeral ports.
 * `demoCases` per department keeps the seeding quick; `env` is given to every service.
 */
export async function startFederation(
  options: { demoCases?: number; clock?: () => Date; env?: Record<string, string> } = {},
): Promise<Federation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-test-'));
  const base = {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DEMO_CASES: String(options.demoCases ?? 120),
    ...options.env,
  };
  const running = new Map<string, RunningServer>();
  const urls: Record<string, string> = {};

  const subgraphs = await Promise.all(
    departments.map(
      async (d) => [d.code, await startDepartment(await loadDefinition(d.code), base, options.clock ? { clock: options.clock } : {})] as const,
    ),
  );
  for (const [name, server] of subgraphs) {
    running.set(name, server);
    urls[name] = server.url;
  }
  const urlEnv = Object.fromEntries(Object.entries(urls).map(([name, url]) => [urlVariable(name), url]));
  const hub = await startHub({ ...base, ...urlEnv });
  running.set(hubService.name, hub);
  urls[hubService.name] = hub.url;
  // The center follows the departments' feeds and asks the hub for statistics.
  const center = await startCenter({ ...base, ...urlEnv, HUB_URL: hub.url, FEED_POLL_MS: '60000' }, options.clock ? { clock: options.clock } : {});
  running.set(centerService.name, center);
  urls[centerService.name] = center.url;

  const allUrls = Object.fromEntries(subgraphNames.map((name) => [urlVariable(name), urls[name]]));
  const [gateway, rustGateway] = await Promise.all([
    startGateway({ ...base, ...allUrls }),
    startGateway({ ...base, ...allUrls, GATEWAY_PLANNER: 'rust' }),
  ]);
  const apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: loadSupergraph(gatewaySupergraphPath(), urls) }) });
  const { url: apolloGatewayUrl } = await startStandaloneServer(apollo, { listen: { host: '127.0.0.1', port: 0 } });

  const restartDepartment = async (code: string) => {
    const port = new URL(urls[code]!).port;
    const server = await startDepartment(await loadDefinition(code), { ...base, PORT: port }, options.clock ? { clock: options.clock } : {});
    running.set(code, server);
  };
  const stopService = async (name: string) => {
    await running.get(name)?.stop();
    running.delete(name);
  };
  return {
    gateway,
    jsGateway: gateway,
    rustGateway,
    apolloGatewayUrl,
    urls,
    dataDir,
    center,
    restartDepartment,
    statements: (department) => (running.get(department) as RunningDepartment | undefined)?.statements.count ?? 0,
    stopService,
    stop: async () => {
      await apollo.stop();
      await Promise.all([gateway.stop(), rustGateway.stop()]);
      await Promise.all([...running.keys()].map(stopService));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function gatewaySupergraphPath(): string {
  return new URL('../../schema/supergraph.graphql', import.meta.url).pathname;
}
