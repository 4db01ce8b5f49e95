/**
 * The hub against a brute-force answer: with the clock frozen, random filters, orders and page
 * walks through the gateway must give exactly what filtering and sorting every department's
 * rows in memory gives; statistics must equal counting those rows; and writes are routed to the
 * owning department.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../schema/src/index.js';
import { CONCLUDED_STATUSES, OPEN_STATUSES, SeededRandom, supervisionLevel } from '../services/kit/src/index.js';
import {
  compareCases,
  matches,
  readAllCases,
  type Filter,
  type OrderField,
  type RawCase,
} from './support/brute-force.js';
import { person } from './support/applicants.js';
import { findItem, step, submitCase, throughHub } from './support/cases.js';
import { post, query as anonymousQuery } from './support/graphql.js';
import { ANALYST, SUPERVISOR, applicantWith, headersFor, officerOf, type Caller } from './support/callers.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';

const NOW = new Date('2026-11-20T06:00:00.000Z'); // a Friday afternoon, China time
let federation: Federation;
let gatewayUrl: string;
let all: RawCase[];

beforeAll(async () => {
  // Our gateway, and @apollo/gateway for one jump; no Rust planner here.
  federation = await startFederation({
    demoCases: 300,
    clock: () => NOW,
    services: [...SUBGRAPHS, 'gateway', 'apolloGateway'],
  });
  gatewayUrl = federation.gateway.url;
  all = await readAllCases(federation.dataDir);
});

afterAll(async () => {
  await federation?.stop();
});

/** A query as `caller`: a supervisor (效能监察) unless given, who reads every department's cases whole. */
const query = async (url: string, text: string, variables: Record<string, unknown> = {}, caller: Caller = SUPERVISOR) =>
  anonymousQuery(url, text, variables, await headersFor(caller));

const CODES = departments.map((d) => d.code);
const STATUSES = [...OPEN_STATUSES, ...CONCLUDED_STATUSES];
const LEVELS = ['NONE', 'WARNING', 'YELLOW', 'RED'] as const;

function randomFilter(rng: SeededRandom): Filter {
  const some = <T>(values: readonly T[]) => values.filter(() => rng.chance(0.4));
  const filter: Filter = {};
  const day = (offsetDays: number) => new Date(NOW.getTime() - offsetDays * 86_400_000).toISOString();
  if (rng.chance(0.3)) filter.departments = some(CODES);
  if (rng.chance(0.3)) filter.statuses = some(STATUSES);
  if (rng.chance(0.15)) filter.itemCodes = some([...new Set(all.map((c) => c.itemCode))]).slice(0, 6);
  if (rng.chance(0.2)) filter.kind = rng.pick(['PROMISED', 'IMMEDIATE', 'JOINT', 'REPORTED']);
  if (rng.chance(0.3)) filter.submittedFrom = day(rng.int(10, 300));
  if (rng.chance(0.2)) filter.submittedTo = day(rng.int(0, 60));
  if (rng.chance(0.15)) filter.acceptedFrom = day(rng.int(5, 200));
  if (rng.chance(0.1)) filter.concludedTo = day(rng.int(0, 100));
  if (rng.chance(0.25)) filter.overdue = rng.chance(0.5);
  if (rng.chance(0.2)) filter.supervisionLevels = some(LEVELS);
  if (rng.chance(0.1)) filter.applicantIdNumber = rng.pick(all).applicantIdNumber;
  if (rng.chance(0.1))
    filter.text = rng.chance(0.5) ? rng.pick(all).applicantName.slice(0, 1) : rng.pick(all).number.slice(-4);
  return filter;
}

describe('the hub equals a brute-force merge of the department databases', () => {
  it('over random filters, orders and page walks', async () => {
    const rng = new SeededRandom('hub-property');
    for (let round = 0; round < 40; round += 1) {
      const filter = randomFilter(rng);
      const field = rng.pick<OrderField>(['SUBMITTED_AT', 'DEADLINE', 'NUMBER']);
      const direction = rng.pick(['ASC', 'DESC'] as const);
      const pageSize = rng.int(1, 80);
      const expected = all
        .filter((c) => matches(c, filter, NOW))
        .sort(compareCases(field, direction))
        .map((c) => c.id);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 8; page += 1) {
        const data: any = await query(
          gatewayUrl,
          `query($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
            cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
          { filter, orderBy: { field, direction }, first: pageSize, after },
        );
        const context = `round ${round}: ${JSON.stringify({ filter, field, direction, pageSize, page })}`;
        expect(data.cases.totalCount, context).toBe(expected.length);
        seen.push(...data.cases.edges.map((e: { node: { id: string } }) => e.node.id));
        expect(data.cases.pageInfo.hasNextPage, context).toBe(seen.length < expected.length);
        if (!data.cases.pageInfo.hasNextPage) break;
        after = data.cases.pageInfo.endCursor;
      }
      expect(seen, `round ${round}`).toEqual(expected.slice(0, seen.length));
    }
  });

  it('a cursor that says every department was read to the end gives an empty last page', async () => {
    const text = `query($after: String) { cases(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const first: any = await query(gatewayUrl, text, { after: null });
    const position = JSON.parse(Buffer.from(first.cases.pageInfo.endCursor, 'base64url').toString('utf8'));
    const finished = Buffer.from(JSON.stringify({ ...position, after: {}, done: CODES })).toString('base64url');
    const last: any = await query(gatewayUrl, text, { after: finished });
    expect(last.cases.edges).toEqual([]);
    expect(last.cases.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    expect(last.cases.totalCount).toBe(all.length);
  });

  it('statistics equal counting the rows, for every grouping', async () => {
    const monthOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const groupings: [string[], (c: RawCase) => string][] = [
      [['DEPARTMENT'], (c) => CODES[c.departmentIndex]!],
      [['STATUS'], (c) => c.status],
      [['KIND', 'DEPARTMENT'], (c) => `${c.kind}|${CODES[c.departmentIndex]}`],
      [['MONTH'], (c) => monthOf(c.submittedAt)],
      [['SUPERVISION_LEVEL'], (c) => supervisionLevel(c, NOW, 3)],
    ];
    const decided = (c: RawCase) => ['APPROVED', 'DENIED'].includes(c.status) && c.deadline !== null;
    for (const [groupBy, keyOf] of groupings) {
      const data = await query(
        gatewayUrl,
        `query($groupBy: [CaseStatsDimension!]!) { caseStats(groupBy: $groupBy) { incompleteDepartments rows {
          department status kind month supervisionLevel count concluded decided onTime onTimeRate overdue denials supplements
          averageWorkingDaysToConclude durationSamples } } }`,
        { groupBy },
      );
      expect(data.caseStats.incompleteDepartments).toEqual([]);
      const groups = new Map<string, RawCase[]>();
      for (const c of all) groups.set(keyOf(c), [...(groups.get(keyOf(c)) ?? []), c]);
      expect(data.caseStats.rows).toHaveLength(groups.size);
      for (const row of data.caseStats.rows) {
        const key =
          groupBy[0] === 'DEPARTMENT'
            ? row.department
            : groupBy[0] === 'STATUS'
              ? row.status
              : groupBy[0] === 'KIND'
                ? `${row.kind}|${row.department}`
                : groupBy[0] === 'MONTH'
                  ? row.month
                  : row.supervisionLevel;
        const cases = groups.get(key)!;
        expect(cases, `${groupBy} ${key}`).toBeDefined();
        const onTime = cases.filter((c) => decided(c) && c.concludedAt! <= c.deadline!).length;
        const durations = cases.filter((c) => c.workingDaysToConclude !== null).map((c) => c.workingDaysToConclude!);
        expect(row, `${groupBy} ${key}`).toMatchObject({
          count: cases.length,
          concluded: cases.filter((c) => c.concludedAt).length,
          decided: cases.filter(decided).length,
          onTime,
          overdue: cases.filter((c) =>
            c.deadline ? (c.concludedAt ? c.concludedAt > c.deadline : (c.suspendedAt ?? NOW) > c.deadline) : false,
          ).length,
          denials: cases.filter((c) => c.status === 'DENIED' || c.status === 'NOT_ACCEPTED').length,
          supplements: cases.filter((c) => c.supplementRequestedAt).length,
          durationSamples: durations.length,
        });
        if (durations.length)
          expect(row.averageWorkingDaysToConclude).toBeCloseTo(
            durations.reduce((a, b) => a + b, 0) / durations.length,
            6,
          );
        if (row.decided) expect(row.onTimeRate).toBeCloseTo(onTime / row.decided, 9);
      }
    }
  });

  it('a few measures, asked through a fragment, equal the same measures asked with all the others', async () => {
    const all = await query(
      gatewayUrl,
      `{ caseStats(groupBy: [MONTH]) { rows { month count concluded decided onTime onTimeRate overdue denials supplements averageWorkingDaysToConclude durationSamples } } }`,
    );
    const some = await query(
      gatewayUrl,
      `{ caseStats(groupBy: [MONTH]) { rows { m: month ...Rates } } } fragment Rates on CaseStatsRow { onTimeRate averageWorkingDaysToConclude overdue }`,
    );
    expect(some.caseStats.rows).toEqual(
      all.caseStats.rows.map((row: Record<string, unknown>) => ({
        m: row.month,
        onTimeRate: row.onTimeRate,
        averageWorkingDaysToConclude: row.averageWorkingDaysToConclude,
        overdue: row.overdue,
      })),
    );
  });
});

describe('routed writes', () => {
  it('a submission goes to the department that owns the item, and transitions to the one that owns the case', async () => {
    const hub = throughHub(gatewayUrl);
    const item = await findItem(hub, { department: 'env', kind: 'PROMISED' });
    const submitted = await submitCase(hub, { item, applicant: person('李四') });
    expect(submitted).toMatchObject({ typename: 'EnvCase', status: 'SUBMITTED', department: 'env', version: 1 });
    const accepted = await step(hub, submitted, 'accept');
    expect(accepted).toMatchObject({ id: submitted.id, typename: 'EnvCase', status: 'ACCEPTED', version: 2 });
    const own = await query(
      federation.urls.env!,
      `{ env { case(id: "${submitted.id}") { status version events { actor } } } }`,
      {},
      officerOf('env'),
    );
    // The events name who acted, as the hub forwarded them: window staff, then the officer.
    expect(own.env.case.events).toEqual([{ actor: 'window:window-W01' }, { actor: 'officer:officer-env' }]);
    delete own.env.case.events;
    expect(own.env.case).toEqual({ status: 'ACCEPTED', version: 2 });
  });

  it("refuses IDs that name no department, and passes on the department's own refusals", async () => {
    const officer = await headersFor(officerOf(all[0]!.id.split(':')[0]!));
    const bad = await post(
      gatewayUrl,
      'mutation { accept(input: {idempotencyKey: "k", caseId: "police:1", expectedVersion: 1}) { id } }',
      {},
      officer,
    );
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const stale = await post(
      gatewayUrl,
      `mutation { approve(input: {idempotencyKey: "k2", caseId: "${all[0]!.id}", expectedVersion: 999}) { id } }`,
      {},
      officer,
    );
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // The department decides on the caller the hub forwards: a supervisor writes nothing.
    const supervisor = await post(
      gatewayUrl,
      `mutation { approve(input: {idempotencyKey: "k3", caseId: "${all[0]!.id}", expectedVersion: 1}) { id } }`,
      {},
      await headersFor(SUPERVISOR),
    );
    expect(supervisor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers an ID whose number is past any row number as it answers any unknown ID', async () => {
    const code = all[0]!.id.split(':')[0]!;
    const officer = await headersFor(officerOf(code));
    const accept = (id: string) =>
      `mutation { accept(input: {idempotencyKey: "huge-${id}", caseId: "${id}", expectedVersion: 1}) { id } }`;
    const asks = [
      accept,
      (id: string) => `{ case(id: "${id}") { id } }`,
      (id: string) => `{ ${code} { case(id: "${id}") { id } } }`,
    ];
    for (const ask of asks) {
      const answer = async (id: string) => {
        const { body } = await post(gatewayUrl, ask(id), {}, officer);
        return { codes: body.errors?.map((e) => e.extensions?.code), data: body.data };
      };
      const unknown = await answer(`${code}:99999999`);
      // 2^31 (past PostgreSQL's integer), 2^53 + 1 and 10^23: no row number a table could hold.
      for (const huge of ['2147483648', '9007199254740993', '99999999999999999999999'])
        expect(await answer(`${code}:${huge}`), ask(huge)).toEqual(unknown);
    }
  });
});

describe("an applicant's cases", () => {
  it('lists every case of one applicant across departments, through the applicant of any of them', async () => {
    // The demo's returning applicants deal with several departments.
    const byPerson = new Map<string, RawCase[]>();
    for (const c of all) byPerson.set(c.applicantIdNumber, [...(byPerson.get(c.applicantIdNumber) ?? []), c]);
    const [idNumber, theirs] = [...byPerson.entries()].sort(
      (a, b) => new Set(b[1].map((c) => c.departmentIndex)).size - new Set(a[1].map((c) => c.departmentIndex)).size,
    )[0]!;
    expect(new Set(theirs.map((c) => c.departmentIndex)).size).toBeGreaterThan(1);

    const data = await query(
      gatewayUrl,
      `query($id: ID!) { case(id: $id) { applicant { id name idNumberMasked cases(first: 100) { totalCount edges { node { id } } } } } }`,
      { id: theirs[0]!.id },
    );
    const applicant = data.case.applicant;
    expect(applicant.id).toMatch(/^applicant:/);
    expect(applicant.id).not.toContain(idNumber);
    expect(applicant.idNumberMasked).toBe(`${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(-4)}`);
    expect(applicant.cases.totalCount).toBe(theirs.length);
    const expected = [...theirs].sort(compareCases('SUBMITTED_AT', 'DESC')).map((c) => c.id);
    expect(applicant.cases.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expected);
    // Every department gives this applicant the same ID.
    const other = theirs.find((c) => c.departmentIndex !== theirs[0]!.departmentIndex)!;
    const again = await query(gatewayUrl, `query($id: ID!) { case(id: $id) { applicant { id } } }`, { id: other.id });
    expect(again.case.applicant.id).toBe(applicant.id);
    // @apollo/gateway plans the same jump (department -> hub -> departments) to the same answer.
    const viaApollo = await query(
      federation.apolloGatewayUrl,
      `query($id: ID!) { case(id: $id) { applicant { id name idNumberMasked cases(first: 100) { totalCount edges { node { id } } } } } }`,
      { id: theirs[0]!.id },
    );
    expect(viaApollo).toEqual(data);
  });

  it('an applicant sees their own cases and no one else’s, whatever they ask', async () => {
    const idNumber = all.find(
      (c) => all.filter((o) => o.applicantIdNumber === c.applicantIdNumber).length > 2,
    )!.applicantIdNumber;
    const theirs = all.filter((c) => c.applicantIdNumber === idNumber);
    const applicant = applicantWith(idNumber);
    const list = await query(gatewayUrl, '{ cases(first: 200) { totalCount edges { node { id } } } }', {}, applicant);
    expect(list.cases.totalCount).toBe(theirs.length);
    expect(new Set(list.cases.edges.map((e: { node: { id: string } }) => e.node.id))).toEqual(
      new Set(theirs.map((c) => c.id)),
    );
    const another = all.find((c) => c.applicantIdNumber !== idNumber)!;
    const refused = await post(
      gatewayUrl,
      'query($id: ID!) { case(id: $id) { id } }',
      { id: another.id },
      await headersFor(applicant),
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const lookup = await post(
      gatewayUrl,
      'query($n: String) { cases(filter: { applicantIdNumber: $n }) { totalCount } }',
      { n: another.applicantIdNumber },
      await headersFor(applicant),
    );
    expect(lookup.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an officer lists their own department’s cases; an analyst sees names masked', async () => {
    const mine = await query(
      gatewayUrl,
      '{ cases(first: 500) { totalCount edges { node { id } } } }',
      {},
      officerOf('tax'),
    );
    expect(mine.cases.totalCount).toBe(all.filter((c) => c.id.startsWith('tax:')).length);
    const others = await post(
      gatewayUrl,
      '{ cases(filter: { departments: ["env"] }) { totalCount } }',
      {},
      await headersFor(officerOf('tax')),
    );
    expect(others.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const masked = await query(
      gatewayUrl,
      '{ cases(first: 20) { edges { node { applicant { name idNumberMasked } } } } }',
      {},
      ANALYST,
    );
    for (const { node } of masked.cases.edges as { node: { applicant: { name: string; idNumberMasked: string } } }[]) {
      expect(node.applicant.name).toMatch(/^.\**$/u);
      expect(node.applicant.idNumberMasked).toMatch(/^.{3}\*{11}.{4}$/);
    }
  });

  it('a department tightens the policy in its own folder: tax keeps amounts and addresses from analysts', async () => {
    const text = `{ cases(first: 30, filter: { departments: ["tax", "market"] }) { edges { node {
      ... on TaxCase { taxAmount propertyTransaction { address price taxAmount floorArea } }
      ... on MarketCase { creditCode enterprise { name legalRepresentative creditCode } } } } } }`;
    type Node = {
      taxAmount?: number | null;
      propertyTransaction?: Record<string, unknown> | null;
      creditCode?: string | null;
      enterprise?: { name: string; legalRepresentative: string; creditCode: string } | null;
    };
    const nodes = async (caller: Caller) =>
      ((await query(gatewayUrl, text, {}, caller)).cases.edges as { node: Node }[]).map((e) => e.node);
    const whole = (await nodes(SUPERVISOR)).filter((n) => n.propertyTransaction || n.enterprise);
    const masked = (await nodes(ANALYST)).filter((n) => n.propertyTransaction || n.enterprise);
    expect(masked).toHaveLength(whole.length);
    expect(whole.some((n) => n.propertyTransaction) && whole.some((n) => n.enterprise)).toBe(true);
    whole.forEach((seen, i) => {
      const analysed = masked[i]!;
      if (seen.propertyTransaction) {
        expect(seen.propertyTransaction).toMatchObject({ address: expect.any(String), price: expect.any(Number) });
        expect(analysed).toMatchObject({
          taxAmount: null,
          propertyTransaction: { address: null, price: null, taxAmount: null },
        });
        // What is neither personal nor confidential stays.
        expect(analysed.propertyTransaction!.floorArea).toBe(seen.propertyTransaction.floorArea);
      }
      if (seen.enterprise) {
        expect(analysed.enterprise!.legalRepresentative).toMatch(/^.\**$/u);
        // The enterprise's name is often the applicant's: masked as Applicant.name is.
        const name = [...seen.enterprise.name];
        expect(analysed.enterprise!.name).toBe(`${name[0]}${'*'.repeat(name.length - 1)}`);
        expect(analysed.creditCode).toBe(
          `${seen.creditCode!.slice(0, 3)}${'*'.repeat(11)}${seen.creditCode!.slice(-4)}`,
        );
      }
    });
  });

  it('refuses a nested list that fans out without bound', async () => {
    const nested = `{ cases(first: 60) { edges { node { applicant { cases(first: 1) { totalCount } } } } } }`;
    const { body } = await post(gatewayUrl, nested, {}, await headersFor(SUPERVISOR));
    const codes = new Set(body.errors?.map((e) => e.extensions?.code));
    expect(codes).toEqual(new Set(['BAD_USER_INPUT']));
    expect(body.errors?.[0]?.message).toMatch(/fans out too much/);
    // A handful of applicants is fine.
    const few = await query(gatewayUrl, nested.replace('first: 60', 'first: 5'));
    expect(few.cases.edges).toHaveLength(5);
  });

  it('counts the budget per client operation: a client sending one X-Request-ID with every request is never refused for its earlier ones', async () => {
    // Five department calls each, under one caller's token and one request ID: 300 calls in all.
    // The client also names an operation ID of its own: the gateway never passes that header on.
    const stats = '{ caseStats(groupBy: [DEPARTMENT]) { incompleteDepartments rows { department count } } }';
    const headers = {
      ...(await headersFor(SUPERVISOR)),
      'x-request-id': 'dashboard-tab-1',
      'x-onewindow-operation': 'forged-operation',
    };
    for (let i = 0; i < 60; i += 1) {
      const { body } = await post(gatewayUrl, stats, {}, headers);
      expect(body.errors, `request ${i}`).toBeUndefined();
      expect(body.data?.caseStats.rows, `request ${i}`).toHaveLength(CODES.length);
    }
  });

  it('counts the budget per client request: a caller reusing one token (a service, another router) is never refused for its earlier requests', async () => {
    // Five department calls each, with one internal token: 300 calls in all, past the 200 of one request.
    const stats = '{ caseStats(groupBy: [DEPARTMENT]) { incompleteDepartments rows { department count } } }';
    for (let i = 0; i < 60; i += 1) {
      const data = await query(federation.urls.hub!, stats);
      expect(data.caseStats.rows, `request ${i}`).toHaveLength(CODES.length);
    }
  });
});
