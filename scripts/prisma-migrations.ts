/**
 * Writing the services' migrations (used by new-migration.ts and new-department.ts).
 *
 * Prisma's `migrate dev` needs a shadow database, which does not work with the offline JS engine
 * (it replays each migration through the driver adapter, which runs one statement per call), so
 * migrations are made with `migrate diff` and applied at start by `migrate deploy`.
 *
 * The contract's tables (the kit's contract.prisma, linked into every department's prisma/ folder)
 * are migrated once, in the kit: services/kit/prisma/contract-migrations/<stamp>_<name>/. A
 * department's prisma/migrations/ has a real folder of the same name whose migration.sql is a
 * relative symlink to the kit's (`migrate deploy` skips a migration folder that is a link, but
 * follows a linked migration.sql), beside the department's own migrations, which hold only its own
 * tables.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POSTGRES_MIGRATIONS_DIR, writePostgresSchema } from '../services/kit/src/db/postgres.js';
import { auditGuardsPostgresSql } from '../services/runtime/src/audit/postgres-store.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

/** The kit's folder: its prisma/ folder holds the contract's models and their migrations. */
export const kitDir = join(root, 'services', 'kit');
/** The contract's models alone (the kit's prisma/ folder), as a `migrate diff` argument list. */
export const fromContractModels: readonly string[] = ['--from-schema-datamodel', join(kitDir, 'prisma')];
/** The contract's migrations, which every department links in. */
export const contractMigrationsDir = join(kitDir, 'prisma', 'contract-migrations');
/** The indexes on the contract's tables that Prisma cannot express; the contract's first migration ends with them. */
export const contractIndexesFile = join(kitDir, 'prisma', 'contract-indexes.sql');

/** What the contract's tables need on PostgreSQL beyond Prisma's schema (indexes, the daily statistics' trigger). */
export const contractPostgresFile = join(kitDir, 'prisma', 'contract-postgresql.sql');

/** A service's own migrations folder. */
export const migrationsDir = (serviceDir: string) => join(serviceDir, 'prisma', 'migrations');

/** True for a department: its prisma/ folder links the kit's contract.prisma. */
export const hasContract = (serviceDir: string) => existsSync(join(serviceDir, 'prisma', 'contract.prisma'));

/**
 * The SQL that takes a service's database from `from` (a `migrate diff --from-…` argument list) to
 * the models in its prisma/ folder, or null when there is nothing to do.
 */
export function diffToModels(serviceDir: string, from: readonly string[]): string | null {
  const args = [
    'migrate',
    'diff',
    '--config',
    'prisma.config.ts',
    ...from,
    '--to-schema-datamodel',
    'prisma',
    '--script',
  ];
  const sql = execFileSync(process.execPath, [prismaCli, ...args], {
    cwd: serviceDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return /empty migration/i.test(sql) ? null : sql;
}

/** A service's committed PostgreSQL migrations (a service has them once it runs on PostgreSQL). */
export const postgresMigrationsDir = (serviceDir: string) => join(serviceDir, POSTGRES_MIGRATIONS_DIR);

/**
 * The SQL that takes a service's PostgreSQL database from the models derived from `fromServiceDir`'s
 * prisma/ folder (as committed, or the kit's for a department's first: its own tables only; null:
 * from nothing) to the models derived from its prisma/ folder now, or null when there is nothing to
 * do. From nothing, an audit table gets its guards and the contract's tables their indexes and
 * trigger (what Prisma cannot express).
 */
export function postgresDiffToModels(serviceDir: string, fromServiceDir: string | null): string | null {
  const to = writePostgresSchema(serviceDir);
  const from = fromServiceDir ? ['--from-schema-datamodel', writePostgresSchema(fromServiceDir)] : ['--from-empty'];
  const args = ['migrate', 'diff', '--config', 'prisma.config.ts', ...from, '--to-schema-datamodel', to, '--script'];
  // The SQLite configuration: a diff of two schemas needs no database (the PostgreSQL one would connect).
  const env = { ...process.env, DATABASE_URL: '' };
  const sql = execFileSync(process.execPath, [prismaCli, ...args], {
    cwd: serviceDir,
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (/empty migration/i.test(sql)) return null;
  const guards =
    !fromServiceDir && /CREATE TABLE "AuditRecord"/.test(sql) ? `\n${auditGuardsPostgresSql('"AuditRecord"')}` : '';
  const contract =
    !fromServiceDir && /CREATE TABLE "Case"/.test(sql) ? `\n${readFileSync(contractPostgresFile, 'utf8')}` : '';
  return sql + guards + contract;
}

/** The contract's first migration: its tables from nothing, then the indexes Prisma cannot express. */
export function contractInitSql(): string {
  return `${diffToModels(kitDir, ['--from-empty']) ?? ''}\n${readFileSync(contractIndexesFile, 'utf8')}`;
}

/** The contract's migrations for PostgreSQL, which every department on PostgreSQL links in. */
export const contractPostgresMigrationsDir = join(kitDir, 'prisma', 'contract-migrations-postgresql');

/** The contract's migrations (for PostgreSQL with `postgresql`), oldest first (their folder names). */
export function contractMigrationNames(provider: 'sqlite' | 'postgresql' = 'sqlite'): string[] {
  const dir = provider === 'sqlite' ? contractMigrationsDir : contractPostgresMigrationsDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Links the kit's contract migration `name` into a department (a folder of the same name, its
 * migration.sql a link): into prisma/migrations, or with `postgresql` into prisma/migrations-postgresql.
 */
export function linkContractMigration(
  serviceDir: string,
  name: string,
  provider: 'sqlite' | 'postgresql' = 'sqlite',
): void {
  const [from, to] =
    provider === 'sqlite'
      ? [contractMigrationsDir, migrationsDir(serviceDir)]
      : [contractPostgresMigrationsDir, postgresMigrationsDir(serviceDir)];
  const dir = join(to, name);
  mkdirSync(dir, { recursive: true });
  symlinkSync(relative(dir, join(from, name, 'migration.sql')), join(dir, 'migration.sql'));
}

/** A migration folder's name: the UTC time to the second, then what it does. */
export function migrationName(name: string, at = new Date()): string {
  return `${at.toISOString().replace(/\D/g, '').slice(0, 14)}_${name}`;
}

/** Writes `<folder>/migration.sql` under a migrations folder; returns the folder. */
export function writeMigration(migrations: string, folder: string, sql: string): string {
  const dir = join(migrations, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  return dir;
}

/**
 * A new department's migrations, for SQLite and for PostgreSQL: every contract migration linked in,
 * then one of its own tables (from the contract's models to its own), named `<stamp>_<code>`.
 */
export function writeDepartmentMigrations(serviceDir: string, code: string): void {
  for (const name of contractMigrationNames()) linkContractMigration(serviceDir, name);
  const own = diffToModels(serviceDir, fromContractModels);
  if (own !== null) writeMigration(migrationsDir(serviceDir), migrationName(code), own);
  // The same for PostgreSQL, so the department can run on either (DATABASE_URL).
  mkdirSync(postgresMigrationsDir(serviceDir), { recursive: true });
  writeFileSync(
    join(postgresMigrationsDir(serviceDir), 'migration_lock.toml'),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  for (const name of contractMigrationNames('postgresql')) linkContractMigration(serviceDir, name, 'postgresql');
  const ownPostgres = postgresDiffToModels(serviceDir, kitDir);
  if (ownPostgres !== null) writeMigration(postgresMigrationsDir(serviceDir), migrationName(code), ownPostgres);
}
