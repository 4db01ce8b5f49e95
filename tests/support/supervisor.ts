/**
 * `npm start` (scripts/start.ts) run for real by a test: the supervisor spawned with ports and a
 * data directory of its own, its output kept, and every process it started killed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { subgraphNames } from '../../schema/src/index.js';
import { freePorts } from './ports.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Polls `predicate` every 200 ms until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs: number,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** True while a process with this pid exists (signal 0 only checks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else; only ESRCH means it is gone.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** GET /health; false on any network error (gateway down or restarting). */
export async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

export interface SupervisorLine {
  service?: string;
  child?: string;
  pid?: number;
  msg?: string;
}

/** The supervisor's own JSON log lines in `text`; children's log lines and plain text are skipped. */
export function supervisorLines(text: string): SupervisorLine[] {
  const lines: SupervisorLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.startsWith('{')) continue;
    try {
      const line = JSON.parse(raw) as SupervisorLine;
      if (line.service === 'supervisor') lines.push(line);
    } catch {
      // half-written line or not JSON
    }
  }
  return lines;
}

export interface RunningSupervisor {
  process: ChildProcess;
  /** The gateway's base URL (no path). */
  baseUrl: string;
  dataDir: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** How the supervisor exited, or 'timeout' if it still runs after `ms` (then it is killed, children too). */
  exitWithin: (ms: number) => Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'timeout'>;
  /** The end of both streams, for an error message: what the services said. */
  logTail: () => string;
  /** Pids of every child the supervisor reported starting (of `name` only, if given), in start order. */
  startedPids: (name?: string) => number[];
  /** Resolves once the supervisor says it is up (or rejects with its logs); stops waiting if it exits. */
  ready: (timeoutMs?: number) => Promise<void>;
  /** Kills the supervisor and every child it started, and removes its data directory. */
  kill: () => Promise<void>;
}

/**
 * Spawns the supervisor with only the settings given (no inherited *_URL or PORT from a
 * developer's shell) plus PATH, HOME, its ports and a fresh DATA_DIR.
 */
export async function startSupervisor(settings: Record<string, string>): Promise<RunningSupervisor> {
  const dataDir = fs.mkdtempSync(`${os.tmpdir()}/ow-supervisor-`);
  const [gatewayPort, ...subgraphPorts] = await freePorts(1 + subgraphNames.length);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(gatewayPort),
    DATA_DIR: dataDir,
  };
  subgraphNames.forEach((name, i) => {
    env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${subgraphPorts[i]}/graphql`;
  });
  // The test's own settings last: they may move a subgraph too.
  Object.assign(env, settings);
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logTail = () =>
    `\n--- stdout (tail) ---\n${stdout.slice(-6000)}\n--- stderr (tail) ---\n${stderr.slice(-6000)}`;
  const startedPids = (name?: string) =>
    supervisorLines(stdout)
      .filter(
        (l) => l.msg?.startsWith('started ') && typeof l.pid === 'number' && (name === undefined || l.child === name),
      )
      .map((l) => l.pid!);
  const running: RunningSupervisor = {
    process: child,
    baseUrl: `http://127.0.0.1:${gatewayPort}`,
    dataDir,
    stdout: () => stdout,
    stderr: () => stderr,
    exit,
    logTail,
    startedPids,
    ready: async (timeoutMs = 150_000) => {
      await waitFor(
        () => stdout.includes('onewindow is up.') || child.exitCode !== null,
        timeoutMs,
        '"onewindow is up." on stdout',
      ).catch((error: Error) => {
        throw new Error(`${error.message}${logTail()}`);
      });
      if (child.exitCode !== null) throw new Error(`the supervisor exited during start-up${logTail()}`);
    },
    exitWithin: async (ms) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
      const result = await Promise.race([exit, late]);
      clearTimeout(timer);
      if (result === 'timeout') await running.kill();
      return result;
    },
    kill: async () => {
      // The supervisor first (so it restarts nothing), then every child it logged.
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exit;
      }
      for (const pid of startedPids().filter(alive)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // exited in between
        }
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return running;
}
