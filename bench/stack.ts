import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { departments, subgraphNames, urlVariable } from '../schema/src/index.js';
import type { BenchIdentity } from './identity.js';

const root = fileURLToPath(new URL('../', import.meta.url));

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

  /** Starts a process running `entry` with `env`, and waits until its GraphQL endpoint answers. */
  async start(name: string, entry: string, port: number, env: Record<string, string>): Promise<string> {
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
        PORT: String(port),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.children.push(child);
    const spawned = performance.now();
    const url = `http://127.0.0.1:${port}/graphql`;
    const deadline = Date.now() + 180_000;
    while (!(await answers(url))) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`${name} did not answer within 3 minutes`);
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

  /** Every department, the center and the hub over `dataDir`, with URLs for the gateways to use. */
  async startSubgraphs(dataDir: string): Promise<Record<string, string>> {
    const ports = await freePorts(subgraphNames.length);
    const urlEnv = Object.fromEntries(
      subgraphNames.map((name, i) => [urlVariable(name), `http://127.0.0.1:${ports[i]}/graphql`]),
    );
    const common = { ...urlEnv, DATA_DIR: dataDir, DEMO_CASES: '0' };
    await Promise.all(
      [...departments.map((d) => d.code), 'center'].map((name) =>
        this.start(name, `services/${name}/src/index.ts`, ports[subgraphNames.indexOf(name)]!, {
          ...common,
          // The center signs its own token to follow the departments' feeds.
          ...(name === 'center' ? this.identity.centerEnv : {}),
        }),
      ),
    );
    await this.start('hub', 'services/hub/src/index.ts', ports[subgraphNames.indexOf('hub')]!, common);
    return urlEnv;
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
