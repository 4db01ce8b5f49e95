import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { DATABASE_URL } from './prisma-config.js';
import type { Logger } from '@onewindow/runtime';
import { countingAdapter, timedAdapter, type StatementCounter } from './statement-counter.js';
import { committedReadsAdapter } from './committed-reads.js';
import { BLOCKING_WAIT_MS, DEFAULT_BUSY_TIMEOUT_MS, setBusyTimeout } from './busy.js';
import { isPostgresUrl } from './postgres.js';
import { openPostgresDatabase } from './postgres-database.js';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/** The databases a service can run on. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

const run = promisify(execFile);
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

/** The SQLite file of a service under the data directory, e.g. .data/housing.db, as an absolute path. */
export function databaseFile(dataDir: string, service: string): string {
  return resolve(dataDir, `${service}.db`);
}

/**
 * Applies the service's committed migrations (prisma/migrations) to its database with
 * `prisma migrate deploy`, creating the file if needed. Safe to run on every start.
 */
export async function migrateDatabase(serviceDir: string, file: string, logger: Logger): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await deployMigrations(serviceDir, `file:${file}`, file, logger);
}

/**
 * `prisma migrate deploy` of a service's committed migrations to the database at `url` (a SQLite
 * `file:` URL, or a PostgreSQL URL: prisma.config.ts picks the schema and migrations for it).
 * `name` is how logs and errors call the database, never with its password.
 */
export async function deployMigrations(serviceDir: string, url: string, name: string, logger: Logger): Promise<void> {
  const started = performance.now();
  try {
    await run(process.execPath, [prismaCli, 'migrate', 'deploy', '--config', join(serviceDir, 'prisma.config.ts')], {
      cwd: serviceDir,
      env: { ...process.env, [DATABASE_URL]: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`Migrating ${name} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
  logger.info({ database: name, ms: Math.round(performance.now() - started) }, 'database migrated');
}

/**
 * The driver adapter for a service's SQLite file; a statement blocks up to `busyTimeoutMs` for
 * another connection's lock (better-sqlite3 waits synchronously, stopping the process).
 */
export function sqliteAdapter(file: string, busyTimeoutMs: number) {
  return new PrismaBetterSQLite3({ url: `file:${file}`, timeout: busyTimeoutMs });
}

/**
 * Settings of every connection that writes a service's database. WAL lets readers run while a
 * writer commits. synchronous=FULL makes a commit durable when it returns: in WAL mode, NORMAL
 * syncs only at checkpoints, so a power loss could take back transactions already acknowledged.
 * NORMAL is there only for the bench to measure what FULL costs.
 */
export function writePragmas(synchronous: 'FULL' | 'NORMAL' = 'FULL'): string[] {
  return ['journal_mode = WAL', `synchronous = ${synchronous}`];
}

/** What a connection reports of the settings durability depends on. */
export interface ConnectionSettings {
  journalMode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
  synchronous: number;
  /** SQLite's own busy_timeout: how long one statement blocks for a lock (BLOCKING_WAIT_MS). */
  sqliteBusyTimeoutMs: number;
}

/** The settings writePragmas() asks for, as a connection reports them. */
export const DURABLE: Pick<ConnectionSettings, 'journalMode' | 'synchronous'> = { journalMode: 'wal', synchronous: 2 };

/** Applies writePragmas() to a better-sqlite3 connection that writes a service's database (seeding, tools). */
export function tuneWriteConnection(db: Database.Database): void {
  for (const pragma of writePragmas()) db.pragma(pragma);
}

/** Reads back a Prisma client's connection settings (its one connection: see committed-reads.ts). */
async function clientSettings(client: ServiceClient): Promise<ConnectionSettings> {
  const pragma = async (name: string, column: string) =>
    (await client.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0]?.[column];
  return {
    journalMode: String(await pragma('journal_mode', 'journal_mode')),
    synchronous: Number(await pragma('synchronous', 'synchronous')),
    sqliteBusyTimeoutMs: Number(await pragma('busy_timeout', 'timeout')),
  };
}

/** Refuses to serve on a connection that could lose acknowledged writes. */
function checkDurable(file: string, settings: ConnectionSettings): void {
  if (settings.journalMode !== DURABLE.journalMode || settings.synchronous < DURABLE.synchronous) {
    const kept = `journal_mode=${settings.journalMode}, synchronous=${settings.synchronous}`;
    throw new Error(`${file}: SQLite kept ${kept}; WAL and FULL (2) are required`);
  }
}

/** A Prisma client built by a service from its own generated client class. */
export interface ServiceClient {
  $disconnect(): Promise<void>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** The committed migrations of a service: the folder names under prisma/migrations (or another folder of them). */
export function committedMigrations(serviceDir: string, folder = join('prisma', 'migrations')): string[] {
  const dir = join(serviceDir, folder);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

/**
 * True when every committed migration is recorded as applied, so the CLI has nothing to do.
 * Asks through a short-lived read-only connection, closed before any migration runs: an open
 * connection of this process would stand in the migration's way.
 */
function isUpToDate(file: string, serviceDir: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { readonly: true });
  try {
    const applied = db
      .prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
      .all() as { migration_name: string }[];
    const names = new Set(applied.map((row) => row.migration_name));
    return committedMigrations(serviceDir).every((name) => names.has(name));
  } catch {
    return false; // no migrations table yet: a new database
  } finally {
    db.close();
  }
}

/**
 * Opens the service's database with the client the service builds from the adapter, applying
 * the committed migrations first unless they are all applied already (the Prisma CLI takes
 * seconds; most starts need none). Tunes SQLite for a server (writePragmas), checks that the
 * connection kept those settings and logs them ("database opened").
 */
export async function openDatabase<TClient extends ServiceClient>(options: {
  serviceDir: string;
  file: string;
  /** A postgres:// URL: the service's database is PostgreSQL (postgres-database.ts), and `file` is not used. */
  url?: string;
  logger: Logger;
  /** The client of the service's generated class for the provider (each provider has its generated client). */
  createClient: (adapter: SqlDriverAdapterFactory, provider: DatabaseProvider) => TClient;
  /** Counts every statement the client sends (see statement-counter.ts). */
  statements?: StatementCounter;
  /** The service's name in the database metrics; the file's name (housing.db: housing) by default. */
  service?: string;
  /** How long a write waits for another connection's lock (writeTransaction); DEFAULT_BUSY_TIMEOUT_MS. */
  busyTimeoutMs?: number;
  /** FULL (the default) unless the bench measures what FULL costs. */
  synchronous?: 'FULL' | 'NORMAL';
}): Promise<TClient> {
  // The service's name in the database metrics: the file's name (housing.db: housing) on either database.
  const service = options.service ?? basename(options.file, '.db');
  if (isPostgresUrl(options.url)) return openPostgresDatabase({ ...options, url: options.url, service });
  if (!isUpToDate(options.file, options.serviceDir))
    await migrateDatabase(options.serviceDir, options.file, options.logger);
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  // Before serving, a statement may block as long as a write may wait: the first connection
  // after a crash recovers the WAL, and a reader opening the file then can hold it briefly.
  const adapter = timedAdapter(committedReadsAdapter(sqliteAdapter(options.file, busyTimeoutMs)), service);
  const client = options.createClient(
    options.statements ? countingAdapter(adapter, options.statements) : adapter,
    'sqlite',
  );
  setBusyTimeout(client, busyTimeoutMs);
  // PRAGMA journal_mode answers with a row, so it goes through the query path. Once serving, a
  // statement blocks the process at most BLOCKING_WAIT_MS; writes wait between attempts (busy.ts).
  const pragmas = [...writePragmas(options.synchronous), `busy_timeout = ${BLOCKING_WAIT_MS}`];
  for (const pragma of pragmas) await client.$queryRawUnsafe(`PRAGMA ${pragma}`);
  const settings = await clientSettings(client);
  if (options.synchronous !== 'NORMAL') checkDurable(options.file, settings);
  options.logger.info({ file: options.file, ...settings, writeBusyTimeoutMs: busyTimeoutMs }, 'database opened');
  // Planner statistics for indexes a migration just added (a full analysis where stale:
  // sampled statistics misjudged how selective a column is).
  await client.$queryRawUnsafe('PRAGMA optimize = 0x10002');
  return client;
}
