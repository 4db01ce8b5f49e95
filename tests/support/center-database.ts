import { join } from 'node:path';
import { startPostgres, type TestPostgres } from './postgres.js';
import { openServiceDatabase, type ServiceDatabase } from './service-database.js';

/** The center's database read straight, whichever it runs on (service-database.ts). */
export type CenterDatabase = ServiceDatabase;

/** True when this test run puts the center on PostgreSQL. */
export const centerOnPostgres = () => process.env.ONEWINDOW_TEST_CENTER_DATABASE === 'postgresql';

/** A PostgreSQL cluster and a database for the center, when this run asks for one. */
export async function centerPostgres(): Promise<{ url: string; stop: () => Promise<void> } | undefined> {
  if (!centerOnPostgres()) return undefined;
  const server: TestPostgres = await startPostgres();
  return { url: await server.createDatabase('center'), stop: () => server.stop() };
}

/** Opens the center's database of a federation: `url` when it runs on PostgreSQL, else `center.db` in `dataDir`. */
export function openCenterDatabase(dataDir: string, url: string | undefined): CenterDatabase {
  return openServiceDatabase(join(dataDir, 'center.db'), url);
}
