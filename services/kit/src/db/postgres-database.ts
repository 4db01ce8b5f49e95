import pg from 'pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Logger } from '@onewindow/runtime';
import { committedMigrations, deployMigrations, type DatabaseProvider, type ServiceClient } from './database.js';
import { POSTGRES_MIGRATIONS_DIR, postgresAdapter } from './postgres.js';
import { countingAdapter, timedAdapter, type StatementCounter } from './statement-counter.js';
import { DEFAULT_BUSY_TIMEOUT_MS, setBusyTimeout } from './busy.js';

/** The database of a URL as logs name it: host, port and database, never the password. */
export function databaseName(url: string): string {
  const parsed = new URL(url);
  return `postgresql://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/**
 * True when every committed PostgreSQL migration is recorded as applied, so the Prisma CLI (which
 * takes seconds on PostgreSQL) has nothing to do. A database without the migrations table is new.
 */
async function isUpToDate(url: string, serviceDir: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, application_name: 'onewindow-migrations' });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    return committedMigrations(serviceDir, POSTGRES_MIGRATIONS_DIR).every((name) => applied.has(name));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return false; // undefined_table: a new database
    throw new Error(`${databaseName(url)} could not be reached: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Opens a service's PostgreSQL database (DATABASE_URL): applies its committed PostgreSQL migrations
 * unless they are all applied, builds its client on the pg adapter (write transactions one at a
 * time, as on SQLite: postgres.ts), and refuses a server that acknowledges commits before they are
 * durable (synchronous_commit=off could lose acknowledged writes after a crash).
 */
export async function openPostgresDatabase<TClient extends ServiceClient>(options: {
  serviceDir: string;
  url: string;
  logger: Logger;
  createClient: (adapter: SqlDriverAdapterFactory, provider: DatabaseProvider) => TClient;
  statements?: StatementCounter;
  /** The service's name in the database metrics. */
  service: string;
  busyTimeoutMs?: number;
}): Promise<TClient> {
  const name = databaseName(options.url);
  if (!(await isUpToDate(options.url, options.serviceDir)))
    await deployMigrations(options.serviceDir, options.url, name, options.logger);
  const adapter = timedAdapter(postgresAdapter(options.url), options.service);
  const client = options.createClient(
    options.statements ? countingAdapter(adapter, options.statements) : adapter,
    'postgresql',
  );
  setBusyTimeout(client, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  const [setting] = await client.$queryRawUnsafe<{ synchronous_commit: string }[]>('SHOW synchronous_commit');
  const synchronousCommit = setting?.synchronous_commit ?? 'unknown';
  if (synchronousCommit === 'off') {
    await client.$disconnect();
    throw new Error(`${name}: synchronous_commit is off; acknowledged writes could be lost. Set it on.`);
  }
  options.logger.info({ database: name, synchronousCommit }, 'database opened');
  return client;
}
