import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BUILT_NODE_FLAGS, builtEntryOf } from '../../services/runtime/src/built.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** One JSON log line of a service (pino): `msg` and whatever fields it logged. */
export type LogLine = Record<string, unknown> & { msg?: string };

/** A service running as its own process, as `npm start` runs it, so a test can kill it with SIGKILL. */
export interface ServiceProcess {
  name: string;
  pid: number;
  /** The GraphQL endpoint it announced ("<name> listening"). */
  url: string;
  /** Every JSON line it logged so far. */
  logs: LogLine[];
  /** Kills it with `signal` (SIGKILL: no chance to finish anything) and waits until it is gone. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

const children = new Set<ChildProcess>();
// A test that fails half-way must not leave services running on the shared machine.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/**
 * Starts service `name` (or the gateway) in a new Node process on 127.0.0.1 and a free port, and
 * resolves once it listens: from its built JavaScript with plain node, as the supervisor and
 * production run it (`npm test` builds first), or `from` its TypeScript source under tsx (a
 * repository copy a test made has no build). `env` is its whole
 * configuration besides HOST, PORT and LOG_LEVEL=info (DATA_DIR, the other services' URLs...).
 * `repository` is the checkout it runs from: this one unless a test made another.
 */
export async function startServiceProcess(
  name: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
  repository = root,
  from: 'built' | 'source' = 'built',
): Promise<ServiceProcess> {
  const inherited = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const workspace = name === 'gateway' ? 'gateway' : `services/${name}`;
  const args =
    from === 'built'
      ? [...BUILT_NODE_FLAGS, builtEntryOf(workspace)]
      : ['--import', 'tsx', `${workspace}/src/index.ts`];
  const child = spawn(process.execPath, args, {
    cwd: repository,
    env: { ...inherited, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  void exited(child).then(() => children.delete(child));
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const fail = () => reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${stderr}`));
    const timer = setTimeout(fail, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited while starting (code ${code}, signal ${signal}):\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: LogLine;
      try {
        entry = JSON.parse(line) as LogLine;
      } catch {
        return; // not a log line
      }
      logs.push(entry);
      if (entry.msg === `${name} listening` && typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
  return {
    name,
    pid: child.pid!,
    url,
    logs,
    kill: async (signal = 'SIGKILL') => {
      child.kill(signal);
      await exited(child);
    },
  };
}
