/**
 * The walking skeleton end to end: every department, the center, the hub and the gateway run
 * for real on free ports with throwaway databases, and the README's example queries are asked
 * through Hive Gateway (JavaScript query planner, the default) and, for comparison, through Hive
 * Gateway with its Rust planner and through @apollo/gateway over the same supergraph.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../schema/src/index.js';
import { enterprise } from './support/applicants.js';
import { atDepartment, findItem, step, submitCase } from './support/cases.js';
import { post as anonymousPost, query as anonymousQuery } from './support/graphql.js';
import { SUPERVISOR, WINDOW, headersFor, officerOf, type Caller } from './support/callers.js';
import { userToken } from './support/identity.js';
import { startFederation, type Federation } from './support/federation.js';

let federation: Federation;
let gatewayUrl: string;

beforeAll(async () => {
  federation = await startFederation({ demoCases: 300 });
  gatewayUrl = federation.gateway.url;
});

afterAll(async () => {
  await federation?.stop();
});

/**
 * Requests as a supervisor (效能监察), who reads every department's cases, unless `caller` says
 * who; to a gateway or straight to a subgraph alike (callers.ts).
 */
const query = async (url: string, text: string, variables: Record<string, unknown> = {}, caller = SUPERVISOR) =>
  anonymousQuery(url, text, variables, await headersFor(caller));
const post = async (url: string, text: string, variables: Record<string, unknown> = {}, caller: Caller = SUPERVISOR) =>
  anonymousPost(url, text, variables, await headersFor(caller));

const DEPARTMENTS_QUERY = '{ departments { __typename code name openCases overdueCases itemCount } }';
const CASES_QUERY = `{ cases(first: 20, orderBy: {field: SUBMITTED_AT, direction: DESC}) {
  totalCount incompleteDepartments
  edges { cursor node { id number status submittedAt department { code } item { name } ... on HousingCase { floorArea } } }
} }`;
const caseQuery = (id: string) => `{ case(id: "${id}") { id status events { action at } } }`;

interface CaseNode {
  id: string;
  submittedAt: string;
  deadline: string | null;
  department: { code: string };
  floorArea?: number | null;
}

/** Every case of every department, read straight from the department subgraphs. */
async function allCasesFromDepartments(): Promise<{ id: string; submittedAt: string; deadline: string | null }[]> {
  const perDepartment = await Promise.all(
    departments.map(async (d) => {
      const data = await query(
        federation.urls[d.code]!,
        `{ ${d.code} { cases(first: 500) { totalCount edges { node { id submittedAt deadline } } } } }`,
      );
      const cases = data[d.code].cases;
      expect(cases.edges.length).toBe(cases.totalCount);
      return cases.edges.map((e: { node: { id: string; submittedAt: string; deadline: string | null } }) => e.node);
    }),
  );
  return perDepartment.flat();
}

const departmentIndex = (id: string) => departments.findIndex((d) => id.startsWith(`${d.code}:`));
const localId = (id: string) => Number(id.split(':')[1]);

describe('the example queries', () => {
  it('lists all five departments with their own numbers, as concrete department types', async () => {
    const data = await query(gatewayUrl, DEPARTMENTS_QUERY);
    expect(data.departments.map((d: { code: string }) => d.code)).toEqual(departments.map((d) => d.code));
    for (const department of data.departments) {
      const entry = departments.find((d) => d.code === department.code)!;
      expect(department.__typename).toBe(`${entry.prefix}Department`);
      expect(department.name).toBe(entry.name);
      expect(department.itemCount).toBeGreaterThanOrEqual(6);
      expect(department.openCases).toBeGreaterThan(0);
      // The numbers are the department's own: its subgraph says the same.
      const own = await query(
        federation.urls[entry.code]!,
        `{ ${entry.code} { department { openCases itemCount overdueCases } } }`,
      );
      expect(own[entry.code].department).toEqual({
        openCases: department.openCases,
        itemCount: department.itemCount,
        overdueCases: department.overdueCases,
      });
    }
  });

  it('merges cases from several departments into one correct order', async () => {
    const data = await query(gatewayUrl, CASES_QUERY);
    const nodes: CaseNode[] = data.cases.edges.map((e: { node: CaseNode }) => e.node);
    expect(nodes).toHaveLength(20);
    const times = nodes.map((n) => n.submittedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(nodes.map((n) => n.department.code)).size).toBeGreaterThan(1);
    for (const node of nodes) {
      expect(node.id.startsWith(`${node.department.code}:`)).toBe(true);
      if (node.department.code === 'housing') expect(typeof node.floorArea).toBe('number');
      else expect(node).not.toHaveProperty('floorArea');
    }
    const all = await allCasesFromDepartments();
    expect(data.cases.totalCount).toBe(all.length);
    expect(data.cases.incompleteDepartments).toEqual([]);
    // The first page is exactly the 20 newest cases of all departments together.
    const newest = [...all]
      .sort(
        (a, b) =>
          b.submittedAt.localeCompare(a.submittedAt) ||
          departmentIndex(b.id) - departmentIndex(a.id) ||
          localId(b.id) - localId(a.id),
      )
      .slice(0, 20)
      .map((c) => c.id);
    expect(nodes.map((n) => n.id)).toEqual(newest);
  });

  it('returns one case with its history from its department', async () => {
    const list = await query(gatewayUrl, CASES_QUERY);
    const id: string = list.cases.edges[3].node.id;
    const data = await query(gatewayUrl, caseQuery(id));
    expect(data.case.id).toBe(id);
    expect(data.case.events.length).toBeGreaterThan(0);
    expect(data.case.events[0].action).toBe('submit');
    const times = data.case.events.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('walks every page of a deadline-ordered list without gaps or repeats', async () => {
    const expected = (await allCasesFromDepartments())
      .map((c) => ({ id: c.id, key: c.deadline ?? '9999' }))
      .sort(
        (a, b) =>
          a.key.localeCompare(b.key) || departmentIndex(a.id) - departmentIndex(b.id) || localId(a.id) - localId(b.id),
      )
      .map((c) => c.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const data: any = await query(
        gatewayUrl,
        `query Page($after: String) { cases(first: 37, after: $after, orderBy: {field: DEADLINE, direction: ASC}) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { after },
      );
      seen.push(...data.cases.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(data.cases.totalCount).toBe(expected.length);
      if (!data.cases.pageInfo.hasNextPage) break;
      after = data.cases.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });
});

describe('GraphiQL', () => {
  it('is served by the gateway as one page that loads nothing from outside (the center may be offline)', async () => {
    const response = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    const loaded = [...html.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)=["']?([^"'\s>]+)/gi)].map((m) => m[1]!);
    expect(loaded.filter((url) => /^(https?:)?\/\//.test(url))).toEqual([]);
  });
});

describe('any federation router serves the supergraph', () => {
  it('answers the example queries identically on Hive Gateway (JS and Rust planners) and on @apollo/gateway', async () => {
    const list = await query(gatewayUrl, CASES_QUERY);
    const id: string = list.cases.edges[0].node.id;
    for (const text of [DEPARTMENTS_QUERY, CASES_QUERY, caseQuery(id)]) {
      const [js, rust, apollo] = await Promise.all([
        query(gatewayUrl, text),
        query(federation.rustGateway.url, text),
        query(federation.apolloGatewayUrl, text),
      ]);
      expect(rust).toEqual(apollo);
      expect(js).toEqual(apollo);
    }
    // Errors too: the same status, data and codes (Hive's Rust runtime needed gateway/src/plugins/useExecutionData.ts).
    for (const text of ['{ case(id: "housing:99999999") { id } }', '{ cases(first: 5000) { totalCount } }']) {
      const [js, rust, apollo] = await Promise.all([
        post(gatewayUrl, text),
        post(federation.rustGateway.url, text),
        post(federation.apolloGatewayUrl, text),
      ]);
      const shape = ({ status, body }: Awaited<ReturnType<typeof post>>) => ({
        status,
        data: body.data,
        codes: body.errors?.map((e) => e.extensions?.code),
      });
      expect(shape(rust)).toEqual(shape(apollo));
      expect(shape(js)).toEqual(shape(apollo));
      expect(shape(apollo)).toMatchObject({ status: 200, data: null });
    }
    // A variable of the wrong type is the client's mistake on every router: 400 with BAD_USER_INPUT.
    const badVariable = ['query($id: ID!) { case(id: $id) { id } }', { id: { not: 'an id' } }] as const;
    for (const url of [gatewayUrl, federation.rustGateway.url, federation.apolloGatewayUrl]) {
      const { status, body } = await post(url, ...badVariable);
      expect({ status, codes: body.errors?.map((e) => e.extensions?.code) }).toEqual({
        status: 400,
        codes: ['BAD_USER_INPUT'],
      });
    }
  });
});

describe('any federation router, in corners of the spec', () => {
  const routers = () => [gatewayUrl, federation.rustGateway.url, federation.apolloGatewayUrl];

  it('of two writes in one request, a refused one is null beside its error and the taken one answers', async () => {
    const housing = atDepartment('housing', gatewayUrl);
    const item = await findItem(atDepartment('housing', federation.urls.housing!), { kind: 'PROMISED' });
    const text = `mutation($a: TransitionInput!, $b: TransitionInput!) {
      taken: accept(input: $a) { id status version } stale: accept(input: $b) { id status version } }`;
    for (const url of routers()) {
      const [first, second] = [
        await submitCase(housing, { item, applicant: enterprise('临江恒通建设工程有限公司'), as: WINDOW }),
        await submitCase(housing, { item, applicant: enterprise('临江恒通建设工程有限公司'), as: WINDOW }),
      ];
      const input = (id: string, expectedVersion: number) => ({
        idempotencyKey: `two-writes-${id}`,
        caseId: id,
        expectedVersion,
      });
      const { status, body } = await post(
        url,
        text,
        { a: input(first!.id, 1), b: input(second!.id, 7) },
        officerOf('housing'),
      );
      expect({ url, status, data: body.data }).toEqual({
        url,
        status: 200,
        data: { taken: { id: first!.id, status: 'ACCEPTED', version: 2 }, stale: null },
      });
      expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['stale', 'CONFLICT']]);
    }
  });

  it('an operation whose every field is skipped answers empty data', async () => {
    const texts = [
      '{ cases(first: 1) @skip(if: true) { totalCount } }',
      'query($on: Boolean!) { cases(first: 1) @include(if: $on) { totalCount } departments @include(if: $on) { code } }',
    ];
    for (const url of routers()) {
      for (const text of texts) {
        const { status, body } = await post(url, text, { on: false });
        expect({ url, text, status, body }).toEqual({ url, text, status: 200, body: { data: {} } });
      }
    }
  });
});

describe('in-flight deduplication', () => {
  /** One supervisor's requests carry the same bearer token; each other supervisor's, their own. */
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (sub: string) => {
    if (!tokens.has(sub)) tokens.set(sub, userToken({ role: 'supervisor', sub }));
    return tokens.get(sub)!;
  };
  const ask = async (sub: string) =>
    fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(sub)}` },
      body: JSON.stringify({ query: '{ department(code: "housing") { openCases overdueCases } }' }),
    }).then((r) => r.json() as Promise<{ data: { department: { openCases: number } } }>);

  it('merges identical requests of one identity, and never those of different identities', async () => {
    // Each execution that reaches housing costs one statement there (its numbers are one query).
    let before = federation.statements('housing');
    const same = await Promise.all(Array.from({ length: 24 }, () => ask('supervisor-a')));
    const sameExecutions = federation.statements('housing') - before;
    expect(same.every((r) => r.data.department.openCases === same[0]!.data.department.openCases)).toBe(true);
    expect(sameExecutions).toBeLessThan(24);

    before = federation.statements('housing');
    await Promise.all(Array.from({ length: 24 }, (_, i) => ask(`supervisor-${i}`)));
    // Never merged: every identity's request runs its own query (background work may add a statement).
    expect(federation.statements('housing') - before).toBeGreaterThanOrEqual(24);
  });
});

describe('bad requests get coded errors, never a crash', () => {
  const codeOf = async (text: string) => {
    const { status, body } = await post(gatewayUrl, text);
    expect(status).toBeLessThan(500);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts:\d+/);
    return body.errors![0]!.extensions?.code;
  };

  it('a malformed query', async () => {
    expect(await codeOf('{ departments { code ')).toBe('GRAPHQL_PARSE_FAILED');
    expect(await codeOf('{ departments { noSuchField } }')).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('an unknown or malformed case ID', async () => {
    expect(await codeOf('{ case(id: "housing:99999999") { id } }')).toBe('NOT_FOUND');
    expect(await codeOf('{ case(id: "police:1") { id } }')).toBe('NOT_FOUND');
    expect(await codeOf('{ case(id: "no-prefix") { id } }')).toBe('BAD_USER_INPUT');
    expect(await codeOf('{ case(id: "housing:abc") { id } }')).toBe('NOT_FOUND');
  });

  it('an unknown department code', async () => {
    expect(await codeOf('{ department(code: "police") { code } }')).toBe('NOT_FOUND');
    expect(await codeOf('{ cases(filter: {departments: ["police"]}) { totalCount } }')).toBe('BAD_USER_INPUT');
  });

  it('a page too large or a cursor from nowhere', async () => {
    expect(await codeOf('{ cases(first: 100000) { totalCount } }')).toBe('BAD_USER_INPUT');
    expect(await codeOf('{ cases(after: "bm90IGEgY3Vyc29y") { totalCount } }')).toBe('BAD_USER_INPUT');
  });

  it('a body over 1 MB sent in chunks, without a length, is refused like one that declares it', async () => {
    const padding = ' '.repeat(2 * 1024 * 1024);
    const oversized = await postInChunks(gatewayUrl, `{"query":"{ departments { code } }${padding}"}`);
    expect(oversized.status).toBe(413);
    expect(JSON.parse(oversized.body).errors[0].extensions.code).toBe('BAD_REQUEST');
    // A small body in chunks is answered as usual.
    const small = await postInChunks(gatewayUrl, JSON.stringify({ query: '{ departments { code } }' }));
    expect(small.status).toBe(200);
    expect(JSON.parse(small.body).data.departments).toHaveLength(departments.length);
  });
});

/** POSTs a JSON body with `transfer-encoding: chunked` (no content-length), in 64 KiB writes. */
function postInChunks(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'transfer-encoding': 'chunked' },
    });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    // The server may answer 413 and close before the whole body is written.
    request.on('error', reject);
    const bytes = Buffer.from(body);
    for (let at = 0; at < bytes.length; at += 65_536) request.write(bytes.subarray(at, at + 65_536));
    request.end();
  });
}

describe("a department's lifecycle through the gateway", () => {
  const submit = `mutation($input: SubmitApplicationInput!) { housing { submit(input: $input) { id number status version item { name } } } }`;
  const input = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `gateway-${Math.random()}`,
    itemCode: '',
    applicant: enterprise('临江恒通建设工程有限公司'),
    ...overrides,
  });

  it('submits and accepts a case, which the hub then lists', async () => {
    // Housing's own mutations, asked of the gateway.
    const housing = atDepartment('housing', gatewayUrl);
    const item = await findItem(atDepartment('housing', federation.urls.housing!), { kind: 'PROMISED' });
    const created = await submitCase(housing, {
      item,
      applicant: enterprise('临江恒通建设工程有限公司'),
      as: WINDOW,
    });
    expect(created).toMatchObject({ status: 'SUBMITTED', version: 1 });
    const accepted = await step(housing, created, 'accept', {}, { as: officerOf('housing', 'staff-3') });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 2 });
    const found = await query(gatewayUrl, `{ case(id: "${created.id}") { status number } }`);
    expect(found.case).toEqual({ status: 'ACCEPTED', number: created.number });
  });

  it('answers bad input with BAD_USER_INPUT', async () => {
    for (const bad of [input({ itemCode: 'NO-SUCH-ITEM' }), input({ itemCode: 5 }), input({ applicant: undefined })]) {
      const { status, body } = await post(gatewayUrl, submit, { input: bad }, WINDOW);
      expect(status).toBeLessThan(500);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('when a department is down', () => {
  it('health names it, and the others still answer', async () => {
    expect((await fetch(`${federation.gateway.baseUrl}/health`)).status).toBe(200);
    const before = await query(gatewayUrl, '{ cases(first: 1) { totalCount } }');
    const taxCount = (await query(federation.urls.tax!, '{ tax { cases(first: 0) { totalCount } } }')).tax.cases
      .totalCount;

    await federation.stopService('tax');

    const health = await fetch(`${federation.gateway.baseUrl}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'degraded', missing: ['tax'], databaseUnreachable: [] });

    const { status, body } = await post(gatewayUrl, '{ departments { code openCases } }');
    expect(status).toBe(200);
    const rows = body.data!.departments as { code: string; openCases: number | null }[];
    expect(rows.find((d) => d.code === 'tax')!.openCases).toBeNull();
    expect(rows.filter((d) => d.code !== 'tax').every((d) => (d.openCases ?? 0) > 0)).toBe(true);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'tax' });

    // Every gateway keeps the hub's partial answer and its DEPARTMENT_UNAVAILABLE error.
    for (const url of [gatewayUrl, federation.rustGateway.url, federation.apolloGatewayUrl]) {
      const partial = await post(url, '{ cases(first: 5) { totalCount incompleteDepartments edges { node { id } } } }');
      const cases = partial.body.data!.cases as {
        totalCount: number;
        incompleteDepartments: string[];
        edges: unknown[];
      };
      expect(cases.incompleteDepartments).toEqual(['tax']);
      expect(cases.totalCount).toBe(before.cases.totalCount - taxCount);
      expect(cases.edges).toHaveLength(5);
      expect(partial.body.errors?.map((e) => e.extensions)).toContainEqual(
        expect.objectContaining({ code: 'DEPARTMENT_UNAVAILABLE', department: 'tax' }),
      );
    }

    // Several hub fields in one request, aliased (as a dashboard asks): a router sends them to the
    // hub together under aliases of its own, so the hub must report the missing department at the
    // field's place in the response, not at its name, or the router loses the whole answer. Each
    // list keeps its partial data, and the error names the department at a field the client asked.
    for (const url of [gatewayUrl, federation.rustGateway.url, federation.apolloGatewayUrl]) {
      const combined = await post(
        url,
        `{ departments { code openCases }
           today: caseStats(groupBy: [DEPARTMENT]) { rows { department count } incompleteDepartments }
           open: caseStats(filter: { statuses: [ACCEPTED] }, groupBy: [DEPARTMENT]) { incompleteDepartments }
           list: cases(first: 2) { incompleteDepartments edges { node { id } } } }`,
      );
      const data = combined.body.data as Record<string, { incompleteDepartments?: string[] }> & {
        departments: { code: string }[];
      };
      expect(data, url).toBeTruthy();
      expect(data.departments.map((d) => d.code)).toContain('tax');
      for (const key of ['today', 'open', 'list'])
        expect(data[key]!.incompleteDepartments, `${url} ${key}`).toEqual(['tax']);
      const unavailable = combined.body.errors!.filter((e) => e.extensions?.code === 'DEPARTMENT_UNAVAILABLE');
      expect(unavailable.map((e) => e.extensions?.department)).toContain('tax');
      for (const error of unavailable) expect(['departments', 'today', 'open', 'list'], url).toContain(error.path?.[0]);
    }
  });
});
