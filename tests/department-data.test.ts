/**
 * A department with a realistic seeded history: lists cost a constant number of SQL statements
 * whatever their length, filters agree with the fields they filter on, and the catalog search
 * finds items by name, code, kind and online availability.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { market } from '../services/market/src/department.js';
import { query as anonymousQuery } from './support/graphql.js';
import { headersFor, officerOf } from './support/callers.js';
import { startTestDepartment, type TestDepartment } from './support/department.js';

let department: TestDepartment;

beforeAll(async () => {
  department = await startTestDepartment(market, {
    DEMO_CASES: '700',
  });
});

afterAll(async () => {
  await department?.stop();
});

/** Cases are read by the department's own officer; the catalog is public. */
const query = async (url: string, text: string, variables: Record<string, unknown> = {}) =>
  anonymousQuery(url, text, variables, await headersFor(officerOf('market')));

interface CaseView {
  id: string;
  overdue: boolean;
  supervisionLevel: string;
}

/** Every case of the department, page by page, with the fields the filters use. */
async function allCases(filter: Record<string, unknown> = {}): Promise<CaseView[]> {
  const cases: CaseView[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await query(
      department.url,
      `query($after: String, $filter: CaseFilter) { market { cases(first: 500, after: $after, filter: $filter) {
        pageInfo { hasNextPage endCursor } edges { node { id overdue supervisionLevel } } } } }`,
      { after, filter },
    );
    cases.push(...data.market.cases.edges.map((e: { node: CaseView }) => e.node));
    if (!data.market.cases.pageInfo.hasNextPage) return cases;
    after = data.market.cases.pageInfo.endCursor;
  }
}

describe('batched data access', () => {
  const listQuery = `query($first: Int) { market { cases(first: $first, orderBy: {field: DEADLINE, direction: ASC}) { edges { node {
    id number status overdue supervisionLevel
    item { code name legalBasis fee { charged } materials { name } department { code } }
    applicant { name idNumberMasked }
    events { seq action at }
    creditCode enterprise { name registeredCapital }
  } } } } }`;

  async function statementsFor(first: number): Promise<number> {
    // The audit trail writes on its own (reads' records within a moment, its anchor every few
    // seconds): the fewest statements of three runs is what the list itself costs.
    const counts: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      await department.service.flushAudit();
      const before = department.service.statements.count;
      const data = await query(department.url, listQuery, { first });
      expect(data.market.cases.edges).toHaveLength(first);
      counts.push(department.service.statements.count - before);
    }
    return Math.min(...counts);
  }

  it('a list of N cases with item, applicant, events and own data costs the same statements for N=10 and N=500', async () => {
    await statementsFor(5); // warm up anything done once per process
    const ten = await statementsFor(10);
    const fiveHundred = await statementsFor(500);
    expect(ten).toBeLessThan(15);
    expect(fiveHundred).toBe(ten);
  });
});

describe('a page reads only the columns its fields need', () => {
  const contractFields = `id number item { code } applicant { id kind name idNumberMasked } status submittedAt acceptedAt deadline concludedAt
    overdue remainingWorkingDays supervisionLevel events { seq } jointApplication { id } version deemedAccepted missingMaterials suspendedDays verificationCode`;
  const page = async (fields: string, orderBy: Record<string, string>) => {
    const data = await query(
      department.url,
      `query($o: CaseOrder) { market { cases(first: 300, orderBy: $o) { edges { cursor node { ${fields} } } } } }`,
      { o: orderBy },
    );
    return data.market.cases.edges as { cursor: string; node: Record<string, unknown> }[];
  };

  it('gives the same answers and cursors as whole rows, field by field', async () => {
    for (const orderBy of [
      { field: 'DEADLINE', direction: 'ASC' },
      { field: 'SUBMITTED_AT', direction: 'DESC' },
      { field: 'NUMBER', direction: 'ASC' },
    ]) {
      // A department's own field makes the page read whole rows.
      const whole = await page(`${contractFields} creditCode`, orderBy);
      const pruned = await page(contractFields, orderBy);
      expect(pruned).toEqual(whole.map(({ cursor, node: { creditCode: _creditCode, ...node } }) => ({ cursor, node })));
      const few = await page('n: number ...on Case { deadline }', orderBy);
      expect(few).toEqual(
        whole.map(({ cursor, node }) => ({ cursor, node: { n: node.number, deadline: node.deadline } })),
      );
    }
  });
});

describe('filters and fields share one definition', () => {
  it('the overdue filter selects exactly the cases whose overdue field is true', async () => {
    const all = await allCases();
    expect(all.length).toBeGreaterThan(650);
    const overdue = new Set((await allCases({ overdue: true })).map((c) => c.id));
    const onTime = new Set((await allCases({ overdue: false })).map((c) => c.id));
    expect(overdue).toEqual(new Set(all.filter((c) => c.overdue).map((c) => c.id)));
    expect(onTime).toEqual(new Set(all.filter((c) => !c.overdue).map((c) => c.id)));
    // A realistic history: some cases overdue, most not (the seed aims at 5–15 %).
    expect(overdue.size / all.length).toBeGreaterThan(0.03);
    expect(overdue.size / all.length).toBeLessThan(0.2);
  });

  it("the department's headline numbers equal counting its cases' own fields", async () => {
    const all = await allCases();
    const data = await query(
      department.url,
      '{ market { department { openCases overdueCases } cases(first: 0, filter: {statuses: [SUBMITTED, SUPPLEMENT_REQUESTED, ACCEPTED, IN_REVIEW, SUSPENDED]}) { totalCount } } }',
    );
    expect(data.market.department.overdueCases).toBe(all.filter((c) => c.overdue).length);
    expect(data.market.department.openCases).toBe(data.market.cases.totalCount);
  });

  it('each supervision-level filter selects exactly the cases at that level', async () => {
    const all = await allCases();
    for (const level of ['NONE', 'WARNING', 'YELLOW', 'RED']) {
      const filtered = new Set((await allCases({ supervisionLevels: [level] })).map((c) => c.id));
      expect(filtered, level).toEqual(new Set(all.filter((c) => c.supervisionLevel === level).map((c) => c.id)));
    }
    const both = await allCases({ supervisionLevels: ['YELLOW', 'RED'] });
    expect(both.length).toBe(all.filter((c) => c.supervisionLevel === 'YELLOW' || c.supervisionLevel === 'RED').length);
  });
});

describe('the public catalog', () => {
  const search = async (filter: Record<string, unknown>) => {
    const data = await anonymousQuery(
      department.url,
      'query($f: ItemFilter) { market { items(filter: $f) { totalCount edges { node { code name kind onlineAvailable } } } } }',
      { f: filter },
    );
    return data.market.items as {
      totalCount: number;
      edges: { node: { code: string; name: string; kind: string; onlineAvailable: boolean } }[];
    };
  };

  it('finds items by name, code, kind and online availability', async () => {
    const all = await search({});
    expect(all.totalCount).toBeGreaterThanOrEqual(6);
    const byName = await search({ text: '食品' });
    expect(byName.edges.length).toBeGreaterThan(0);
    expect(byName.edges.every((e) => e.node.name.includes('食品'))).toBe(true);
    const code = all.edges[2]!.node.code;
    expect((await search({ text: code })).edges.map((e) => e.node.code)).toEqual([code]);
    const immediate = await search({ kind: 'IMMEDIATE' });
    expect(immediate.edges.length).toBeGreaterThan(0);
    expect(immediate.edges.every((e) => e.node.kind === 'IMMEDIATE')).toBe(true);
    const offline = await search({ onlineAvailable: false });
    expect(offline.totalCount + (await search({ onlineAvailable: true })).totalCount).toBe(all.totalCount);
  });
});
