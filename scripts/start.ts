/**
 * `npm start`: one supervisor for the whole hub on one machine. It starts every department,
 * the center, the hub and the gateway from their built JavaScript as child processes of plain
 * node (`npm start` builds first), restarts a child that crashes (and says so loudly), stops
 * everything when a child's configuration is wrong, prints the URLs once the gateway reports
 * every subgraph healthy, and stops everything cleanly on Ctrl-C or SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONTRACT_DEPARTMENTS_FILE,
  centerService,
  composeSupergraph,
  departments,
  gatewayPort,
  hubService,
  subgraphUrl,
  urlVariable,
  databaseUrlVariable,
} from '../schema/src/index.js';
import { BUILT_NODE_FLAGS, builtEntryOf } from '../services/runtime/src/built.js';
import { EXIT_CONFIGURATION } from '../services/runtime/src/server/run.js';
import { namedDepartments } from '../services/host/src/department-definitions.js';

const root = fileURLToPath(new URL('../', import.meta.url));

interface ChildSpec {
  name: string;
  /** Its built JavaScript (`npm run build`, which `npm start` runs first). */
  entry: string;
  /** The child's PORT: a subgraph listens where its `<NAME>_URL` points, the gateway on PORT. */
  port: string;
  /**
   * The child's HOST. Only the gateway faces clients: HOST opens it to the LAN (HOST=0.0.0.0),
   * while the subgraphs stay on loopback unless SUBGRAPH_HOST says otherwise.
   */
  host: string;
  /** Settings of this child alone (the gateway's and the center's own signing keys). */
  env?: Record<string, string | undefined>;
}

/**
 * The gateway and the center each sign with a key of their own: GATEWAY_IDENTITY_SIGNING_KEY and
 * CENTER_IDENTITY_SIGNING_KEY (as `npm run keys` writes them) become that child's IDENTITY_SIGNING_KEY.
 */
const signingKeyOf = (prefix: 'GATEWAY' | 'CENTER') => ({
  IDENTITY_SIGNING_KEY: process.env[`${prefix}_IDENTITY_SIGNING_KEY`] ?? process.env.IDENTITY_SIGNING_KEY,
});

/** A workspace's built entry; refuses to start anything when the build is missing. */
function builtEntry(workspace: string): string {
  const entry = builtEntryOf(workspace);
  if (!existsSync(join(root, entry))) {
    process.stderr.write(`${entry} is missing: run \`npm run build\` first (\`npm start\` runs it for you)\n`);
    process.exit(1);
  }
  return entry;
}

const portOf = (name: string) => new URL(subgraphUrl(name)).port;
const gatewayListenPort = process.env.PORT ?? String(gatewayPort);
const subgraphHost = process.env.SUBGRAPH_HOST ?? '127.0.0.1';
const gatewayHost = process.env.HOST ?? '127.0.0.1';

/** Says what is wrong with the settings and stops before anything starts. */
function refuse(problems: string[]): never {
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exit(1);
}

/**
 * HOSTED_DEPARTMENTS (`all`, or codes separated by commas) runs those departments in one child,
 * `host`, each at http://127.0.0.1:<DEPARTMENTS_HOST_PORT>/<code>/graphql; the others run alone.
 * Contract-only departments have no entry of their own, so they always run in the host.
 */
let named: string[] = [];
try {
  named = process.env.HOSTED_DEPARTMENTS ? namedDepartments(process.env.HOSTED_DEPARTMENTS) : [];
} catch (error) {
  refuse([error instanceof Error ? error.message : String(error)]);
}
const hosted = [...named, ...departments.filter((d) => d.catalogFile && !named.includes(d.code)).map((d) => d.code)];
const hostPort = process.env.DEPARTMENTS_HOST_PORT ?? '4010';
// A hosted department is reached at the host; a URL of its own elsewhere would be asked in vain.
const misdirected = hosted.filter((code) => {
  const given = process.env[urlVariable(code)];
  if (!given) return false;
  const url = URL.canParse(given) ? new URL(given) : null;
  return url?.port !== hostPort || url.pathname !== `/${code}/graphql`;
});
if (misdirected.length)
  refuse(
    misdirected.map(
      (code) =>
        `${urlVariable(code)}=${process.env[urlVariable(code)]}, but ${code} runs in the department host ` +
        `(HOSTED_DEPARTMENTS), at http://127.0.0.1:${hostPort}/${code}/graphql: unset ${urlVariable(code)}, ` +
        'or leave the department out of HOSTED_DEPARTMENTS.',
    ),
  );
for (const code of hosted) process.env[urlVariable(code)] ??= `http://127.0.0.1:${hostPort}/${code}/graphql`;

// Contract-only departments are not in the committed supergraph: the gateway serves one composed now.
if (process.env[CONTRACT_DEPARTMENTS_FILE] && !process.env.SUPERGRAPH_PATH) {
  const dataDir = process.env.DATA_DIR ?? join(root, '.data');
  mkdirSync(dataDir, { recursive: true });
  process.env.SUPERGRAPH_PATH = join(dataDir, 'supergraph.graphql');
  writeFileSync(process.env.SUPERGRAPH_PATH, composeSupergraph().supergraphSdl);
}

/** A service's PostgreSQL database, if it has one (`<NAME>_DATABASE_URL`), as its DATABASE_URL; else its SQLite file in DATA_DIR. */
function databaseOf(service: string): Record<string, string> {
  const url = process.env[databaseUrlVariable(service)];
  return url ? { DATABASE_URL: url } : {};
}

const specs: ChildSpec[] = [
  ...departments
    .filter((d) => !hosted.includes(d.code))
    .map((d) => ({
      name: d.code,
      entry: builtEntry(`services/${d.code}`),
      port: portOf(d.code),
      host: subgraphHost,
      env: databaseOf(d.code),
    })),
  ...(hosted.length
    ? [
        {
          name: 'host',
          entry: builtEntry('services/host'),
          port: hostPort,
          host: subgraphHost,
          env: { HOSTED_DEPARTMENTS: hosted.join(',') },
        },
      ]
    : []),
  {
    name: centerService.name,
    entry: builtEntry('services/center'),
    port: portOf(centerService.name),
    host: subgraphHost,
    env: {
      ...signingKeyOf('CENTER'),
      ...databaseOf(centerService.name),
    },
  },
  { name: hubService.name, entry: builtEntry('services/hub'), port: portOf(hubService.name), host: subgraphHost },
  {
    name: 'gateway',
    entry: builtEntry('gateway'),
    port: gatewayListenPort,
    host: gatewayHost,
    env: signingKeyOf('GATEWAY'),
  },
];

/** Restart delays grow from 1 s to 30 s while a child keeps crashing; a minute of uptime resets them. */
const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
const STABLE_AFTER_MS = 60_000;
const STOP_GRACE_MS = 10_000;

let stopping = false;
const running = new Map<string, ChildProcess>();

function say(level: 'info' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({
    level: level === 'error' ? 50 : 30,
    time: Date.now(),
    service: 'supervisor',
    ...fields,
    msg,
  });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

function launch(spec: ChildSpec, backoffMs = MIN_BACKOFF_MS): void {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [...BUILT_NODE_FLAGS, spec.entry], {
    cwd: root,
    env: { ...process.env, ...spec.env, PORT: spec.port, HOST: spec.host },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.set(spec.name, child);
  say('info', `started ${spec.name}`, { child: spec.name, pid: child.pid });
  child.on('exit', (code, signal) => {
    running.delete(spec.name);
    if (stopping) return;
    // A wrong setting fails the same way at every start: say so once and stop, rather than loop.
    if (code === EXIT_CONFIGURATION) {
      say(
        'error',
        `!!! ${spec.name} cannot start with this configuration (see its message above); stopping everything`,
        {
          child: spec.name,
          code,
        },
      );
      void stopAll('configuration', 1);
      return;
    }
    const uptime = Date.now() - startedAt;
    const next = uptime > STABLE_AFTER_MS ? MIN_BACKOFF_MS : Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    say(
      'error',
      `!!! ${spec.name} exited unexpectedly (code ${code ?? '-'}, signal ${signal ?? '-'}); restarting in ${Math.round(backoffMs / 1000)} s`,
      {
        child: spec.name,
        code,
        signal,
      },
    );
    setTimeout(() => {
      if (!stopping) launch(spec, next);
    }, backoffMs).unref();
  });
}

/**
 * Polls the gateway's health until every subgraph answers, however long that takes (a first
 * start migrates and seeds every database); warns once if it takes longer than `slowAfterMs`.
 */
async function waitForHealth(url: string, slowAfterMs: number): Promise<boolean> {
  const slowAt = Date.now() + slowAfterMs;
  let warned = false;
  while (!stopping) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(3000) })).ok) return true;
    } catch {
      // not up yet
    }
    if (!warned && Date.now() > slowAt) {
      warned = true;
      say('error', `not every subgraph is healthy after ${slowAfterMs / 1000} s; still waiting (see ${url})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

function printUrls(gatewayBase: string): void {
  const lines = [
    '',
    'onewindow is up.',
    `  Web front           ${gatewayBase}/`,
    `  GraphQL + GraphiQL  ${gatewayBase}/graphql (analysts' GraphiQL: ${gatewayBase}/graphiql)`,
    `  Health              ${gatewayBase}/health`,
    '  Subgraphs:',
    ...[hubService.name, centerService.name, ...departments.map((d) => d.code)].map(
      (name) => `    ${name.padEnd(8)} ${subgraphUrl(name)}`,
    ),
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

async function stopAll(reason: NodeJS.Signals | 'configuration', exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('info', `${reason}: stopping every service`);
  const exits = [...running.values()].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(exits);
  say('info', 'all services stopped');
  process.exit(exitCode);
}

/** Whether host:port can be listened on now: nothing else (another hub, another program) holds it. */
function portIsFree(host: string, port: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(Number(port), host, () => probe.close(() => resolve(true)));
  });
}

// Two services given one port would take turns crashing.
const byPort = new Map<string, string[]>();
for (const spec of specs) byPort.set(spec.port, [...(byPort.get(spec.port) ?? []), spec.name]);
const shared = [...byPort].filter(([, names]) => names.length > 1);
if (shared.length)
  refuse(shared.map(([port, names]) => `port ${port} is given to ${names.join(' and ')}: give each its own.`));

// A port already taken would crash-loop its child while the health check, answered by whatever
// holds the gateway's port, could even say "up": refuse to start, naming each one.
const taken = (
  await Promise.all(specs.map(async (spec) => ((await portIsFree(spec.host, spec.port)) ? null : spec)))
).filter((spec): spec is ChildSpec => spec !== null);
if (taken.length)
  refuse([
    ...taken.map((spec) => `port ${spec.port} (${spec.name}, on ${spec.host}) is already in use by another program`),
    'Stop what holds them (another `npm start`?), or move the hub: PORT for the gateway, <NAME>_URL for a ' +
      'subgraph, DEPARTMENTS_HOST_PORT for the department host.',
  ]);

process.on('SIGINT', () => void stopAll('SIGINT'));
process.on('SIGTERM', () => void stopAll('SIGTERM'));

for (const spec of specs) launch(spec);
const gatewayBase = `http://127.0.0.1:${gatewayListenPort}`;
if (await waitForHealth(`${gatewayBase}/health`, 120_000)) printUrls(gatewayBase);
