import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';
import { POSTGRES_MIGRATIONS_DIR, POSTGRES_SCHEMA_DIR, isPostgresUrl, postgresMigrationAdapter } from './postgres.js';

/** The variable that tells the Prisma CLI which database to migrate: a SQLite file or a PostgreSQL URL. */
export const DATABASE_URL = 'DATABASE_URL';

/**
 * The Prisma CLI configuration every service uses: the JS engine with a driver adapter, so
 * migrations run through Prisma's Wasm schema engine and nothing is downloaded. For a SQLite file
 * (or no DATABASE_URL: generate, migrate diff, with an in-memory database standing in) the schema
 * is the service's prisma/ folder and its migrations prisma/migrations; for a postgres:// URL, the
 * PostgreSQL copy derived from it (postgres.ts) and prisma/migrations-postgresql.
 */
export function servicePrismaConfig() {
  const url = process.env[DATABASE_URL];
  if (isPostgresUrl(url)) {
    return defineConfig({
      experimental: { adapter: true },
      engine: 'js',
      schema: POSTGRES_SCHEMA_DIR,
      migrations: { path: POSTGRES_MIGRATIONS_DIR },
      adapter: async () => postgresMigrationAdapter(url),
    });
  }
  return defineConfig({
    experimental: { adapter: true },
    engine: 'js',
    schema: 'prisma',
    // A migration that builds an index over a large table can hold the database for seconds
    // while the schema engine's other connection waits: wait up to a minute, not 5 s.
    adapter: async () => new PrismaBetterSQLite3({ url: url ?? ':memory:', timeout: 60_000 }),
  });
}
