/**
 * Counties of 20 and 40 departments against one of 5, holding the same cases in all (skewed:
 * bench/departments.ts), each hosted two ways: a process per department, or every department in
 * one process (services/host). The five-department county stays up the whole time and is asked
 * in turn with each larger one, so each ratio is measured side by side. Each county's answers are
 * checked against its own centralized database (every measure, every ID in order).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { departments } from '../schema/src/index.js';
import { buildCentralizedDatabase, centralizedDatabaseIsCurrent } from './centralized/build.js';
import { ensureData, type BenchData } from './data.js';
import type { BenchIdentity } from './identity.js';
import { interleavedLatency, type Latency, type RecordFigure } from './measure.js';
import {
  CENTRAL_DASHBOARD,
  CENTRAL_TOP50,
  DASHBOARD,
  TOP50,
  dashboardStart,
  sameDashboard,
  sameTop50,
} from './queries.js';
import { freePorts, Stack } from './stack.js';

const root = fileURLToPath(new URL('../', import.meta.url));

export type Hosting = 'processes' | 'one-process';

interface County {
  label: string;
  data: BenchData;
  stack: Stack;
  gateway: string;
  central: string;
  hubLog: string;
  /** The processes of the federation (departments or their host, the center, the hub, the gateway). */
  federation: string[];
}

/** The county's departments in the registry's order: the built-in ones, then the generated ones. */
const registryOrder = (data: BenchData) => [
  ...departments.map((d) => d.code).filter((code) => data.county.codes.includes(code)),
  ...data.county.codes.filter((code) => !departments.some((d) => d.code === code)),
];

/** The supergraph the county's gateway serves: the committed one, or one composed with its generated departments. */
function supergraphOf(data: BenchData): string {
  if (!data.county.contractDepartmentsFile) return `${root}schema/supergraph.graphql`;
  const file = `${data.dir}/supergraph.graphql`;
  execFileSync(process.execPath, ['--import', 'tsx', 'schema/src/compose-cli.ts', '--out', file], {
    cwd: root,
    env: { ...process.env, ...data.env },
    stdio: 'ignore',
  });
  return file;
}

async function startCounty(identity: BenchIdentity, data: BenchData, hosting: Hosting): Promise<County> {
  const label = `${data.county.codes.length} departments, ${hosting === 'processes' ? 'a process each' : 'one process'}`;
  const centralFile = `${data.dir}/centralized.db`;
  if (!centralizedDatabaseIsCurrent(centralFile)) buildCentralizedDatabase(data.dir, centralFile, registryOrder(data));
  const stack = new Stack(identity);
  process.once('exit', () => void stack.stop());
  const hubLog = `${data.dir}/hub-${hosting}.log`;
  rmSync(hubLog, { force: true });
  try {
    // The center reads the feeds once a minute: its polling is not what a request costs.
    const urlEnv = await stack.startSubgraphs(data, hosting, { FEED_POLL_MS: '60000' }, hubLog);
    const [gatewayPort, centralPort] = await freePorts(2);
    const gateway = await stack.start('gateway', 'gateway/src/index.ts', gatewayPort!, {
      ...urlEnv,
      ...identity.gatewayEnv,
      DATA_DIR: `${data.dir}/gateway-${hosting}`,
      SUPERGRAPH_PATH: supergraphOf(data),
    });
    const central = await stack.start('central', 'bench/centralized/server.ts', centralPort!, {
      CENTRAL_DB: centralFile,
    });
    const federation = Object.keys(stack.processes).filter((name) => name !== 'central');
    return { label, data, stack, gateway, central, hubLog, federation };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

const sum = (values: Record<string, number>, names: readonly string[]) =>
  names.reduce((total, name) => total + (values[name] ?? 0), 0);

/** How many rounds of department calls the hub's top-50 pages took, from its debug log: mean and most. */
function hubRounds(logFile: string, since: number): { mean: number; max: number } {
  if (!existsSync(logFile)) return { mean: NaN, max: NaN };
  const rounds = readFileSync(logFile, 'utf8')
    .split('\n')
    .slice(since)
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; rounds?: number };
        return entry.msg === 'cases page merged' && typeof entry.rounds === 'number' ? [entry.rounds] : [];
      } catch {
        return [];
      }
    });
  return {
    mean: rounds.reduce((a, b) => a + b, 0) / Math.max(1, rounds.length),
    max: Math.max(0, ...rounds),
  };
}
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);

/**
 * Measures each larger county against the five-department one: top-50 and dashboard p50 (asked in
 * turn), CPU per request summed over every process of each federation, the hub's rounds per page,
 * memory and cold start.
 */
export async function measureCounties(options: {
  cases: number;
  /** Department counts to compare with five, e.g. [20, 40]. */
  counts: readonly number[];
  samples: number;
  identity: BenchIdentity;
  record: RecordFigure;
  post: (url: string, body: string) => Promise<any>;
}): Promise<void> {
  const { identity, record, post, samples } = options;
  const base = await startCounty(identity, ensureData(options.cases, 5), 'processes');
  try {
    const compared: [number, Hosting][] = [
      [5, 'one-process'],
      ...options.counts.flatMap((count): [number, Hosting][] => [
        [count, 'processes'],
        [count, 'one-process'],
      ]),
    ];
    const baseMemory = sum(base.stack.memory(), base.federation);
    record(`[counties] memory of the 5-department federation, a process each (all its processes)`, baseMemory, 'MiB');
    for (const [count, hosting] of compared) {
      const county = await startCounty(identity, ensureData(options.cases, count), hosting);
      try {
        const from = dashboardStart(county.data);
        const baseFrom = dashboardStart(base.data);
        const label = `[counties: ${county.label}]`;
        // Answers first: each county's against its own centralized database.
        const top50 = await post(county.gateway, TOP50);
        const dashboard = await post(county.gateway, DASHBOARD(from));
        record(
          `${label} same top-50 and dashboard answers as its centralized database (1 = yes)`,
          sameTop50(top50, await post(county.central, CENTRAL_TOP50)) &&
            sameDashboard(dashboard, await post(county.central, CENTRAL_DASHBOARD(from)))
            ? 1
            : 0,
          'bool',
          { atLeast: 1 },
        );
        for (const [name, body, baseBody] of [
          ['top-50 overdue', TOP50, TOP50],
          ['dashboard', DASHBOARD(from), DASHBOARD(baseFrom)],
        ] as const) {
          const hubLines = lines(county.hubLog);
          const baseHubLines = lines(base.hubLog);
          const cpuBefore = [base.stack.cpuMs(), county.stack.cpuMs()];
          const times = await interleavedLatency(
            { base: { url: base.gateway, body: baseBody }, county: { url: county.gateway, body } },
            samples,
          );
          const cpuAfter = [base.stack.cpuMs(), county.stack.cpuMs()];
          // Every request of the run (the warm-up's too) is in the CPU time.
          const requests = samples + Math.min(10, samples);
          const cpu = (i: number, names: readonly string[]) =>
            (sum(cpuAfter[i]!, names) - sum(cpuBefore[i]!, names)) / requests;
          const { base: b, county: c } = times as Record<'base' | 'county', Latency>;
          record(`${label} ${name} p50`, c.p50, 'ms');
          record(`${label} ${name} p50 / 5 departments, a process each (asked in turn)`, c.p50 / b.p50, 'ratio', {
            atMost: 3,
          });
          record(`${label} ${name}: CPU per request, every process summed`, cpu(1, county.federation), 'ms');
          record(
            `${label} ${name}: CPU per request / 5 departments' (same run)`,
            cpu(1, county.federation) / cpu(0, base.federation),
            'ratio',
          );
          if (name === 'top-50 overdue') {
            const baseRounds = hubRounds(base.hubLog, baseHubLines);
            record(
              `[counties: 5 departments, a process each] hub rounds per top-50 page, mean`,
              baseRounds.mean,
              'rounds',
            );
            const rounds = hubRounds(county.hubLog, hubLines);
            record(`${label} hub rounds of department calls per top-50 page, mean`, rounds.mean, 'rounds');
            record(`${label} hub rounds of department calls per top-50 page, most`, rounds.max, 'rounds');
          }
        }
        const memory = sum(county.stack.memory(), county.federation);
        record(`${label} memory of the federation (all its processes)`, memory, 'MiB');
        record(
          `${label} memory / the 5-department federation's, a process each`,
          memory / baseMemory,
          'ratio',
          hosting === 'one-process' ? { atMost: 2 } : undefined,
        );
        const subgraphs = county.federation.filter((name) => name !== 'gateway');
        record(
          `${label} cold start: the slowest subgraph's spawn to its first answer`,
          Math.max(...subgraphs.map((name) => county.stack.processes[name]?.coldStartMs ?? 0)),
          'ms',
        );
      } finally {
        await county.stack.stop();
      }
    }
  } finally {
    await base.stack.stop();
  }
}
