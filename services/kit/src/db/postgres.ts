import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { changingConnections, overriding } from './adapter-proxy.js';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

/**
 * PostgreSQL for a service's database. The one Prisma schema (a service's prisma/ folder, written
 * for SQLite) is the source: a copy with the PostgreSQL provider is derived from it at codegen
 * (POSTGRES_SCHEMA_DIR, never edited), its client generated beside the SQLite one, and its
 * migrations committed in prisma/migrations-postgresql/ (npm run migration writes both).
 */

/** True for a postgres:// or postgresql:// URL: the database is PostgreSQL, not a SQLite file. */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

/** The derived schema folder, under the service's generated code (git-ignored). */
export const POSTGRES_SCHEMA_DIR = join('src', '__generated__', 'prisma-postgresql-schema');
/** The committed PostgreSQL migrations of a service. */
export const POSTGRES_MIGRATIONS_DIR = join('prisma', 'migrations-postgresql');

/**
 * Writes the PostgreSQL copy of a service's Prisma schema: its prisma/*.prisma files (the contract
 * linked in, for a department) in one file, with the datasource's provider swapped and the client
 * generated to src/__generated__/prisma-postgresql. Returns the folder.
 */
export function writePostgresSchema(serviceDir: string): string {
  const sources = readdirSync(join(serviceDir, 'prisma'))
    .filter((name) => name.endsWith('.prisma'))
    .sort()
    .map((name) => readFileSync(join(serviceDir, 'prisma', name), 'utf8'));
  const schema = sources
    .join('\n')
    .replace(/output\s*=\s*"\.\.\/src\/__generated__\/prisma"/, 'output     = "../prisma-postgresql"')
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://unused"');
  if (!schema.includes('"../prisma-postgresql"') || !schema.includes('"postgresql"'))
    throw new Error(`${serviceDir}/prisma: the generator or the datasource is not in the expected form`);
  const dir = join(serviceDir, POSTGRES_SCHEMA_DIR);
  mkdirSync(dir, { recursive: true });
  const header = '// Derived from prisma/*.prisma by the kit (db/postgres.ts) at codegen: do not edit.\n';
  writeFileSync(join(dir, 'schema.prisma'), header + schema);
  return dir;
}

/** PostgreSQL's `char` and `name` types, which Prisma 6.19's adapter cannot read (prisma/prisma#27403). */
const UNREADABLE_TYPES = new Set([18, 19]);
const TEXT = 25;

/**
 * Makes a pooled connection report `char` and `name` columns as text. Prisma's migration engine
 * reads the catalog (pg_namespace, pg_class, …), whose columns have those types, and the pg adapter
 * of 6.19 refuses them; their values are plain strings either way.
 */
function readCatalogTypesAsText(client: pg.PoolClient): void {
  type Fields = { fields?: { dataTypeID: number }[] } | undefined;
  const asText = (result: Fields) => {
    for (const field of result?.fields ?? []) if (UNREADABLE_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT;
    return result;
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  Object.assign(client, {
    query: (...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: unknown, result: Fields) => callback(error, asText(result));
        return query(...args);
      }
      const result = query(...args);
      return result instanceof Promise ? result.then(asText) : result;
    },
  });
}

/** The connection settings of a URL, as discrete fields: a connectionString would also name the shadow database. */
export function poolConfig(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
    application_name: 'onewindow',
    // A server that takes connections but does not answer (hung, or starting) fails a request
    // after this long as out of reach, instead of holding it until its caller gives up.
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
  };
}

/** How long getting a connection to PostgreSQL may take. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5000;

/**
 * The driver adapter for the Prisma CLI's migrations on PostgreSQL. A migration runs as one
 * script (pg's simple query protocol takes several statements): the adapter's own splits it at
 * every semicolon, which cuts a trigger function's body apart.
 */
export function postgresMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const pool = new pg.Pool(poolConfig(url));
  return overriding(migrationAdapterOn(pool), { connectToShadowDb: () => connectToShadowDatabase(url, pool) });
}

/** The migration adapter over one pool: catalog types read as text, each migration one script. */
function migrationAdapterOn(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  pool.on('connect', readCatalogTypesAsText);
  // The CLI exits as soon as its work is done, instead of waiting for idle connections to time out.
  const factory = new PrismaPg(pool, { disposeExternalPool: true });
  return changingConnections(factory, (adapter) =>
    overriding(adapter, {
      executeScript: async (script: string) => {
        await pool.query(script);
      },
    }),
  );
}

/**
 * The shadow database `migrate diff --from-migrations` replays the migrations into: created here,
 * and dropped once its own pool is closed (the adapter's own drops it first, which PostgreSQL
 * refuses while its connections are open).
 */
async function connectToShadowDatabase(url: string, pool: pg.Pool): Promise<SqlDriverAdapter> {
  const name = `onewindow_shadow_${randomUUID().replaceAll('-', '')}`;
  await pool.query(`CREATE DATABASE "${name}"`);
  const adapter = await migrationAdapterOn(new pg.Pool({ ...poolConfig(url), database: name })).connect();
  return overriding(adapter, {
    dispose: async () => {
      await adapter.dispose();
      await pool.query(`DROP DATABASE IF EXISTS "${name}"`);
    },
  });
}

/**
 * Views a service's PostgreSQL client as its SQLite one. Both are generated from the same models
 * (the PostgreSQL one from the copy writePostgresSchema derives) and have the same API; their types
 * differ only where the providers do (PostgreSQL has more isolation levels), which no service uses.
 * Hence the cast, kept to this one place.
 */
export function sameModelsClient<TClient>(client: object): TClient {
  return client as TClient;
}

/** The advisory lock every write transaction of a service takes first. */
export const WRITE_LOCK = 0x6f77_7772; // "owwr"

/**
 * How long one attempt waits for the write lock (or any row lock) another connection holds: then
 * PostgreSQL cancels the statement (lock_not_available), and writeTransaction tries again until the
 * service's busy timeout, then answers SERVICE_BUSY (busy.ts). Without it a write would wait as
 * long as the other connection holds on, however long.
 */
export const POSTGRES_LOCK_WAIT_MS = 1000;

/**
 * The driver adapter a service's Prisma client runs on PostgreSQL. Every interactive transaction
 * first takes the service's write lock, so transactions run one after the other as they do on
 * SQLite: the code's read-then-write steps (a version check, an idempotency key, the next number)
 * keep the meaning they have there, and rows numbered in a transaction commit in that order.
 * Reads outside a transaction do not wait.
 */
export function postgresAdapter(url: string, options: { max?: number } = {}): SqlDriverAdapterFactory {
  const factory = new PrismaPg({ ...poolConfig(url), max: options.max ?? 10 });
  return changingConnections(factory, (adapter) =>
    overriding(adapter, {
      startTransaction: async (isolationLevel?: IsolationLevel) => {
        const transaction = await adapter.startTransaction(isolationLevel);
        try {
          await transaction.executeRaw({
            sql: `SET LOCAL lock_timeout = ${POSTGRES_LOCK_WAIT_MS}`,
            args: [],
            argTypes: [],
          });
          await transaction.executeRaw({ sql: `SELECT pg_advisory_xact_lock(${WRITE_LOCK})`, args: [], argTypes: [] });
        } catch (error) {
          // The adapter's rollback() only gives the connection back; the statement ends the transaction.
          await transaction.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => undefined);
          await transaction.rollback();
          throw error;
        }
        return transaction;
      },
    }),
  );
}
