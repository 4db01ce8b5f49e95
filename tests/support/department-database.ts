import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres, type TestPostgres } from './postgres.js';
import { openServiceDatabase, type ServiceDatabase } from './service-database.js';

/**
 * The departments' databases in tests. With ONEWINDOW_TEST_DEPARTMENT_DATABASE=postgresql (the
 * department suite's second run: vitest.config.ts) each department a test starts gets a database
 * of its own in one PostgreSQL cluster per test file, started at the first and stopped by the
 * project's teardown (department-postgres-teardown.ts); otherwise its SQLite file in the data
 * directory. The URL is kept in the data directory beside where the file would be, so a restart
 * finds the same database and the test's direct reads find it too.
 */
export const departmentsOnPostgres = () => process.env.ONEWINDOW_TEST_DEPARTMENT_DATABASE === 'postgresql';

let cluster: Promise<TestPostgres> | undefined;
let databases = 0;

const urlFile = (dataDir: string, code: string) => join(dataDir, `${code}.database-url`);

/** The environment that puts department `code` of the data directory on its database: DATABASE_URL, or nothing (SQLite). */
export async function departmentDatabaseEnv(dataDir: string, code: string): Promise<Record<string, string>> {
  if (!departmentsOnPostgres()) return {};
  const file = urlFile(dataDir, code);
  if (existsSync(file)) return { DATABASE_URL: readFileSync(file, 'utf8') };
  cluster ??= startPostgres();
  databases += 1;
  const url = await (await cluster).createDatabase(`${code}_${databases}`);
  writeFileSync(file, url);
  return { DATABASE_URL: url };
}

/** Department `code`'s database of the data directory, read straight (service-database.ts). */
export function openDepartmentDatabase(dataDir: string, code: string): ServiceDatabase {
  const file = urlFile(dataDir, code);
  return openServiceDatabase(join(dataDir, `${code}.db`), existsSync(file) ? readFileSync(file, 'utf8') : undefined);
}

/** The test file's cluster of the departments' databases, once a department started there. */
export function departmentPostgres(): Promise<TestPostgres> {
  if (!cluster) throw new Error('No department of this file runs on PostgreSQL');
  return cluster;
}

/**
 * Stops the test file's cluster. A file of the PostgreSQL run that started no department there
 * tested nothing of PostgreSQL: that is an error, not a pass.
 */
export async function stopDepartmentPostgres(): Promise<void> {
  const started = cluster;
  cluster = undefined;
  if (!started) throw new Error('This file ran with the departments on PostgreSQL but started none there');
  await (await started).stop();
}
