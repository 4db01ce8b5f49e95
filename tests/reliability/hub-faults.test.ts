/**
 * The hub's answers while departments are slow, hang, drop connections or answer garbage, the
 * faults injected by proxies between the hub and each department (tests/support/delay-proxy.ts):
 *
 * - a slow department gives a partial answer within DEPARTMENT_TIMEOUT_MS that names it;
 * - whole lists walked with departments failing on and off between pages and in the middle of a
 *   page's rounds: every page equals a brute-force merge of what is left to show, no case is
 *   skipped or repeated, and the list does not end while a department that failed has more;
 * - a write whose answer is held past the timeout while the department commits it: the client
 *   is told the outcome is unknown, a retry with the same key returns the committed result, and
 *   the database holds it once.
 *
 * RELIABILITY_SCALE=full walks more lists with more cases.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, subgraphNames, urlVariable } from '../../schema/src/index.js';
import { startGateway } from '../../gateway/src/server.js';
import { SeededRandom } from '../../services/kit/src/index.js';
import { person } from '../support/applicants.js';
import { compareCases, matches, readAllCases, type Filter, type OrderField } from '../support/brute-force.js';
import { findItem, throughHub } from '../support/cases.js';
import { PASS, startHubBehindProxies, type HubBehindProxies, type ProxyAction } from '../support/delay-proxy.js';
import { SUBGRAPHS, startFederation, type Federation } from '../support/federation.js';
import { post as anonymousPost, query as anonymousQuery, type GraphQLResult } from '../support/graphql.js';
import { SUPERVISOR, WINDOW, headersFor, officerOf, type Caller } from '../support/callers.js';

const FULL = process.env.RELIABILITY_SCALE === 'full';
const NOW = new Date('2026-11-20T06:00:00.000Z');
/**
 * The hub's DEPARTMENT_TIMEOUT_MS here: short, so that every slow fault costs little, yet long
 * enough that a healthy department answers within it while other test files load the machine.
 */
const TIMEOUT_MS = 1500;
/**
 * What an answer may take beyond the timeout: the gateway's and the hub's own work on a shared
 * 2-core machine. Below TIMEOUT_MS, so a second round waiting a whole timeout of its own shows.
 */
const MARGIN_MS = 1000;
const CODES = departments.map((d) => d.code);
/** The longest walks' time limit: the full variant walks about ten times as many pages. */
const WALK_TIMEOUT_MS = FULL ? 900_000 : 120_000;

let federation: Federation;
let stack: HubBehindProxies;
let gatewayUrl: string;

beforeAll(async () => {
  // The faults are injected between a hub and a gateway of their own (below); the federation's routers are not needed.
  federation = await startFederation({ demoCases: FULL ? 200 : 80, clock: () => NOW, services: SUBGRAPHS });
  stack = await startHubBehindProxies(federation, TIMEOUT_MS);
  gatewayUrl = stack.gateway.url;
  // The first request plans the query and opens the connections: timings count from the second.
  await query(gatewayUrl, CASES, { first: 1 });
});

afterAll(async () => {
  await stack?.stop();
  await federation?.stop();
});

/** Lists are read by a supervisor, who sees every department; writes are by the person who would make them. */
const post = async <T>(url: string, text: string, variables: Record<string, unknown>, caller: Caller = SUPERVISOR) =>
  anonymousPost<T>(url, text, variables, await headersFor(caller));
const query = async <T = Record<string, any>>(
  url: string,
  text: string,
  variables: Record<string, unknown>,
  caller: Caller = SUPERVISOR,
) => anonymousQuery<T>(url, text, variables, await headersFor(caller));

const CASES = `query Walk($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
  cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount incompleteDepartments pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}`;

interface CasesPage {
  totalCount: number;
  incompleteDepartments: string[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string } }[];
}

/** Asks through the gateway and times the answer. */
async function timed<T>(text: string, variables: Record<string, unknown>, caller: Caller = SUPERVISOR) {
  const headers = await headersFor(caller);
  const started = performance.now();
  const { status, body } = await anonymousPost<T>(gatewayUrl, text, variables, headers);
  return { status, body, ms: performance.now() - started };
}

/** No error may show a stack trace or SQL. */
function expectNoLeak(body: GraphQLResult<unknown>) {
  for (const error of body.errors ?? []) {
    expect(error.extensions?.code, error.message).toBeTypeOf('string');
    expect(error.message).not.toMatch(/\n\s+at |SELECT |SQLITE/);
    expect(JSON.stringify(error.extensions ?? {})).not.toMatch(/stacktrace|\n\s+at /i);
  }
}

/** The departments named by DEPARTMENT_UNAVAILABLE errors. */
const unavailableIn = (body: GraphQLResult<unknown>) =>
  (body.errors ?? [])
    .filter((e) => e.extensions?.code === 'DEPARTMENT_UNAVAILABLE')
    .map((e) => String(e.extensions?.department));

const departmentOf = (id: string) => id.split(':')[0]!;

/** A hub cursor's department positions (white-box: the cursor is base64url JSON). */
function positionsIn(cursor: string | null): Record<string, string | null> {
  if (!cursor) return {};
  const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after: Record<string, unknown> };
  return position.after as Record<string, string | null>;
}

describe('a slow or failing department', () => {
  const faults: [string, ProxyAction][] = [
    ['slower than the timeout', { kind: 'delay', ms: TIMEOUT_MS * 3 }],
    ['hanging', { kind: 'hang' }],
    ['dropping the connection', { kind: 'drop' }],
    ['answering HTTP 502 with an HTML page', { kind: 'fail', status: 502 }],
  ];
  it.each(faults)('%s: the answer is partial within the timeout and names it', async (_, action) => {
    stack.reset();
    stack.proxies.housing!.policy = () => action;
    const orderBy = { field: 'SUBMITTED_AT', direction: 'DESC' };
    const { status, body, ms } = await timed<{ cases: CasesPage }>(CASES, { first: 30, orderBy });
    stack.reset();

    expect(status).toBe(200);
    expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expectNoLeak(body);
    expect(unavailableIn(body)).toEqual(['housing']);
    const cases = body.data!.cases;
    expect(cases.incompleteDepartments).toEqual(['housing']);
    const others = (await readAllCases(federation.dataDir))
      .filter((c) => departmentOf(c.id) !== 'housing')
      .sort(compareCases('SUBMITTED_AT', 'DESC'));
    expect(cases.edges.map((e) => e.node.id)).toEqual(others.slice(0, 30).map((c) => c.id));
    expect(cases.totalCount).toBe(others.length);
    expect(cases.pageInfo.hasNextPage).toBe(true);
  });

  it('slow in its first round and hanging in a later one: all rounds share the one timeout', async () => {
    // By NUMBER, env's cases come first: it fills page 1 and is asked again in a second round.
    stack.reset();
    const slow: ProxyAction = { kind: 'delay', ms: TIMEOUT_MS * 0.8 };
    stack.proxies.env!.policy = ({ round }) => (round === 1 ? slow : { kind: 'hang' });
    const orderBy = { field: 'NUMBER', direction: 'ASC' };
    const { body, ms } = await timed<{ cases: CasesPage }>(CASES, { first: 30, orderBy });
    const seen = Object.fromEntries(CODES.map((code) => [code, stack.proxies[code]!.takeEvents()]));
    // A failure to reach the department behind the proxy is shown too: it would explain a round more.
    const rounds = seen.env!.map((e) => [e.round, e.action, ...(e.upstreamError ? [e.upstreamError] : [])]);
    stack.reset();
    expect(rounds).toEqual([
      [1, 'delay'],
      [2, 'hang'],
    ]);
    expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(body.data!.cases.incompleteDepartments, `what the proxies saw: ${JSON.stringify(seen)}`).toEqual(['env']);
    const others = (await readAllCases(federation.dataDir))
      .filter((c) => departmentOf(c.id) !== 'env')
      .sort(compareCases('NUMBER', 'ASC'));
    expect(body.data!.cases.edges.map((e) => e.node.id)).toEqual(others.slice(0, 30).map((c) => c.id));
  });

  it('a hanging department the gateway asks itself is named within the gateway’s read timeout', async () => {
    // A gateway of its own that reaches the departments through the proxies too (the department
    // overview's figures are each department's own fields, asked by the gateway, not the hub).
    const urls = Object.fromEntries(
      subgraphNames.map((name) => [
        urlVariable(name),
        name === 'hub' ? stack.hub.url : (stack.proxies[name]?.url ?? federation.urls[name]!),
      ]),
    );
    const quiet = { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' };
    const gateway = await startGateway({ ...quiet, ...urls, DEPARTMENT_READ_TIMEOUT_MS: String(TIMEOUT_MS) });
    try {
      const overview = '{ departments { code openCases overdueCases } }';
      await post(gateway.url, overview, {});
      stack.reset();
      stack.proxies.housing!.policy = () => ({ kind: 'hang' });
      const started = performance.now();
      const { body } = await post<{ departments: { code: string; openCases: number | null }[] }>(
        gateway.url,
        overview,
        {},
      );
      const ms = performance.now() - started;
      stack.reset();
      expectNoLeak(body);
      // One error per field it did not give (openCases, overdueCases), each naming it.
      expect(new Set(unavailableIn(body))).toEqual(new Set(['housing']));
      expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      const figures = Object.fromEntries(body.data!.departments.map((d) => [d.code, d.openCases]));
      expect(figures.housing).toBeNull();
      for (const code of CODES.filter((c) => c !== 'housing')) expect(figures[code], code).toBeTypeOf('number');
    } finally {
      await gateway.stop();
    }
  });

  it('a connection closed as the hub reuses it (the keep-alive race) is sent again, not reported', async () => {
    const TAX = { first: 3, filter: { departments: ['tax'] } };
    await query(gatewayUrl, CASES, TAX);
    stack.reset();
    let dropped = 0;
    const DROP: ProxyAction = { kind: 'drop' };
    stack.proxies.tax!.policy = ({ reusedConnection }) => (reusedConnection && dropped++ === 0 ? DROP : PASS);
    const { body } = await timed<{ cases: CasesPage }>(CASES, TAX);
    const events = stack.proxies.tax!.takeEvents();
    stack.reset();
    expect(events.map((e) => [e.action, e.reusedConnection])).toEqual([
      ['drop', true],
      ['pass', expect.any(Boolean)],
    ]);
    expect(body.errors).toBeUndefined();
    expect(body.data!.cases.incompleteDepartments).toEqual([]);
    expect(body.data!.cases.edges).toHaveLength(3);
  });

  it('every department failing: an empty page that goes on from where it started', async () => {
    stack.reset();
    for (const proxy of Object.values(stack.proxies)) proxy.policy = () => ({ kind: 'drop' });
    const { body, ms } = await timed<{ cases: CasesPage }>(CASES, { first: 10 });
    stack.reset();
    expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(body.data!.cases).toMatchObject({ edges: [], incompleteDepartments: CODES });
    expect(body.data!.cases.pageInfo.hasNextPage).toBe(true);
    expect([...unavailableIn(body)].sort()).toEqual([...CODES].sort());
    const after = body.data!.cases.pageInfo.endCursor;
    const again = await query<{ cases: CasesPage }>(gatewayUrl, CASES, { first: 10, after });
    const expected = (await readAllCases(federation.dataDir)).sort(compareCases('SUBMITTED_AT', 'DESC')).slice(0, 10);
    expect(again.cases.edges.map((e) => e.node.id)).toEqual(expected.map((c) => c.id));
  });
});

/** What went wrong on one page, as planned. */
interface Fault {
  departments: string[];
  /** `later`: only the department's second and later asks in one page fail (a later round). */
  when: 'every' | 'later';
  action: ProxyAction;
}

function planFault(rng: SeededRandom, asked: readonly string[]): Fault | null {
  if (rng.chance(0.3)) return null;
  const action = rng.pick<ProxyAction>([
    { kind: 'drop' },
    { kind: 'drop' },
    { kind: 'fail', status: 500 },
    { kind: 'fail', status: 502 },
    { kind: 'delay', ms: TIMEOUT_MS + 300 },
    { kind: 'hang' },
  ]);
  const count = rng.chance(0.15) && asked.length > 1 ? 2 : 1;
  const chosen = [...asked].sort(() => rng.next() - 0.5).slice(0, count);
  return { departments: chosen, when: rng.chance(0.5) ? 'later' : 'every', action };
}

interface WalkFigures {
  pages: number;
  completePages: number;
  partialPages: number;
  faultsInjected: number;
  laterRoundFaults: number;
  skipped: number;
  repeated: number;
}

const totals: WalkFigures = {
  pages: 0,
  completePages: 0,
  partialPages: 0,
  faultsInjected: 0,
  laterRoundFaults: 0,
  skipped: 0,
  repeated: 0,
};

/**
 * Walks one whole list through the gateway with a fault planned for each page, checking every
 * page against a brute-force merge of the cases not shown yet, leaving out the departments the
 * page names as incomplete (none for a complete page).
 */
async function walk(rng: SeededRandom, filter: Filter, field: OrderField, direction: 'ASC' | 'DESC', pageSize: number) {
  const expected = (await readAllCases(federation.dataDir))
    .filter((c) => matches(c, filter, NOW))
    .sort(compareCases(field, direction))
    .map((c) => c.id);
  const asked = filter.departments ?? CODES;
  const shown = new Set<string>();
  let after: string | null = null;
  let repeated = 0;
  for (let page = 0; page < expected.length + 10; page += 1) {
    const fault = planFault(rng, asked);
    stack.reset();
    if (fault) {
      for (const code of fault.departments) {
        stack.proxies[code]!.policy = ({ round }) => (fault.when === 'every' || round >= 2 ? fault.action : PASS);
      }
    }
    const variables: Record<string, unknown> = { filter, orderBy: { field, direction }, first: pageSize, after };
    const { status, body, ms } = await timed<{ cases: CasesPage }>(CASES, variables);
    const failed = CODES.filter((code) => stack.proxies[code]!.takeEvents().some((e) => e.action !== 'pass')).sort();
    const laterFailed = fault?.when === 'later' ? failed.length : 0;
    stack.reset();
    const context = JSON.stringify({ filter, field, direction, pageSize, page, fault, failed });

    expect(status, context).toBe(200);
    expectNoLeak(body);
    expect(ms, context).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    const cases = body.data!.cases;
    const incomplete = [...cases.incompleteDepartments].sort();
    // Every department a fault reached is named; one more only when a slow fault used up the page's time.
    expect(incomplete, context).toEqual(expect.arrayContaining(failed));
    const slowFault = fault?.action.kind === 'delay' || fault?.action.kind === 'hang';
    if (!slowFault) expect(incomplete, context).toEqual(failed);
    expect([...unavailableIn(body)].sort(), context).toEqual(incomplete);

    const ids = cases.edges.map((e) => e.node.id);
    const left = expected.filter((id) => !shown.has(id));
    const want = left.filter((id) => !incomplete.includes(departmentOf(id))).slice(0, pageSize);
    expect(ids, context).toEqual(want);
    repeated += ids.filter((id) => shown.has(id)).length;
    for (const id of ids) shown.add(id);
    expect(cases.pageInfo.hasNextPage, context).toBe(shown.size < expected.length);
    // The positions of the departments left out stay where the page started.
    const [before, reached] = [positionsIn(after), positionsIn(cases.pageInfo.endCursor)];
    for (const code of incomplete) expect(reached[code], context).toEqual(before[code]);

    totals.pages += 1;
    if (incomplete.length) totals.partialPages += 1;
    else totals.completePages += 1;
    totals.faultsInjected += failed.length;
    totals.laterRoundFaults += laterFailed;
    if (!cases.pageInfo.hasNextPage) break;
    after = cases.pageInfo.endCursor;
  }
  const skipped = expected.filter((id) => !shown.has(id)).length;
  totals.skipped += skipped;
  totals.repeated += repeated;
  expect({ skipped, repeated, shown: shown.size }).toEqual({ skipped: 0, repeated: 0, shown: expected.length });
}

describe('whole lists with departments failing on and off', () => {
  it(
    'equal a brute-force merge page by page: nothing skipped or repeated, no early end',
    async () => {
      const rng = new SeededRandom('hub-faults-walk');
      // NUMBER starts with the department's code, so one department fills page after page and is
      // asked again in later rounds: where a later-round failure can bite.
      const walks: [Filter, OrderField, 'ASC' | 'DESC', number][] = [
        [{}, 'NUMBER', 'ASC', 25],
        [{}, 'SUBMITTED_AT', 'DESC', 40],
        [{ statuses: ['SUBMITTED', 'ACCEPTED', 'IN_REVIEW', 'SUSPENDED', 'APPROVED'] }, 'DEADLINE', 'ASC', 30],
        [{ departments: ['tax', 'housing', 'env'] }, 'NUMBER', 'DESC', 35],
        [{}, 'DEADLINE', 'DESC', 15],
        [{}, 'NUMBER', 'ASC', 10],
      ];
      if (FULL) {
        walks.push(
          [{ overdue: false }, 'SUBMITTED_AT', 'ASC', 20],
          [{}, 'NUMBER', 'ASC', 7],
          [{ kind: 'PROMISED' }, 'DEADLINE', 'ASC', 12],
        );
      }
      for (const [filter, field, direction, pageSize] of walks) await walk(rng, filter, field, direction, pageSize);
      console.info(`hub-faults walks: ${JSON.stringify(totals)}`);
      expect(totals.partialPages).toBeGreaterThan(0);
      expect(totals.completePages).toBeGreaterThan(0);
      expect(totals.laterRoundFaults).toBeGreaterThan(0);
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'the item catalog too: a department failing mid-walk never makes its items skipped',
    async () => {
      const ITEMS = `query($first: Int, $after: String) { items(first: $first, after: $after) {
      incompleteDepartments pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
      type ItemsPage = Pick<CasesPage, 'incompleteDepartments' | 'pageInfo' | 'edges'>;
      const read = async (after: string | null) =>
        (await post<{ items: ItemsPage }>(gatewayUrl, ITEMS, { first: 3, after })).body.data!.items;
      stack.reset();
      const everything: string[] = [];
      for (let after: string | null = null, page = 0; page < 200; page += 1) {
        const items = await read(after);
        everything.push(...items.edges.map((e) => e.node.id));
        if (!items.pageInfo.hasNextPage) break;
        after = items.pageInfo.endCursor;
      }
      const rng = new SeededRandom('hub-faults-items');
      let partial = 0;
      const walks = FULL ? 20 : 5;
      for (let round = 0; round < walks; round += 1) {
        const seen: string[] = [];
        for (let after: string | null = null, page = 0; page < 400; page += 1) {
          const down = rng.chance(0.4) ? rng.pick(CODES) : null;
          if (down) stack.proxies[down]!.policy = () => ({ kind: 'drop' });
          const items = await read(after);
          stack.reset();
          if (items.incompleteDepartments.length) partial += 1;
          seen.push(...items.edges.map((e) => e.node.id));
          if (!items.pageInfo.hasNextPage) break;
          after = items.pageInfo.endCursor;
        }
        expect(seen, `round ${round}`).toEqual(everything);
      }
      const figures = { walks, items: everything.length, partialPages: partial };
      console.info(`hub-faults item walks: ${JSON.stringify(figures)}`);
      expect(partial).toBeGreaterThan(0);
    },
    WALK_TIMEOUT_MS,
  );
});

describe('a write the hub timed out on but the department committed', () => {
  const SUBMIT = `mutation($input: RoutedSubmitInput!) { submitApplication(input: $input) { id status } }`;
  const transition = (name: string) =>
    `mutation($input: TransitionInput!) { ${name}(input: $input) { id status ... on EnvCase { version } } }`;
  const [ACCEPT, REVIEW] = [transition('accept'), transition('startReview')];
  const envDb = () => new Database(join(federation.dataDir, 'env.db'), { readonly: true });

  /** What env's database holds for one idempotency key: the record, its case and the case's events. */
  function stored(key: string) {
    const db = envDb();
    try {
      type KeyRow = { caseId: number };
      const records = db.prepare('SELECT caseId FROM "IdempotencyRecord" WHERE key = ?').all(key) as KeyRow[];
      const caseId = records[0]?.caseId ?? -1;
      type Row = { status: string; version: number } | undefined;
      const row = db.prepare('SELECT status, version FROM "Case" WHERE id = ?').get(caseId) as Row;
      const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
      const events = count('SELECT COUNT(*) AS n FROM "CaseEvent" WHERE caseId = ?', caseId);
      const cases = count('SELECT COUNT(*) AS n FROM "Case"');
      return { records: records.length, caseId, row, events, cases };
    } finally {
      db.close();
    }
  }

  /** Waits until the department has committed the write under `key` (its answer is still held). */
  async function committed(key: string) {
    for (let i = 0; i < 100 && stored(key).records === 0; i += 1) await setTimeout(50);
    return stored(key);
  }

  /** The error a held answer gives: DEPARTMENT_UNAVAILABLE with an unknown outcome, in time. */
  async function heldAnswer(text: string, input: Record<string, unknown>, caller: Caller) {
    stack.reset();
    stack.proxies.env!.policy = ({ isMutation }) => (isMutation ? { kind: 'delayAnswer', ms: TIMEOUT_MS + 900 } : PASS);
    const { status, body, ms } = await timed(text, { input }, caller);
    stack.reset();
    expect(status).toBe(200);
    expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expectNoLeak(body);
    // The write's own field is null beside its error (the only field asked for).
    expect(Object.values(body.data ?? { missing: 'data' })).toEqual([null]);
    expect(body.errors).toHaveLength(1);
    const error = body.errors![0]!;
    const { idempotencyKey } = input;
    const extensions = { code: 'DEPARTMENT_UNAVAILABLE', outcome: 'UNKNOWN', department: 'env', idempotencyKey };
    expect(error.extensions).toMatchObject(extensions);
    expect(error.message).toMatch(/may have been committed/);
    expect(error.message).toMatch(/same idempotencyKey/);
    return error;
  }

  it('is reported as an unknown outcome, and a retry with the same key returns the committed result once', async () => {
    const item = await findItem(throughHub(gatewayUrl), { department: 'env', kind: 'PROMISED' });
    const before = stored('timed-out-submit').cases;
    const applicant = person('王超时');
    const submit = { idempotencyKey: 'timed-out-submit', itemId: item.id, applicant };
    await heldAnswer(SUBMIT, submit, WINDOW);
    const afterTimeout = await committed('timed-out-submit');
    expect(afterTimeout).toMatchObject({ records: 1, events: 1, cases: before + 1, row: { status: 'SUBMITTED' } });

    const id = `env:${afterTimeout.caseId}`;
    for (let retry = 0; retry < 3; retry += 1) {
      // The same caller's retry: idempotency keys belong to whoever used them.
      const again = await query(gatewayUrl, SUBMIT, { input: submit }, WINDOW);
      expect(again.submitApplication).toEqual({ id, status: 'SUBMITTED' });
    }
    expect(stored('timed-out-submit')).toMatchObject({ records: 1, events: 1, cases: before + 1 });

    // A transition whose answer is held: committed once, version 2, and replayed on retry.
    const officer = officerOf('env');
    const accept = { idempotencyKey: 'timed-out-accept', caseId: id, expectedVersion: 1 };
    await heldAnswer(ACCEPT, accept, officer);
    const accepted = { records: 1, events: 2, row: { status: 'ACCEPTED', version: 2 } };
    expect(await committed('timed-out-accept')).toMatchObject(accepted);
    const replayed = await query(gatewayUrl, ACCEPT, { input: accept }, officer);
    expect(replayed.accept).toEqual({ id, status: 'ACCEPTED', version: 2 });
    expect(stored('timed-out-accept')).toMatchObject(accepted);

    // A write that cannot reach the department (connection refused) was not applied, and says so.
    const review = { idempotencyKey: 'unreachable-review', caseId: id, expectedVersion: 2 };
    await stack.proxies.env!.down();
    try {
      const { body } = await timed(REVIEW, { input: review }, officer);
      expectNoLeak(body);
      const extensions = { code: 'DEPARTMENT_UNAVAILABLE', outcome: 'NOT_APPLIED', department: 'env' };
      expect(body.errors?.[0]?.extensions).toMatchObject(extensions);
      expect(body.errors?.[0]?.message).toMatch(/not applied/);
    } finally {
      await stack.proxies.env!.up();
    }
    expect(stored('unreachable-review').records).toBe(0);
    expect(stored('timed-out-accept')).toMatchObject({ events: 2, row: { version: 2 } });
    const reviewed = await query(gatewayUrl, REVIEW, { input: review }, officer);
    expect(reviewed.startReview).toEqual({ id, status: 'IN_REVIEW', version: 3 });
    const reviewedRow = { records: 1, events: 3, row: { status: 'IN_REVIEW', version: 3 } };
    expect(stored('unreachable-review')).toMatchObject(reviewedRow);
  });
});
