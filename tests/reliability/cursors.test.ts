/**
 * Cursors of the hub's lists.
 *
 * - A property test: the hub's sort keys and merge order compare exactly as the departments'
 *   SQL does. Generated cases (ties, missing deadlines, deadlines equal to the "no deadline"
 *   sentinels, instants a millisecond apart, case numbers in many scripts and beyond U+FFFF) are
 *   written to SQLite files; each department's list is read page by page by the kit's own
 *   listCases with the cursors the hub makes from what a department answers, and the hub's merge
 *   of them must equal one ORDER BY over all departments, for every order field and direction.
 * - Through the gateways: a cursor made for one order or one filter and used with another, and
 *   forged or corrupt cursors, are BAD_USER_INPUT with no stack trace or SQL; the same filter
 *   written another way keeps working; stored instants have the one form the hub's keys assume.
 *
 * RELIABILITY_SCALE=full generates more and larger cases sets.
 */
import Database from 'better-sqlite3';
import { DateTimeResolver } from 'graphql-scalars';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../../schema/src/index.js';
import { encodeCursor } from '../../services/runtime/src/index.js';
import {
  casePositionCursor,
  listCases,
  SeededRandom,
  sortKey,
  sqlInstant,
  type CaseOrderInput,
} from '../../services/kit/src/index.js';
import { SqliteReader, type SqlReader } from '../../services/kit/src/db/reader.js';
import { compareSortKeys, mergePages, type DepartmentPage } from '../../services/hub/src/merge.js';
import { casePosition } from '../../services/hub/src/resolvers/cases.js';
import { person } from '../support/applicants.js';
import { compareCases, readAllCases } from '../support/brute-force.js';
import { findItem, step, submitCase, throughHub } from '../support/cases.js';
import { SUBGRAPHS, startFederation, type Federation } from '../support/federation.js';
import { post as anonymousPost, query as anonymousQuery, type GraphQLResult } from '../support/graphql.js';
import { SUPERVISOR, headersFor } from '../support/callers.js';

/** Lists are read by a supervisor (效能监察), who sees every department's cases. */
const post = async (url: string, text: string, variables: Record<string, unknown> = {}) =>
  anonymousPost(url, text, variables, await headersFor(SUPERVISOR));
const query = async (url: string, text: string, variables: Record<string, unknown> = {}) =>
  anonymousQuery(url, text, variables, await headersFor(SUPERVISOR));

const FULL = process.env.RELIABILITY_SCALE === 'full';
/** The property test's time limit: the full variant generates five times the sets, three times larger. */
const PROPERTY_TIMEOUT_MS = FULL ? 900_000 : 120_000;
const ORDERS: CaseOrderInput[] = (['SUBMITTED_AT', 'DEADLINE', 'NUMBER'] as const).flatMap((field) =>
  (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })),
);

/** Case numbers that sort differently by UTF-16 code unit, by code point, or by locale. */
const NUMBERS = [
  'ENV-20260101-000001',
  'ENV-20260101-000010',
  'env-20260101-000001',
  'TAX-20251231-000999',
  '9',
  '10',
  '010',
  '',
  ' 1',
  'a',
  'B',
  'é',
  'e\u0301',
  'Ｅ１２３',
  '１２３',
  '٣٢١',
  '第一号',
  '第二号',
  '\uE000',
  '\uFF10',
  '\uFFFD',
  '😀1',
  '𝟘𝟙𝟚',
  '𠀀',
  '\u{10FFFF}',
];

/** Instants with ties, millisecond neighbours and the values the "no deadline" sentinels stand for. */
function instantPool(rng: SeededRandom): Date[] {
  const base = Date.UTC(2026, 2, 1, 0, 30);
  const someHour = () => Date.UTC(2020 + rng.int(0, 8), rng.int(0, 11), rng.int(1, 28), rng.int(0, 23));
  const random = Array.from({ length: 6 }, () => new Date(someHour()));
  return [
    ...random,
    new Date(base),
    new Date(base + 1),
    new Date(base + 999),
    new Date(base + 1000),
    new Date('9999-12-31T23:59:59.999Z'),
    new Date('0000-01-01T00:00:00.000Z'),
    new Date('1970-01-01T00:00:00.000Z'),
  ];
}

interface GeneratedCase {
  id: number;
  submittedAt: Date;
  deadline: Date | null;
  number: string;
}

/** One department's generated cases: few distinct values, so that ties are common. */
function generateCases(rng: SeededRandom, count: number): GeneratedCase[] {
  const instants = instantPool(rng);
  const ids = new Set<number>();
  while (ids.size < count) ids.add(rng.int(1, count * 20));
  return [...ids].map((id) => ({
    id,
    submittedAt: rng.pick(instants),
    deadline: rng.chance(0.3) ? null : rng.pick(instants),
    number: rng.pick(NUMBERS),
  }));
}

let scratch: string;

/** A case's columns as the kit stores them (sqlInstant, like Prisma): id, submittedAt, deadline, number. */
const stored = (c: GeneratedCase) =>
  [c.id, sqlInstant(c.submittedAt), c.deadline && sqlInstant(c.deadline), c.number] as const;

/** The sort key of a case without a deadline under an order (the departments' sentinel). */
const noDeadlineKey = (order: CaseOrderInput) =>
  sortKey({ submittedAt: new Date(0), deadline: null, number: '' }, order);

/**
 * The oracle: every department's rows in one table and one ORDER BY on the departments' sort
 * expression, then registry position, then id.
 */
function orderBySql(codes: readonly string[], generated: readonly GeneratedCase[][]) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE "All" (department INTEGER, id INTEGER, submittedAt TEXT, deadline TEXT, number TEXT)');
  const insert = db.prepare('INSERT INTO "All" VALUES (?, ?, ?, ?, ?)');
  generated.forEach((cases, department) => {
    for (const c of cases) insert.run(department, ...stored(c));
  });
  return (order: CaseOrderInput): string[] => {
    const column = { SUBMITTED_AT: 'submittedAt', DEADLINE: 'COALESCE(deadline, ?)', NUMBER: 'number' }[order.field];
    const dir = order.direction;
    const sql = `SELECT department, id FROM "All" ORDER BY ${column} ${dir}, department ${dir}, id ${dir}`;
    const params = order.field === 'DEADLINE' ? [noDeadlineKey(order)] : [];
    const rows = db.prepare(sql).all(...params) as { department: number; id: number }[];
    return rows.map((r) => `${codes[r.department]}:${r.id}`);
  };
}

/** Writes a department's cases to its own SQLite file as the kit stores them, and opens the kit's reader on it. */
function departmentFile(name: string, cases: readonly GeneratedCase[]): SqlReader {
  const file = join(scratch, `${name}.db`);
  const db = new Database(file);
  try {
    db.exec('CREATE TABLE "Case" (id INTEGER PRIMARY KEY, submittedAt TEXT NOT NULL, deadline TEXT, number TEXT)');
    const insert = db.prepare('INSERT INTO "Case" (id, submittedAt, deadline, number) VALUES (?, ?, ?, ?)');
    for (const c of cases) insert.run(...stored(c));
  } finally {
    db.close();
  }
  return new SqliteReader(file);
}

/** A value as it crosses the wire: JSON, after the DateTime scalar's serialization. */
const wire = (at: Date) => JSON.parse(JSON.stringify(DateTimeResolver.serialize(at))) as string;

/** What a department answers for a case over GraphQL: its ID and the order's fields, serialized as on the wire. */
function answered(code: string, row: { id: number; submittedAt: Date; deadline: Date | null; number: string }) {
  const instant = (at: Date | null) => (at ? wire(at) : null);
  const { id, submittedAt, deadline, number } = row;
  return { id: `${code}:${id}`, submittedAt: instant(submittedAt), deadline: instant(deadline), number };
}

/**
 * A department's whole list as the hub reads it: page after page from the kit's listCases, each
 * page resumed with the cursor the hub computes from the last case it got (casePosition).
 */
async function readAsHub(reader: SqlReader, code: string, order: CaseOrderInput, rng: SeededRandom) {
  const edges: DepartmentPage<string>['edges'] = [];
  let after: string | null = null;
  for (;;) {
    const columns = ['number', 'submittedAt', 'deadline'];
    const clock = { now: new Date(), warningDays: 3 };
    const page = await listCases(reader, { orderBy: order, first: rng.int(1, 7), after, columns }, clock);
    for (const row of page.rows) {
      const node = answered(code, row);
      edges.push({ ...casePosition(node, order), node: node.id });
    }
    const last = edges.at(-1);
    if (!page.hasNextPage || !last) return edges;
    after = casePositionCursor(last.key, last.id);
  }
}

describe("the hub's sort keys compare exactly as the departments' SQL", () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'onewindow-cursors-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('compareSortKeys agrees with SQLite on every pair of keys', () => {
    const rng = new SeededRandom('sort-keys');
    const keys = [...NUMBERS, ...instantPool(rng).map(sqlInstant), ...ORDERS.map(noDeadlineKey)];
    const db = new Database(':memory:');
    const sqlite = db.prepare('SELECT (? > ?) - (? < ?) AS c');
    let pairs = 0;
    for (const a of keys) {
      for (const b of keys) {
        const expected = (sqlite.get(a, b, a, b) as { c: number }).c;
        expect(Math.sign(compareSortKeys(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(expected);
        pairs += 1;
      }
    }
    db.close();
    expect(pairs).toBe(keys.length ** 2);
  });

  it(
    'merged department lists, paged with hub cursors, equal one ORDER BY over every department',
    async () => {
      const sets = FULL ? 60 : 12;
      let compared = 0;
      for (let set = 0; set < sets; set += 1) {
        const rng = new SeededRandom(`cursor-property-${set}`);
        const codes = departments.slice(0, rng.int(2, departments.length)).map((d) => d.code);
        const generated = codes.map(() => generateCases(rng, rng.int(1, FULL ? 120 : 40)));
        const readers = codes.map((code, i) => departmentFile(`${set}-${code}`, generated[i]!));
        const oracle = orderBySql(codes, generated);
        try {
          for (const order of ORDERS) {
            const context = `set ${set}, ${order.field} ${order.direction}`;
            const expected = oracle(order);
            const pages = await Promise.all(
              readers.map(async (reader, index) => {
                const department = codes[index]!;
                return {
                  department,
                  index,
                  hasNextPage: false,
                  edges: await readAsHub(reader, department, order, rng),
                };
              }),
            );
            // Each department's list read with hub cursors is its own ORDER BY, nothing skipped or repeated.
            for (const page of pages) {
              const own = expected.filter((id) => id.startsWith(`${page.department}:`));
              expect(
                page.edges.map((e) => e.node),
                `${context}, ${page.department}`,
              ).toEqual(own);
            }
            const merged = mergePages(pages, expected.length, order.direction).map((edge) => edge.node);
            expect(merged, context).toEqual(expected);
            compared += expected.length;
          }
        } finally {
          for (const reader of readers) await reader.close();
        }
      }
      console.info(`cursor property: ${sets} generated sets, ${compared} merged positions compared with SQLite`);
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('cursors through the gateways', () => {
  let federation: Federation;
  beforeAll(async () => {
    // Our gateway and @apollo/gateway; the Rust planner is not compared here.
    federation = await startFederation({ demoCases: 30, services: [...SUBGRAPHS, 'gateway', 'apolloGateway'] });
  });
  afterAll(async () => {
    await federation?.stop();
  });

  const CASES = `query($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
    cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      pageInfo { endCursor } edges { node { id } } } }`;
  const ITEMS = `query($filter: ItemFilter, $first: Int, $after: String) {
    items(filter: $filter, first: $first, after: $after) { pageInfo { endCursor } edges { node { id } } } }`;
  const APPLICANT = `query($id: ID!, $after: String) {
    case(id: $id) { applicant { cases(first: 2, after: $after) { edges { node { id } } } } } }`;
  const gateways = () => [federation.gateway.url, federation.jsGateway.url, federation.apolloGatewayUrl];

  /** The error a request gets on every gateway: the same code, no stack trace or SQL. */
  async function refusal(text: string, variables: Record<string, unknown>): Promise<string> {
    const codes = new Set<string>();
    for (const url of gateways()) {
      const { status, body } = await post(url, text, variables);
      expect(status, url).toBeLessThan(500);
      expectClean(body);
      codes.add(String(body.errors?.[0]?.extensions?.code));
    }
    expect(codes.size, JSON.stringify(variables)).toBe(1);
    return [...codes][0]!;
  }

  function expectClean(body: GraphQLResult<unknown>) {
    for (const error of body.errors ?? []) {
      expect(error.extensions?.code, error.message).toBeTypeOf('string');
      const shown = `${error.message} ${JSON.stringify(error.extensions)}`;
      expect(shown).not.toMatch(/\n\s+at |stacktrace|SELECT |SQLITE|node_modules/i);
    }
  }

  const filter = {
    statuses: ['SUBMITTED', 'ACCEPTED', 'IN_REVIEW', 'APPROVED'],
    departments: ['market', 'env', 'tax'],
  };
  const orderBy = { field: 'DEADLINE', direction: 'ASC' };

  it('a cursor is refused with another order or filter, kept with the same filter written otherwise', async () => {
    const first = (await query(federation.gateway.url, CASES, { filter, orderBy, first: 4 })).cases;
    const after = first.pageInfo.endCursor as string;
    const others: Record<string, unknown>[] = [
      { filter, orderBy: { field: 'DEADLINE', direction: 'DESC' } },
      { filter, orderBy: { field: 'NUMBER', direction: 'ASC' } },
      { filter, orderBy: null },
      { filter: { ...filter, statuses: ['SUBMITTED'] }, orderBy },
      { filter: { ...filter, departments: ['market', 'env'] }, orderBy },
      { filter: { ...filter, departments: ['market', 'env', 'tax', 'housing'] }, orderBy },
      { filter: { ...filter, text: 'ENV' }, orderBy },
      { filter: { ...filter, overdue: false }, orderBy },
      { filter: { ...filter, submittedFrom: '2020-01-01T00:00:00.000Z' }, orderBy },
      { filter: null, orderBy },
    ];
    for (const variables of others) {
      expect(await refusal(CASES, { ...variables, first: 4, after }), JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    // The same filter, its lists reordered and a null for an absent field: the next page, as without a cursor.
    const same = { departments: ['tax', 'market', 'env'], statuses: [...filter.statuses].reverse(), text: null };
    const next = (await query(federation.gateway.url, CASES, { filter: same, orderBy, first: 4, after })).cases;
    const expected = (await readAllCases(federation.dataDir))
      .filter((c) => filter.departments.includes(c.id.split(':')[0]!) && filter.statuses.includes(c.status))
      .sort(compareCases('DEADLINE', 'ASC'))
      .map((c) => c.id);
    const ids = [...first.edges, ...next.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toEqual(expected.slice(0, 8));
  });

  it("an applicant's list refuses a cursor of the whole list, and lists refuse each other's cursors", async () => {
    const all = await readAllCases(federation.dataDir);
    const casesCursor = (await query(federation.gateway.url, CASES, { first: 2 })).cases.pageInfo.endCursor as string;
    expect(await refusal(APPLICANT, { id: all[0]!.id, after: casesCursor })).toBe('BAD_USER_INPUT');
    const itemsPage = (await query(federation.gateway.url, ITEMS, { filter: { kind: 'PROMISED' }, first: 3 })).items;
    const itemsCursor = itemsPage.pageInfo.endCursor as string;
    expect(await refusal(ITEMS, { filter: { kind: 'JOINT' }, first: 3, after: itemsCursor })).toBe('BAD_USER_INPUT');
    const taxOnly = { kind: 'PROMISED', departments: ['tax'] };
    expect(await refusal(ITEMS, { filter: taxOnly, first: 3, after: itemsCursor })).toBe('BAD_USER_INPUT');
    expect(await refusal(CASES, { first: 3, after: itemsCursor })).toBe('BAD_USER_INPUT');
    expect(await refusal(ITEMS, { first: 3, after: casesCursor })).toBe('BAD_USER_INPUT');
    const own = await query(federation.urls.housing!, '{ housing { cases(first: 1) { edges { cursor } } } }');
    expect(await refusal(CASES, { first: 3, after: own.housing.cases.edges[0].cursor })).toBe('BAD_USER_INPUT');
  });

  it('forged and corrupt cursors are BAD_USER_INPUT', async () => {
    const real = (await query(federation.gateway.url, CASES, { first: 3 })).cases.pageInfo.endCursor as string;
    type Position = { after: Record<string, string | null> };
    const position = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as Position;
    const forge = (change: Record<string, unknown>) => encodeCursor({ ...position, ...change });
    const inner = (value: unknown) => forge({ after: { ...position.after, market: encodeCursor(value) } });
    const forged = [
      '',
      'x',
      '!!!!',
      '\u0000',
      '😀',
      Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64url'),
      encodeCursor(null),
      encodeCursor([]),
      encodeCursor({}),
      encodeCursor('a string'),
      real.slice(0, -7),
      `${real}AAAA`,
      forge({ order: 'NUMBER:ASC' }),
      forge({ order: 42 }),
      forge({ filter: 'forged' }),
      forge({ after: null }),
      forge({ after: { police: null } }),
      forge({ done: ['police'] }),
      forge({ done: 'market' }),
      forge({ after: { ...position.after, market: 'not base64 json' } }),
      inner(['2026-01-01T00:00:00.000+00:00', -1]),
      inner(['2026-01-01T00:00:00.000+00:00', 1.5]),
      inner(['2026-01-01T00:00:00.000+00:00', 2 ** 63]),
      inner(['2026-01-01T00:00:00.000+00:00', 2 ** 31]),
      inner(['2026-01-01T00:00:00.000+00:00', '12']),
      inner([7, 12]),
      inner(['k'.repeat(5000), 1]),
      inner({ key: 'x', id: 1 }),
      // Sort keys no department makes for the order (here by submission): PostgreSQL would refuse them as instants.
      inner(['garbage', 5]),
      inner(['2026-01-01', 5]),
      inner(['2026-01-01T00:00:00Z', 5]),
      'A'.repeat(60_000),
    ];
    for (const after of forged) {
      expect(await refusal(CASES, { first: 3, after }), JSON.stringify(after).slice(0, 80)).toBe('BAD_USER_INPUT');
    }
    // The real cursor still works after all that.
    expect((await query(federation.gateway.url, CASES, { first: 3, after: real })).cases.edges).toHaveLength(3);
    // A department asked directly refuses the same positions.
    const ownList = 'query($after: String) { housing { cases(first: 3, after: $after) { edges { cursor } } } }';
    for (const key of ['garbage', '2026-01-01'])
      for (const field of ['SUBMITTED_AT', 'DEADLINE']) {
        const text = ownList.replace('first: 3', `first: 3, orderBy: {field: ${field}, direction: ASC}`);
        const { body } = await post(federation.urls.housing!, text, { after: encodeCursor([key, 5]) });
        expect(body.errors?.[0]?.extensions?.code, `${field} ${key}`).toBe('BAD_USER_INPUT');
      }
  });

  it('every stored instant has the one form the hub computes keys in (ms, +00:00), writes included', async () => {
    const hub = throughHub(federation.gateway.url);
    const item = await findItem(hub, { department: 'tax' });
    await step(hub, await submitCase(hub, { item, applicant: person('时刻') }), 'accept');
    const form = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;
    let checked = 0;
    for (const { code } of departments) {
      const db = new Database(join(federation.dataDir, `${code}.db`), { readonly: true });
      try {
        type Instants = { submittedAt: unknown; deadline: unknown };
        const rows = db.prepare('SELECT submittedAt, deadline FROM "Case"').all() as Instants[];
        for (const row of rows) {
          expect(row.submittedAt, code).toMatch(form);
          if (row.deadline !== null) expect(row.deadline, code).toMatch(form);
          checked += 1;
        }
      } finally {
        db.close();
      }
    }
    expect(checked).toBe((await readAllCases(federation.dataDir)).length);
  });
});
