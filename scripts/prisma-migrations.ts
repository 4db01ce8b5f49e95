/**
 * Writing a service's migrations (used by new-migration.ts and new-department.ts).
 *
 * Prisma's `migrate dev` needs a shadow database, which does not work with the offline JS engine
 * (it replays each migration through the driver adapter, which runs one statement per call), so
 * migrations are made with `migrate diff` and applied at start by `migrate deploy`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

/** The indexes on the contract's tables that Prisma cannot express; every department's init migration ends with them. */
export const contractIndexesFile = join(root, 'services', 'kit', 'prisma', 'contract-indexes.sql');

/**
 * The SQL that takes a service's database from `from` (a `migrate diff --from-…` argument list) to
 * the models in its prisma/ folder, or null when there is nothing to do.
 */
export function diffToModels(serviceDir: string, from: readonly string[]): string | null {
  const sql = execFileSync(
    process.execPath,
    [prismaCli, 'migrate', 'diff', '--config', 'prisma.config.ts', ...from, '--to-schema-datamodel', 'prisma', '--script'],
    { cwd: serviceDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return /empty migration/i.test(sql) ? null : sql;
}

/**
 * The first migration of a service: its models from nothing and, for a department (its prisma/
 * folder links the kit's contract.prisma), the contract's hand-written indexes.
 */
export function initMigrationSql(serviceDir: string): string {
  const models = diffToModels(serviceDir, ['--from-empty']) ?? '';
  if (!existsSync(join(serviceDir, 'prisma', 'contract.prisma'))) return models;
  return `${models}\n${readFileSync(contractIndexesFile, 'utf8')}`;
}

/** Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql of a service; returns the folder. */
export function writeMigration(serviceDir: string, name: string, sql: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = join(serviceDir, 'prisma', 'migrations', `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  return dir;
}
