import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { DATABASE_URL } from './prisma-config.js';
import type { Logger } from '../logger.js';
import { countingAdapter, type StatementCounter } from './statement-counter.js';

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
  const started = performance.now();
  try {
    await run(process.execPath, [prismaCli, 'migrate', 'deploy', '--config', join(serviceDir, 'prisma.config.ts')], {
      cwd: serviceDir,
      env: { ...process.env, [DATABASE_URL]: `file:${file}`, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`Migrating ${file} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
  logger.info({ file, ms: Math.round(performance.now() - started) }, 'database migrated');
}

/**
 * The driver adapter for a service's SQLite file. A writer waits up to 10 s for another to
 * finish (SQLite has one writer at a time) before giving up.
 */
export function sqliteAdapter(file: string) {
  return new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 10_000 });
}

/** A Prisma client built by a service from its own generated client class. */
export interface ServiceClient {
  $disconnect(): Promise<void>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** The committed migrations of a service: the folder names under prisma/migrations. */
function committedMigrations(serviceDir: string): string[] {
  const dir = join(serviceDir, 'prisma', 'migrations');
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
 * seconds; most starts need none). Tunes SQLite for a server: WAL journal, normal sync.
 */
export async function openDatabase<TClient extends ServiceClient>(options: {
  serviceDir: string;
  file: string;
  logger: Logger;
  createClient: (adapter: PrismaBetterSQLite3) => TClient;
  /** Counts every statement the client sends (see statement-counter.ts). */
  statements?: StatementCounter;
}): Promise<TClient> {
  if (!isUpToDate(options.file, options.serviceDir)) await migrateDatabase(options.serviceDir, options.file, options.logger);
  const adapter = sqliteAdapter(options.file);
  const client = options.createClient(options.statements ? countingAdapter(adapter, options.statements) : adapter);
  // WAL lets readers run while a writer commits.
  await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  // Planner statistics for indexes a migration just added (a full analysis where stale:
  // sampled statistics misjudged how selective a column is).
  await client.$queryRawUnsafe('PRAGMA optimize = 0x10002');
  return client;
}
