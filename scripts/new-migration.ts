/**
 * `npm run migration -- <service> <name>`: writes the next migration of a service from the
 * difference between its Prisma models as committed (HEAD) and as they are now.
 *
 * A change to the contract (services/kit/prisma/contract.prisma) is `npm run migration -- kit <name>`:
 * it writes one migration in the kit (prisma/contract-migrations/<stamp>_<name>/) and links it into
 * every department (prisma/migrations/<stamp>_<name>/migration.sql, a relative symlink; see
 * prisma-migrations.ts), so each department applies it at its next start. A department's own
 * migration holds its own models only: it is diffed against the contract as it is now.
 *
 * A service that runs on PostgreSQL has prisma/migrations-postgresql/ too, and gets the same
 * change for PostgreSQL there, diffed between the PostgreSQL copies of the same models
 * (services/kit/src/db/postgres.ts). The contract's PostgreSQL migrations are the kit's
 * (prisma/contract-migrations-postgresql/), linked into every department on PostgreSQL as the
 * SQLite ones are. `--postgresql` writes a service's first one: for a department, the contract's
 * linked in and its own tables; for another service, everything from nothing.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { departments } from '../schema/src/registry.js';
import {
  contractMigrationNames,
  contractMigrationsDir,
  contractPostgresMigrationsDir,
  diffToModels,
  kitDir,
  fromContractModels,
  hasContract,
  linkContractMigration,
  migrationName,
  migrationsDir,
  postgresDiffToModels,
  postgresMigrationsDir,
  writeMigration,
} from './prisma-migrations.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const [service = '', name = ''] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!service || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write('usage: npm run migration -- <service or kit> <name_in_snake_case>\n');
  process.exit(2);
}
const serviceDir = join(root, 'services', service);
const contract = join('services', 'kit', 'prisma', 'contract.prisma');
const committed = mkdtempSync(join(tmpdir(), 'onewindow-migration-'));

/** The `migrate diff --from-…` arguments for the service's models as committed. */
function committedModels(): string[] {
  try {
    // The service's prisma/ folder and the kit's (its contract.prisma is linked in) as committed.
    const folders = service === 'kit' ? ['services/kit/prisma'] : [`services/${service}/prisma`, 'services/kit/prisma'];
    const archive = execFileSync('git', ['archive', 'HEAD', ...folders], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    execFileSync('tar', ['-x', '-C', committed], { input: archive });
  } catch {
    // Not committed yet: a department starts from the contract, any other service from nothing.
    return service !== 'kit' && hasContract(serviceDir) ? [...fromContractModels] : ['--from-empty'];
  }
  if (service !== 'kit' && hasContract(serviceDir)) {
    if (readFileSync(join(committed, contract), 'utf8') !== readFileSync(join(root, contract), 'utf8')) {
      process.stdout.write(
        'The contract differs from HEAD: that change is one migration, `npm run migration -- kit <name>`.\n',
      );
    }
    // The contract as it is now, so that the department's migration holds its own models only.
    copyFileSync(join(root, contract), join(committed, contract));
  }
  return ['--from-schema-datamodel', join(committed, 'services', service, 'prisma')];
}

/**
 * The PostgreSQL migration of one service that runs on PostgreSQL (it has prisma/migrations-postgresql,
 * or `--postgresql` asks for its first), from its models as committed to its models now: written
 * beside the SQLite one, from the same Prisma schema; the kit's is the contract's. A department's
 * holds its own tables only: its first links the contract's in. Returns whether one was written.
 */
function writePostgresMigration(dir: string, folder: string, first: boolean): boolean {
  const committedDir = join(committed, relative(root, dir));
  const department = dir !== kitDir && hasContract(dir);
  if (first && department) {
    for (const name of contractMigrationNames('postgresql')) linkContractMigration(dir, name, 'postgresql');
  }
  // A department's own tables only: from the contract's models on its first, else from its models as committed (with the contract as it is now).
  const from = first ? (department ? kitDir : null) : existsSync(join(committedDir, 'prisma')) ? committedDir : null;
  const sql = postgresDiffToModels(dir, from);
  if (sql === null) return false;
  const written = writeMigration(
    dir === kitDir ? contractPostgresMigrationsDir : postgresMigrationsDir(dir),
    folder,
    sql,
  );
  process.stdout.write(`Wrote ${relative(root, written)}/migration.sql (PostgreSQL).\n`);
  return true;
}

try {
  const sql = diffToModels(serviceDir, committedModels());
  const folder = migrationName(name);
  if (sql === null) {
    process.stdout.write(`services/${service}: the models match the committed ones; no migration written.\n`);
  } else if (service === 'kit') {
    const dir = writeMigration(contractMigrationsDir, folder, sql);
    const linked = departments.map((d) => join(root, 'services', d.code)).filter((path) => existsSync(path));
    for (const department of linked) linkContractMigration(department, folder);
    // The kit's own prisma/migrations migrate contract-only departments (contract-only.ts).
    linkContractMigration(kitDir, folder);
    process.stdout.write(
      `Wrote ${dir}/migration.sql and linked it into ${linked.length} departments and the kit's migrations.\n`,
    );
  } else {
    const dir = writeMigration(migrationsDir(serviceDir), folder, sql);
    process.stdout.write(`Wrote ${dir}/migration.sql; the service applies it at its next start.\n`);
  }
  // The same change for PostgreSQL, where the service (for the contract: any department) runs on it.
  const first = process.argv.includes('--postgresql');
  if (service === 'kit') {
    const onPostgres = departments
      .map((d) => join(root, 'services', d.code))
      .filter((dir) => existsSync(postgresMigrationsDir(dir)));
    const started = contractMigrationNames('postgresql').length > 0;
    if (started || first || onPostgres.length) {
      const folder = migrationName(name);
      if (writePostgresMigration(kitDir, folder, !started))
        for (const dir of onPostgres) linkContractMigration(dir, folder, 'postgresql');
    }
  } else {
    const hasPostgres = existsSync(postgresMigrationsDir(serviceDir));
    if (hasPostgres || first) writePostgresMigration(serviceDir, migrationName(name), !hasPostgres);
  }
} finally {
  rmSync(committed, { recursive: true, force: true });
}
