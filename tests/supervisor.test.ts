/**
 * End-to-end test of `npm start` (scripts/start.ts): spawns the real supervisor with its own ports
 * and data directory, then checks what it promises: it prints the URLs once everything is healthy,
 * restarts a crashed child and says so loudly, and stops every child cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphNames } from '../schema/src/index.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Polls `predicate` every 200 ms until it returns a truthy value; throws after `timeoutMs`. */
async function waitFor<T>(
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

/**
 * `count` distinct free ports on 127.0.0.1. All listeners stay open until every port is read, so
 * the OS cannot hand the same port out twice.
 */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => (s.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** True while a process with this pid exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else; only ESRCH means it is gone.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** GET /health; false on any network error (gateway down or restarting). */
async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

interface SupervisorLine {
  service?: string;
  child?: string;
  pid?: number;
  msg?: string;
}

/** The supervisor's own JSON log lines in `text`; children's log lines and plain text are skipped. */
function supervisorLines(text: string): SupervisorLine[] {
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

describe('npm start supervisor', { timeout: 240_000 }, () => {
  let supervisor: ChildProcess;
  let stdout = '';
  let stderr = '';
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let baseUrl = '';
  let dataDir = '';

  /** The end of both streams, appended to timeout errors so a failure shows what the services said. */
  const logTail = () =>
    `\n--- stdout (tail) ---\n${stdout.slice(-6000)}\n--- stderr (tail) ---\n${stderr.slice(-6000)}`;
  const withLogs = (error: Error): never => {
    throw new Error(`${error.message}${logTail()}`);
  };

  /** Pids of every child the supervisor reported starting, by child name, in start order. */
  const startedPids = (name?: string): number[] =>
    supervisorLines(stdout)
      .filter(
        (l) => l.msg?.startsWith('started ') && typeof l.pid === 'number' && (name === undefined || l.child === name),
      )
      .map((l) => l.pid!);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(`${os.tmpdir()}/ow-supervisor-`);
    const [gatewayPort, ...subgraphPorts] = await freePorts(1 + subgraphNames.length);
    baseUrl = `http://127.0.0.1:${gatewayPort}`;

    // Only what the supervisor needs: no inherited *_URL or PORT from a developer's shell.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(gatewayPort),
      DATA_DIR: dataDir,
      DEMO_CASES: '40',
      LOG_LEVEL: 'info',
    };
    subgraphNames.forEach((name, i) => {
      env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${subgraphPorts[i]}/graphql`;
    });

    supervisor = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervisor.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    supervisor.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    exit = new Promise((resolve) => supervisor.once('exit', (code, signal) => resolve({ code, signal })));
  }, 180_000);

  afterAll(async () => {
    // Whatever happened above, leave nothing running: the supervisor first, then every child it logged.
    if (supervisor && supervisor.exitCode === null && supervisor.signalCode === null) {
      supervisor.kill('SIGKILL');
      await exit;
    }
    for (const pid of startedPids()) {
      if (alive(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // exited in between
        }
      }
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URLs once every subgraph is healthy', async () => {
    // Stop waiting early if the supervisor exits; it keeps polling /health however long start-up takes.
    await waitFor(
      () => stdout.includes('onewindow is up.') || supervisor.exitCode !== null,
      150_000,
      '"onewindow is up." on stdout',
    ).catch(withLogs);
    expect(supervisor.exitCode, `supervisor exited during start-up${logTail()}`).toBeNull();
    expect(stdout).toContain('onewindow is up.');
    expect(stdout).toContain(`${baseUrl}/graphql`);

    const response = await fetch(`${baseUrl}/health`);
    expect(response.status, logTail()).toBe(200);
  }, 160_000);

  it('reports a crashed child loudly and restarts it', async () => {
    const [hubPid] = startedPids('hub');
    expect(hubPid, 'no "started hub" line with a pid').toBeTypeOf('number');

    process.kill(hubPid!, 'SIGKILL');

    // The crash goes to stderr as a JSON line naming the child.
    await waitFor(
      () => supervisorLines(stderr).some((l) => l.child === 'hub' && l.msg?.includes('hub exited unexpectedly')),
      10_000,
      '"hub exited unexpectedly" on stderr',
    ).catch(withLogs);
    // Restarted under a new pid after the back-off.
    const newPid = await waitFor(
      () => startedPids('hub').find((pid) => pid !== hubPid),
      30_000,
      'a second "started hub" line',
    ).catch(withLogs);
    expect(newPid).not.toBe(hubPid);
    expect(alive(hubPid!)).toBe(false);

    // The gateway reports every subgraph healthy again once the new hub is listening.
    await waitFor(() => healthy(baseUrl), 60_000, '/health to answer 200 again').catch(withLogs);
  }, 100_000);

  it('stops every child and exits 0 on SIGTERM', async () => {
    const pids = startedPids();
    // Every subgraph and the gateway were started at least once (the hub twice if the test above ran).
    const names = new Set(supervisorLines(stdout).map((l) => l.child));
    expect([...subgraphNames, 'gateway'].filter((name) => !names.has(name))).toEqual([]);

    supervisor.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      exit,
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 20_000))),
    ]);
    clearTimeout(timer);
    expect(result, 'supervisor did not exit within 20 s of SIGTERM').not.toBe('timeout');
    expect(result, logTail()).toEqual({ code: 0, signal: null });

    // The supervisor waits for every child's exit before exiting, so none may be left.
    expect(pids.filter(alive)).toEqual([]);
  }, 30_000);
});
