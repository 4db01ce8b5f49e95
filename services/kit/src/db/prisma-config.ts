import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

/** The variable that tells the Prisma CLI which database file to migrate. */
export const DATABASE_URL = 'DATABASE_URL';

/**
 * The Prisma CLI configuration every service uses: the JS engine with the better-sqlite3 driver
 * adapter, so migrations run through Prisma's Wasm schema engine and nothing is downloaded.
 * The schema is the service's prisma/ folder. Without DATABASE_URL (generate, migrate diff) an
 * in-memory database stands in.
 */
export function servicePrismaConfig() {
  return defineConfig({
    experimental: { adapter: true },
    engine: 'js',
    schema: 'prisma',
    // A migration that builds an index over a large table can hold the database for seconds
    // while the schema engine's other connection waits: wait up to a minute, not 5 s.
    adapter: async () => new PrismaBetterSQLite3({ url: process.env[DATABASE_URL] ?? ':memory:', timeout: 60_000 }),
  });
}
