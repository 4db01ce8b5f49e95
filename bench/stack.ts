import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { urlVariable } from '../schema/src/index.js';
import type { BenchData } from './data.js';
import type { BenchIdentity } from './identity.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** True for a department with an entry of its own; a contract-only one runs alone in a host of one. */
const hasOwnEntry = (code: string) => existsSync(`${root}services/${code}/src/index.ts`);

/** n distinct free ports on 127.0.0.1 (all held open until each is known). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<import('node:net').Server>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * A set of real service processes on 127.0.0.1, each on its own port, stopped together. Each
 * trusts the identity tokens of the bench's own keys (bench/identity.ts).
 */
export class Stack {
  private children: ChildProcess[] = [];
  readonly urls: Record<string, string> = {};
  /** Each process, and how long it took from its spawn to its first answer (migrations and start-up). */
  readonly processes: Record<string, { pid: number; coldStartMs: number }> = {};

  constructor(private readonly identity: BenchIdentity) {}

  /**
   * Starts a process running `entry` with `env`, and waits until its GraphQL endpoint answers (the
   * department host's first department, for the host).
   */
  async start(
    name: string,
    entry: string,
    port: number,
    env: Record<string, string>,
    /** Where its log goes (debug and up), for the bench to read; nowhere unless given. */
    logFile?: string,
  ): Promise<string> {
    const log = logFile ? openSync(logFile, 'a') : 'ignore';
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      // Measured as a county would run it: production mode (graphql-js skips its development
      // checks), with the installation's own keys and secrets.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...this.identity.serviceEnv,
        ...env,
        ...(logFile ? { LOG_LEVEL: 'debug' } : {}),
        PORT: String(port),
      },
      stdio: ['ignore', log, 'inherit'],
    });
    if (typeof log === 'number') closeSync(log);
    this.children.push(child);
    const spawned = performance.now();
    const url = env.HOSTED_DEPARTMENTS
      ? `http://127.0.0.1:${port}/${env.HOSTED_DEPARTMENTS.split(',').at(-1)}/graphql`
      : `http://127.0.0.1:${port}/graphql`;
    // Forty departments booting at once on two cores take minutes.
    const deadline = Date.now() + 600_000;
    while (!(await answers(url))) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`${name} did not answer within 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    this.urls[name] = url;
    this.processes[name] = { pid: child.pid!, coldStartMs: performance.now() - spawned };
    return url;
  }

  /** Each process's resident memory now, in MiB (Linux: VmRSS of /proc/<pid>/status). */
  memory(): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.processes).map(([name, { pid }]) => {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
        return [name, Math.round(kib / 1024)];
      }),
    );
  }

  /** CPU time (user + system) each process has used so far, in ms (Linux: /proc/<pid>/stat). */
  cpuMs(): Record<string, number> {
    const tickMs = 1000 / 100; // USER_HZ is 100 on Linux
    return Object.fromEntries(
      Object.entries(this.processes).map(([name, { pid }]) => {
        // The fields after the command name, which is in parentheses and may hold spaces.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return [name, (Number(fields[11]) + Number(fields[12])) * tickMs];
      }),
    );
  }

  /**
   * Every department of `data`'s county, the center and the hub, with URLs for the gateways to use.
   * `hosting` runs each department in a process of its own (`processes`) or all of them in one
   * (`one-process`, services/host).
   */
  async startSubgraphs(
    data: BenchData,
    hosting: 'processes' | 'one-process' = 'processes',
    /** More settings for every one of them. */
    extraEnv: Record<string, string> = {},
    /** Where the hub logs at debug level (its rounds per page), if anywhere. */
    hubLog?: string,
  ): Promise<Record<string, string>> {
    const codes = data.county.codes;
    const [hubPort, centerPort, hostPort, ...departmentPorts] = await freePorts(3 + codes.length);
    const departmentUrl = (code: string, i: number) =>
      hosting === 'one-process'
        ? `http://127.0.0.1:${hostPort}/${code}/graphql`
        : hasOwnEntry(code)
          ? `http://127.0.0.1:${departmentPorts[i]}/graphql`
          : `http://127.0.0.1:${departmentPorts[i]}/${code}/graphql`;
    const urlEnv = {
      [urlVariable('hub')]: `http://127.0.0.1:${hubPort}/graphql`,
      [urlVariable('center')]: `http://127.0.0.1:${centerPort}/graphql`,
      ...Object.fromEntries(codes.map((code, i) => [urlVariable(code), departmentUrl(code, i)])),
    };
    const common = { ...urlEnv, ...data.env, DATA_DIR: data.dir, DEMO_CASES: '0', ...extraEnv };
    const departments =
      hosting === 'one-process'
        ? [
            this.start('host', 'services/host/src/index.ts', hostPort!, {
              ...common,
              HOSTED_DEPARTMENTS: codes.join(','),
            }).then(() => {
              for (const code of codes) this.urls[code] = urlEnv[urlVariable(code)]!;
            }),
          ]
        : codes.map((code, i) =>
            hasOwnEntry(code)
              ? this.start(code, `services/${code}/src/index.ts`, departmentPorts[i]!, common)
              : this.start(code, 'services/host/src/index.ts', departmentPorts[i]!, {
                  ...common,
                  HOSTED_DEPARTMENTS: code,
                }),
          );
    await Promise.all([
      ...departments,
      // The center signs its own token to follow the departments' feeds.
      this.start('center', 'services/center/src/index.ts', centerPort!, { ...common, ...this.identity.centerEnv }),
    ]);
    await this.start('hub', 'services/hub/src/index.ts', hubPort!, common, hubLog);
    return { ...urlEnv, ...data.env };
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    this.children = [];
  }
}
