/**
 * The PostgreSQL migrations of every service that runs on PostgreSQL (a department's: the
 * contract's, linked in from the kit, and its own), against its one Prisma schema: replayed into a real cluster's shadow database by Prisma's own `migrate diff
 * --from-migrations`, they give exactly the models, and a model changed without its migration is
 * found. The shadow database goes through the kit's migration adapter (db/postgres.ts), which gets
 * past Prisma 6.19's PostgreSQL bugs.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, serviceDir, subgraphNames } from '../schema/src/index.js';
import { POSTGRES_MIGRATIONS_DIR, writePostgresSchema } from '../services/kit/src/db/postgres.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

const run = promisify(execFile);
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
/** The services whose data may live in PostgreSQL: those with committed PostgreSQL migrations. */
const onPostgres = subgraphNames.filter((name) => existsSync(join(serviceDir(name), POSTGRES_MIGRATIONS_DIR)));

let postgres: TestPostgres;
let url: string;
const scratch: string[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  url = await postgres.createDatabase('migrations');
});

afterAll(async () => {
  await postgres?.stop();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** What `migrate diff` says takes the replayed migrations of `migrations` to the models in `schemaDir`. */
async function diffFromMigrations(service: string, migrations: string, schemaDir: string): Promise<string> {
  const args = ['migrate', 'diff', '--config', 'prisma.config.ts', '--from-migrations', migrations];
  const { stdout } = await run(process.execPath, [prismaCli, ...args, '--to-schema-datamodel', schemaDir, '--script'], {
    cwd: serviceDir(service),
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  return stdout;
}

describe('PostgreSQL migrations', () => {
  it('exist for the center and every department', () => {
    expect(onPostgres).toEqual(expect.arrayContaining(['center', ...departments.map((d) => d.code)]));
  });

  it.each(onPostgres)('of %s give exactly its Prisma models', async (service) => {
    const dir = serviceDir(service);
    const schema = writePostgresSchema(dir);
    // The derived schema is PostgreSQL's, with every model of the one schema.
    const derived = readFileSync(join(schema, 'schema.prisma'), 'utf8');
    expect(derived).toMatch(/provider = "postgresql"/);
    for (const file of readdirSync(join(dir, 'prisma')).filter((name) => name.endsWith('.prisma')))
      for (const [, model] of readFileSync(join(dir, 'prisma', file), 'utf8').matchAll(/^model (\w+) \{/gm))
        expect(derived, `${file}: model ${model}`).toContain(`model ${model} {`);
    expect(await diffFromMigrations(service, join(dir, POSTGRES_MIGRATIONS_DIR), schema)).toMatch(/empty migration/i);
    // The shadow databases the diffs replayed into are gone.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE '%shadow%'");
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('find a model changed without its migration', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'onewindow-pg-drift-'));
    scratch.push(copy);
    cpSync(join(serviceDir('center'), 'prisma'), join(copy, 'prisma'), { recursive: true });
    const schemaFile = join(copy, 'prisma', 'schema.prisma');
    const changed = readFileSync(schemaFile, 'utf8').replace(/^model Staff \{/m, 'model Staff {\n  nickname String?');
    writeFileSync(schemaFile, changed);
    const diff = await diffFromMigrations('center', join(copy, POSTGRES_MIGRATIONS_DIR), writePostgresSchema(copy));
    expect(diff).toMatch(/ALTER TABLE "Staff" ADD COLUMN\s+"nickname" TEXT/);
  });
});
