/**
 * `npm run seed -- --cases N [--replace] [--departments a,b] [--weights 30,20,…] [--data-dir DIR]`
 *
 * Writes a deterministic demo history of N cases spread over the departments, evenly or in
 * proportion to --weights (one per department, in the order named; the same N and weights on the
 * same day give the same data): realistic statuses, durations, supplements, refusals,
 * suspensions and 5–15 % overdue, each case following the state machine's rules. A department
 * that already has cases is left alone unless --replace is given, which deletes its cases,
 * events and own rows first (never its catalog). Services may keep running meanwhile. A department
 * whose database is PostgreSQL (`<CODE>_DATABASE_URL`, as `npm start` gives it) is seeded there.
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { databaseUrlVariable, departments } from '../schema/src/index.js';
import { departmentDefinition } from '../services/host/src/department-definitions.js';
import {
  applicantSecretEnv,
  commonEnvSchema,
  loadEnv,
  createLogger,
  repoRoot,
  withApplicantSecret,
} from '../services/runtime/src/index.js';
import {
  asKitDatabase,
  databaseFile,
  databaseName,
  definitionServiceDir,
  openDatabase,
  seedCatalog,
  SeededRandom,
  splitByWeights,
  writeDemoHistory,
} from '../services/kit/src/index.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    replace: { type: 'boolean', default: false },
    departments: { type: 'string' },
    weights: { type: 'string' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? `${repoRoot}.data` },
  },
});

// Demo data never goes into a county's real databases.
if (process.env.NODE_ENV === 'production') {
  process.stderr.write('npm run seed writes demo data and is refused when NODE_ENV=production.\n');
  process.exit(2);
}

const total = Number(values.cases);
if (!Number.isInteger(total) || total < 0 || total > 10_000_000) {
  process.stderr.write(
    'usage: npm run seed -- --cases N [--replace] [--departments market,housing] [--weights 3,1] [--data-dir DIR]\n',
  );
  process.exit(2);
}
const chosen = values.departments ? values.departments.split(',') : departments.map((d) => d.code);
const unknown = chosen.filter((code) => !departments.some((d) => d.code === code));
if (unknown.length) {
  process.stderr.write(`Unknown department(s): ${unknown.join(', ')}\n`);
  process.exit(2);
}

const weights = values.weights ? values.weights.split(',').map(Number) : chosen.map(() => 1);
if (
  weights.length !== chosen.length ||
  weights.some((w) => !Number.isFinite(w) || w < 0) ||
  !weights.some((w) => w > 0)
) {
  process.stderr.write(`--weights needs ${chosen.length} numbers ≥ 0, one per department, not all 0\n`);
  process.exit(2);
}

const counts = splitByWeights(total, weights);

const logger = createLogger('seed', 'warn');
const { APPLICANT_ID_SECRET: applicantSecret } = loadEnv(
  commonEnvSchema.extend(applicantSecretEnv).transform(withApplicantSecret),
  process.env,
);
const now = new Date();
const started = performance.now();
const sizes: string[] = [];
for (const [index, code] of chosen.entries()) {
  const definition = await departmentDefinition(code);
  const entry = departments.find((d) => d.code === code)!;
  const share = counts[index]!;
  const database = { file: databaseFile(values['data-dir']!, code), url: process.env[databaseUrlVariable(code)] };
  const client = await openDatabase({
    serviceDir: definitionServiceDir(definition),
    ...database,
    logger,
    createClient: definition.createClient,
  });
  const db = asKitDatabase(client);
  if ((await db.item.count()) === 0) await seedCatalog(db, definition.catalog);
  const existing = await db.case.count();
  if (existing > 0 && !values.replace) {
    await client.$disconnect();
    process.stderr.write(`${code}: has ${existing} cases already; pass --replace to delete them first. Skipped.\n`);
    continue;
  }
  const departmentStarted = performance.now();
  if (existing > 0) {
    const ownTable = definition.ownDemoRows?.([], new SeededRandom(0)).table;
    const tables = ['IdempotencyRecord', 'CaseEvent', ...(ownTable ? [ownTable] : []), 'Case'];
    await db.$transaction(tables.map((table) => db.$executeRawUnsafe(`DELETE FROM "${table}"`)));
  }
  await client.$disconnect();
  const written = await writeDemoHistory(definition, entry, database, share, now, applicantSecret);
  const size = database.url ? 'in PostgreSQL' : `${(statSync(database.file).size / 1024 / 1024).toFixed(1)} MB`;
  const where = database.url ? databaseName(database.url) : `${database.file} is ${size}`;
  sizes.push(`${code} ${size}`);
  process.stdout.write(
    `${code}: ${written.cases} cases, ${written.events} events in ${((performance.now() - departmentStarted) / 1000).toFixed(1)} s; ${where}\n`,
  );
}
process.stdout.write(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (${sizes.join(', ')}).\n`);
