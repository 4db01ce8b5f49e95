/**
 * The bench's seeded data: one directory per scale and county size, bench/data/<cases>-d<N>/,
 * seeded on first use with the county's skewed shares (bench/departments.ts) and reused while it
 * still holds what was asked for.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRACT_DEPARTMENTS_FILE } from '../schema/src/index.js';
import { databaseFile } from '../services/kit/src/index.js';
import { writeBenchCounty, writeCentralWriteCounty, type BenchCounty } from './departments.js';

const root = fileURLToPath(new URL('../', import.meta.url));
/** The seeder's heap: a million cases in one department peaked at about 5 GB here, over node's default of 4. */
const SEED_HEAP_MIB = 8192;

export interface BenchData {
  dir: string;
  county: BenchCounty;
  /** The environment every service of this data needs (the generated departments' file). */
  env: Record<string, string>;
}

/** A service's migrations folder: its own, or the kit's for a contract-only department. */
function migrationsOf(service: string): string {
  const own = join(root, 'services', service, 'prisma', 'migrations');
  return existsSync(own) ? own : join(root, 'services', 'kit', 'prisma', 'migrations');
}

/**
 * True when a service's database records a migration the repository no longer has (one made
 * before the migrations were squashed): it cannot be migrated forward and must be seeded anew.
 */
function migratedByOtherHistory(file: string, service: string): boolean {
  if (!existsSync(file)) return false;
  const committed = new Set(readdirSync(migrationsOf(service)));
  const db = new Database(file, { readonly: true });
  try {
    const applied = db.prepare('SELECT migration_name AS name FROM _prisma_migrations').all() as { name: string }[];
    return applied.some(({ name }) => !committed.has(name));
  } catch {
    return false; // not migrated yet
  } finally {
    db.close();
  }
}

function caseCount(file: string): number {
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM "Case"').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/**
 * The data of `cases` cases over a county of `departmentCount` departments, seeded if needed; or,
 * with `centralWrites`, the same number of cases in the one database of the centralized write
 * baseline (writeCentralWriteCounty).
 */
export function ensureData(cases: number, departmentCount = 5, centralWrites = false): BenchData {
  const dir = `${root}bench/data/${cases}-${centralWrites ? 'central-writes' : `d${departmentCount}`}`;
  const marker = join(dir, 'seed.json');
  const wanted = JSON.stringify(
    centralWrites ? { cases, centralWrites } : { cases, departments: departmentCount, skew: 'zipf 1.1' },
  );
  const stale =
    existsSync(dir) &&
    ((existsSync(marker) ? readFileSync(marker, 'utf8') : '') !== wanted ||
      [...readdirSync(dir)]
        .filter((name) => name.endsWith('.db') && name !== 'centralized.db')
        .some((name) => migratedByOtherHistory(join(dir, name), name.slice(0, -3))));
  if (stale) {
    process.stdout.write(`${dir} holds other data, or data migrations no longer describe; seeding it anew.\n`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  const county = centralWrites ? writeCentralWriteCounty(dir) : writeBenchCounty(dir, departmentCount);
  const env: Record<string, string> = county.contractDepartmentsFile
    ? { [CONTRACT_DEPARTMENTS_FILE]: county.contractDepartmentsFile }
    : {};
  // A seeded scale holds exactly the cases asked for; this also accepts one seeded by an older
  // seeder, which left out the cases of later today (up to a day's share of a year).
  const total = county.codes.reduce((sum, code) => sum + caseCount(databaseFile(dir, code)), 0);
  if (total > cases || total < cases * 0.99) {
    process.stdout.write(`Seeding ${cases} cases over ${county.codes.length} departments into ${dir} ...\n`);
    const args = ['--cases', String(cases), '--replace', '--data-dir', dir];
    args.push('--departments', county.codes.join(','), '--weights', county.weights.join(','));
    // The seeder holds a department's whole history before writing it in time order: the
    // centralized write baseline's one department of a million cases outgrows node's default heap.
    execFileSync(
      process.execPath,
      [`--max-old-space-size=${SEED_HEAP_MIB}`, '--import', 'tsx', 'scripts/seed.ts', ...args],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, ...env },
      },
    );
    rmSync(join(dir, 'centralized.db'), { force: true });
  }
  writeFileSync(marker, wanted);
  return { dir, county, env };
}
