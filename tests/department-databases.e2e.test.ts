/**
 * A department on PostgreSQL answers exactly as on SQLite. The same department starts twice from
 * the same seeded history (the seeder writes the same cases for a department, a count and a
 * clock): once on its SQLite file, once on a PostgreSQL database in a cluster the test starts.
 * Every question goes to both and the answers are compared whole: queries generated from the
 * department's schema, every case order walked page by page under random filters (the raw SQL of
 * the fast path, with its cursors), statistics under random groupings and filters (the maintained
 * daily rows and the GROUP BY over the cases), and the same writes sent to both, after which
 * everything is compared again; `npm run seed` writes the same history into either. SQLite is the oracle: the department suite checks it against
 * brute force, and runs on PostgreSQL too (vitest.config.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housing } from '../services/housing/src/department.js';
import { TRANSITIONS, type TransitionName } from '../services/kit/src/index.js';
import { SeededRandom } from '../services/kit/src/department/random.js';
import { startTestDepartment, type TestDepartment } from './support/department.js';
import { openServiceDatabase } from './support/service-database.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import { post } from './support/graphql.js';
import { SUPERVISOR, headersFor, officerOf, WINDOW, type Caller } from './support/callers.js';
import { QueryGenerator } from './support/query-generator.js';
import { enterprise, person } from './support/applicants.js';
import { realPicker, type RealValues } from './support/fuzz-values.js';
import { subgraphSchema } from './support/subgraph-schema.js';
import { repoRoot } from '../services/runtime/src/index.js';
import { WRITE_LOCK } from '../services/kit/src/db/postgres.js';

const run = promisify(execFile);
const rng = new SeededRandom(20261202);
let now = new Date('2026-11-20T03:00:00.000Z');
let postgres: TestPostgres;
let onSqlite: TestDepartment;
let onPostgres: TestDepartment;
let postgresUrl: string;

beforeAll(async () => {
  postgres = await startPostgres();
  postgresUrl = await postgres.createDatabase('housing');
  const env = { DEMO_CASES: '400', SUPERVISION_WARNING_DAYS: '5', DATABASE_BUSY_TIMEOUT_MS: '1500' };
  [onSqlite, onPostgres] = await Promise.all([
    startTestDepartment(housing, env, () => now),
    startTestDepartment(housing, { ...env, DATABASE_URL: postgresUrl }, () => now),
  ]);
});

afterAll(async () => {
  await Promise.all([onSqlite?.stop(), onPostgres?.stop()]);
  await postgres?.stop();
});

/** Asks both departments the same; returns both answers (status and body). */
async function askBoth(text: string, variables: Record<string, unknown> = {}, as: Caller = SUPERVISOR) {
  const headers = await headersFor(as);
  const [sqlite, postgresql] = await Promise.all(
    [onSqlite, onPostgres].map(async (d) => {
      const { status, body } = await post(d.url, text, variables, headers);
      return { status, body };
    }),
  );
  return { sqlite: sqlite!, postgresql: postgresql! };
}

/** Asks both and expects the same answer, with data; returns the SQLite one's data. */
async function sameAnswer(text: string, variables: Record<string, unknown> = {}, as: Caller = SUPERVISOR) {
  const { sqlite, postgresql } = await askBoth(text, variables, as);
  expect(sqlite.body.errors, `${text}\n${JSON.stringify(variables)}`).toBeUndefined();
  expect(postgresql, `${text}\n${JSON.stringify(variables)}`).toEqual(sqlite);
  return sqlite.body.data!;
}

const STATUSES = ['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'ACCEPTED', 'IN_REVIEW', 'SUSPENDED', 'APPROVED', 'DENIED'];
const LEVELS = ['NONE', 'WARNING', 'YELLOW', 'RED'];

/** A random case filter over the seeded period (any field the raw SQL handles differently per database). */
function randomFilter(itemCodes: readonly string[]): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const instant = () => new Date(now.getTime() - rng.int(0, 330) * 86_400_000 - rng.int(0, 86_399) * 1000);
  if (rng.chance(0.3)) filter.statuses = STATUSES.filter(() => rng.chance(0.4));
  if (rng.chance(0.3)) filter.itemCodes = itemCodes.filter(() => rng.chance(0.4));
  if (rng.chance(0.3)) filter.submittedFrom = instant().toISOString();
  if (rng.chance(0.2)) filter.submittedTo = instant().toISOString();
  if (rng.chance(0.2)) filter.concludedFrom = instant().toISOString();
  if (rng.chance(0.2)) filter.overdue = rng.chance(0.5);
  if (rng.chance(0.2)) filter.supervisionLevels = LEVELS.filter(() => rng.chance(0.5));
  // Case numbers and names in either case, LIKE's wildcards taken literally.
  if (rng.chance(0.2)) filter.text = rng.pick(['housing-2026', 'HOUSING-20260', '%', '_', '0001', '张', 'x\\y']);
  if (rng.chance(0.1)) filter.kind = rng.pick(['IMMEDIATE', 'PROMISED']);
  return filter;
}

async function itemCodes(): Promise<string[]> {
  const data = await sameAnswer('{ housing { items(first: 100) { edges { node { code } } } } }');
  return data.housing.items.edges.map((edge: { node: { code: string } }) => edge.node.code);
}

/** Walks a whole list on both, page by page through each one's own cursors, comparing every page. */
async function walkList(filter: Record<string, unknown>, orderBy: Record<string, string>, first: number) {
  const text = `query($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
    housing { cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id number status deadline overdue supervisionLevel remainingWorkingDays submittedAt concludedAt } } } } }`;
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const data = await sameAnswer(text, { filter, orderBy, first, after });
    const page = data.housing.cases;
    pages += 1;
    if (!page.pageInfo.hasNextPage || pages > 60) return pages;
    after = page.pageInfo.endCursor;
  }
}

describe('a department on PostgreSQL and on SQLite, from the same history', () => {
  it('hold the same cases, events and daily statistics rows', async () => {
    const tables = [
      ['Case', '"id"'],
      ['CaseEvent', '"id"'],
      ['CaseDailyStats', '"day", "itemCode", "status"'],
      ['CaseDailyTotals', '"day"'],
    ] as const;
    for (const [table, order] of tables) {
      const rows = await Promise.all(
        [join(onSqlite.dataDir, 'housing.db'), postgresUrl].map(async (where) => {
          const db =
            where === postgresUrl ? openServiceDatabase('', postgresUrl) : openServiceDatabase(where, undefined);
          try {
            return (await db.query(`SELECT * FROM "${table}" ORDER BY ${order}`)).map(normalized);
          } finally {
            await db.close();
          }
        }),
      );
      expect(rows[0]!.length, table).toBeGreaterThan(100);
      expect(rows[1], table).toEqual(rows[0]);
    }
  });

  it('answer the headline numbers, the catalog and public tracking alike', async () => {
    await sameAnswer('{ housing { department { code name openCases overdueCases itemCount onTimeRate } } }');
    await sameAnswer('{ housing { items(first: 100) { totalCount edges { cursor node { code name kind } } } } }');
  });

  it('walk every case order, in both directions, page by page under random filters', async () => {
    const codes = await itemCodes();
    let pages = 0;
    for (const field of ['SUBMITTED_AT', 'DEADLINE', 'NUMBER']) {
      for (const direction of ['ASC', 'DESC']) {
        for (let round = 0; round < 4; round += 1) {
          const filter = round === 0 ? {} : randomFilter(codes);
          pages += await walkList(filter, { field, direction }, rng.int(7, 60));
        }
      }
    }
    expect(pages).toBeGreaterThan(60);
  });

  it('answer statistics under random groupings, measures and filters', async () => {
    const codes = await itemCodes();
    const dimensions = ['ITEM', 'STATUS', 'KIND', 'MONTH', 'WEEK', 'SUPERVISION_LEVEL'];
    const text = `query($filter: CaseFilter, $groupBy: [CaseStatsDimension!]!) {
      housing { caseStats(filter: $filter, groupBy: $groupBy) {
        itemCode status kind month week supervisionLevel count concluded decided onTime onTimeRate overdue
        denials supplements averageWorkingDaysToConclude durationSamples decidedAtWindow } } }`;
    for (let round = 0; round < 40; round += 1) {
      const groupBy = dimensions.filter(() => rng.chance(0.3)).slice(0, 2);
      // Midnight-to-midnight periods (China time) are answered from the daily rows; others from the cases.
      const filter = rng.chance(0.5)
        ? {
            submittedFrom: `2026-0${rng.int(1, 9)}-01T00:00:00+08:00`,
            ...(rng.chance(0.5) ? { statuses: ['APPROVED'] } : {}),
          }
        : randomFilter(codes);
      await sameAnswer(text, { filter, groupBy });
    }
  });

  it('answer queries generated from the schema alike', async () => {
    const real: RealValues = { ids: [], cursors: [], itemIds: [] };
    const seen = await sameAnswer(
      '{ housing { cases(first: 40) { edges { cursor node { id } } } items(first: 50) { edges { cursor node { id } } } } }',
    );
    for (const edge of seen.housing.cases.edges) {
      real.ids.push(edge.node.id);
      real.cursors.push(edge.cursor);
    }
    for (const edge of seen.housing.items.edges) real.itemIds.push(edge.node.id);
    const generator = new QueryGenerator(subgraphSchema('housing'), { seed: 20261202, pick: realPicker(real) });
    let withData = 0;
    for (let i = 0; i < 150; i += 1) {
      const { query: text, variables } = generator.next();
      const { sqlite, postgresql } = await askBoth(text, variables);
      expect(postgresql, `${text}\n${JSON.stringify(variables)}`).toEqual(sqlite);
      if (sqlite.body.data && !sqlite.body.errors) withData += 1;
    }
    // Most generated queries are answered, not refused: the comparison is of data.
    expect(withData).toBeGreaterThan(75);
  });

  it('make the same writes alike, and answer alike after them', async () => {
    const codes = await itemCodes();
    const fields = 'id number status version deadline overdue';
    const submitted: { id: string; version: number; status: string }[] = [];
    for (let i = 0; i < 12; i += 1) {
      // Some just after midnight in China, still the day (the week, the month) before in UTC.
      now = new Date(Date.UTC(2026, 10, 21 + i, i % 2 ? 16 : 3, 30));
      const input = {
        idempotencyKey: `equivalence-submit-${i}`,
        itemCode: codes[i % codes.length],
        applicant: i % 3 ? person(`张${'一二三四五六七八九十'[i % 10]}`) : enterprise(),
      };
      const data = await sameAnswer(
        `mutation($input: SubmitApplicationInput!) { housing { submit(input: $input) { ${fields} } } }`,
        { input },
        WINDOW,
      );
      submitted.push(data.housing.submit);
    }
    const steps: [TransitionName, Record<string, unknown>][] = [
      ['accept', {}],
      ['startReview', {}],
      ['approve', {}],
    ];
    for (const [index, current] of submitted.entries()) {
      let state = current;
      for (const [name, extra] of steps.slice(0, index % 4)) {
        const input = {
          idempotencyKey: `equivalence-${name}-${index}`,
          caseId: state.id,
          expectedVersion: state.version,
          ...extra,
        };
        const data = await sameAnswer(
          `mutation($input: ${TRANSITIONS[name].inputType}!) { housing { ${name}(input: $input) { ${fields} } } }`,
          { input },
          officerOf('housing'),
        );
        state = data.housing[name];
      }
    }
    await sameAnswer('{ housing { department { openCases overdueCases onTimeRate } } }');
    await walkList({}, { field: 'SUBMITTED_AT', direction: 'DESC' }, 50);
    const stats = `query($filter: CaseFilter, $groupBy: [CaseStatsDimension!]!) {
      housing { caseStats(filter: $filter, groupBy: $groupBy) {
        itemCode status month week count concluded decided onTime overdue averageWorkingDaysToConclude } } }`;
    // From the daily rows (a period from midnight, China time) and from the cases (from 00:10).
    for (const submittedFrom of ['2026-11-21T00:00:00+08:00', '2026-11-21T00:10:00+08:00']) {
      for (const groupBy of [['WEEK'], ['MONTH', 'STATUS'], ['ITEM']]) {
        const data = await sameAnswer(stats, { filter: { submittedFrom }, groupBy });
        expect(data.housing.caseStats.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('a write on PostgreSQL while another connection holds the write lock', () => {
  it('answers SERVICE_BUSY after the busy timeout, writes nothing, and goes through once the lock is free', async () => {
    const text = 'mutation($input: SubmitApplicationInput!) { housing { submit(input: $input) { id } } }';
    const input = { idempotencyKey: 'busy-submit', itemCode: (await itemCodes())[0], applicant: person('王五') };
    const headers = await headersFor(WINDOW);
    const cases = async () => {
      const db = openServiceDatabase('', postgresUrl);
      try {
        return (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM "Case"'))[0]!.n;
      } finally {
        await db.close();
      }
    };
    const before = await cases();
    // An operator's session (or another process of the department) holding the lock every write takes.
    const holder = new pg.Client({ connectionString: postgresUrl });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [WRITE_LOCK]);
      const busy = await post(onPostgres.url, text, { input }, headers);
      expect(busy.body.errors?.[0]?.extensions?.code).toBe('SERVICE_BUSY');
      expect(await cases()).toBe(before);
      await holder.query('SELECT pg_advisory_unlock($1)', [WRITE_LOCK]);
      const done = await post(onPostgres.url, text, { input }, headers);
      expect(done.body.errors).toBeUndefined();
      expect(await cases()).toBe(before + 1);
    } finally {
      await holder.end();
    }
  });
});

describe('npm run seed', () => {
  it('writes the same history into a department on PostgreSQL as into its SQLite file', async () => {
    const url = await postgres.createDatabase('housing_seeded');
    const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-seed-'));
    try {
      const seed = (env: Record<string, string>) =>
        run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--departments', 'housing', '--cases', '800'], {
          cwd: repoRoot,
          env: { ...process.env, DATA_DIR: dataDir, ...env },
        });
      // Both on the same day: the seeder's history depends on the department, the count and the day.
      await Promise.all([seed({}), seed({ HOUSING_DATABASE_URL: url })]);
      const rows = await Promise.all(
        [openServiceDatabase(join(dataDir, 'housing.db'), undefined), openServiceDatabase('', url)].map(async (db) => {
          try {
            const read = async (sql: string) => (await db.query(sql)).map(normalized);
            return {
              cases: await read('SELECT * FROM "Case" ORDER BY "id"'),
              daily: await read('SELECT * FROM "CaseDailyStats" ORDER BY "day", "itemCode", "status"'),
              totals: await read('SELECT * FROM "CaseDailyTotals" ORDER BY "day"'),
              own: await read('SELECT * FROM "ConstructionProject" ORDER BY "caseId"'),
            };
          } finally {
            await db.close();
          }
        }),
      );
      expect(rows[0]!.cases).toHaveLength(800);
      expect(rows[1]).toEqual(rows[0]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A row as either database gives it, in one form: instants as ISO text, booleans as 0 or 1. */
function normalized(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      if (value instanceof Date) return [key, value.toISOString()];
      if (typeof value === 'boolean') return [key, Number(value)];
      if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT.*\+00:00$/.test(value))
        return [key, new Date(value).toISOString()];
      return [key, value];
    }),
  );
}

describe('a department whose PostgreSQL is down', () => {
  const COUNT = '{ housing { cases(first: 1) { totalCount } } }';
  it('answers DEPARTMENT_UNAVAILABLE naming itself, stopped or taking no connections, writes nothing, and serves again once it is back', async () => {
    const submit = 'mutation($input: SubmitApplicationInput!) { housing { submit(input: $input) { id } } }';
    const input = { idempotencyKey: 'submit-while-down', itemCode: (await itemCodes())[0], applicant: person('赵六') };
    // Only the PostgreSQL one is asked: the write-lock test above wrote to it alone.
    const count = async () => {
      const { body } = await post(onPostgres.url, COUNT, {}, await headersFor(SUPERVISOR));
      return body.data?.housing.cases.totalCount as number;
    };
    const before = await count();
    await postgres.halt();
    try {
      const read = await post(onPostgres.url, COUNT, {}, await headersFor(SUPERVISOR));
      const write = await post(onPostgres.url, submit, { input }, await headersFor(WINDOW));
      for (const answer of [read, write]) {
        expect(answer.body.errors?.[0]).toMatchObject({
          message: expect.stringMatching(/Department "housing" .*cannot use its database/),
          extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'housing', reason: 'DATABASE_UNREACHABLE' },
        });
      }
    } finally {
      await postgres.resume();
    }
    // A server that runs but whose database takes no connections (an operator's maintenance).
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    try {
      await admin.query('ALTER DATABASE "housing" ALLOW_CONNECTIONS false');
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'housing'`);
      const closed = await post(onPostgres.url, COUNT, {}, await headersFor(SUPERVISOR));
      expect(closed.body.errors?.[0]?.extensions).toMatchObject({
        code: 'DEPARTMENT_UNAVAILABLE',
        department: 'housing',
        reason: 'DATABASE_UNREACHABLE',
      });
    } finally {
      await admin.query('ALTER DATABASE "housing" ALLOW_CONNECTIONS true');
      await admin.end();
    }
    // Back: nothing was written meanwhile, and the same write now goes through once.
    expect(await count()).toBe(before);
    const done = await post(onPostgres.url, submit, { input }, await headersFor(WINDOW));
    expect(done.body.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });
});
