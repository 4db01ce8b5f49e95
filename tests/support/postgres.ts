import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePorts } from './ports.js';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster of one test file, on 127.0.0.1 only. */
export interface TestPostgres {
  /** postgres://onewindow@127.0.0.1:<port>/postgres (trust authentication: nothing else can reach it). */
  url: string;
  /** The URL of another database of the cluster, created first. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server, keeping its data: the database is down until `resume`. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian's newest PostgreSQL server binaries (apt-get install postgresql; .ci/run installs it). */
function serverBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`No PostgreSQL server under ${root}: apt-get install -y postgresql`);
  return join(root, newest, 'bin');
}

/**
 * Starts a PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 and a socket in that
 * folder. PostgreSQL refuses to run as root, so under root (CI) the cluster belongs to Debian's
 * `postgres` user. fsync is off: a test's cluster is thrown away, and its durability is not what
 * the test checks.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = serverBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? Number((await run('id', ['-u', 'postgres'])).stdout.trim()) : undefined;
  if (owner !== undefined) chownSync(dir, owner, owner);
  const exec = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);
  const data = join(dir, 'data');
  await exec('initdb', ['-D', data, '-U', 'onewindow', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const [port] = await freePorts(1);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
  const start = () =>
    exec('pg_ctl', ['-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', options, 'start']);
  await start();
  const urlOf = (database: string) => `postgres://onewindow@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf('postgres'),
    async createDatabase(name) {
      await exec('psql', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'onewindow',
        '-d',
        'postgres',
        '-c',
        `CREATE DATABASE "${name}"`,
      ]);
      return urlOf(name);
    },
    async halt() {
      await exec('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
    },
    async resume() {
      await start();
    },
    async stop() {
      await exec('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
