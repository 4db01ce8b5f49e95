import { buildSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway, type TestSubgraph } from './testing.js';
import { estimateCost, useOperationCost } from './useOperationCost.js';

const sdl = `
  type Query { cases(first: Int = 20): CaseConnection!, departments: [Department!]!, count: Int }
  type CaseConnection { edges: [CaseEdge!]!, totalCount: Int! }
  type CaseEdge { node: Case! }
  interface Case { id: ID!, applicant: Applicant! }
  type HousingCase implements Case { id: ID!, applicant: Applicant!, project: Project }
  type Project { name: String }
  type Applicant { id: ID!, cases(first: Int = 20): CaseConnection! }
  type Department { code: ID!, items: [[Item!]!]! }
  type Item { code: ID! }
`;
const schema = buildSchema(sdl);
const cost = (query: string, variables: Record<string, unknown> = {}, listSize = 10) =>
  estimateCost(schema, parse(query), undefined, variables, listSize);

describe('estimateCost', () => {
  it('counts each object once per time it occurs; leaves are free', () => {
    expect(cost('{ count }')).toBe(0);
    // cases 1, edges 20 (the page's size), node 20, applicant 20.
    expect(cost('{ cases { totalCount edges { node { id applicant { id } } } } }')).toBe(61);
  });

  it("takes a list's size from `first` (argument, variable or default), else listSize", () => {
    expect(cost('{ cases(first: 5) { edges { node { id } } } }')).toBe(11);
    expect(cost('query($n: Int) { cases(first: $n) { edges { node { id } } } }', { n: 100 })).toBe(201);
    expect(cost('{ departments { code } }', {}, 7)).toBe(7);
    // A list of lists multiplies: 10 departments, each 10 × 10 items.
    expect(cost('{ departments { items { code } } }')).toBe(10 + 1000);
  });

  it('multiplies nested lists, which is what makes the nested applicant.cases query a bomb', () => {
    const bomb = `{ cases(first: 500) { edges { node { applicant { cases(first: 500) { edges { node {
      applicant { cases { totalCount } } } } } } } } } }`;
    expect(cost(bomb)).toBe(1 + 500 * 4 + 500 * 500 * 4);
  });

  it('counts fragments, inline and named, like the same fields written in place', () => {
    const inPlace = cost('{ cases { edges { node { applicant { id } ... on HousingCase { project { name } } } } } }');
    const named = cost(`{ cases { edges { ...E } } } fragment E on CaseEdge { node { applicant { id } ...H } }
      fragment H on HousingCase { project { name } }`);
    expect(named).toBe(inPlace);
    expect(inPlace).toBe(1 + 20 + 20 + 20 + 20);
  });

  it('walks a fragment once however often it is spread: a fragment bomb costs linear time', () => {
    // Each fragment spreads the next twice: 2^40 expansions if walked naively.
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i + 1 < levels
        ? `fragment F${i} on Applicant { cases { edges { node { applicant { ...F${i + 1} ...F${i + 1} } } } } }`
        : `fragment F${i} on Applicant { id }`,
    );
    const bomb = `{ cases { edges { node { applicant { ...F0 } } } } } ${fragments.join(' ')}`;
    // Walked naively this takes hours, and the test times out.
    expect(cost(bomb)).toBeGreaterThan(1e12);
    // The same estimate as the fields written out, for a bomb small enough to write out.
    const small = `{ cases { edges { node { applicant { ...A } } } } }
      fragment A on Applicant { cases { edges { node { applicant { ...B ...B } } } } } fragment B on Applicant { id }`;
    const written = '{ cases { edges { node { applicant { cases { edges { node { applicant { id } } } } } } } } }';
    expect(cost(small)).toBe(cost(written));
  });

  it('estimates the operation named, and nothing for introspection', () => {
    const document = parse('query A { count } query B { departments { code } }');
    expect(estimateCost(schema, document, 'B', {}, 10)).toBe(10);
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});

let calls = 0;
const hub: TestSubgraph = {
  name: 'hub',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { list(first: Int = 10): [Row!]!, rows: [Row] }
    type Row { id: ID!, children: [Row] }
  `),
  resolvers: {
    Query: { list: () => ++calls && [{ id: '1' }], rows: () => ++calls && [{ id: '1' }] },
    Row: { children: () => [{ id: '2' }] },
  },
};

let gateways: { ours: TestGateway; demandControl: TestGateway };
beforeAll(async () => {
  const [ours, demandControl] = await Promise.all([
    createTestGateway({ subgraphs: [hub], plugins: () => [useOperationCost({ maxCost: 1000, listSize: 10 })] }),
    createTestGateway({
      subgraphs: [hub],
      runtime: { demandControl: { maxCost: 1000, listSize: 10, includeExtensionMetadata: false } },
    }),
  ]);
  gateways = { ours, demandControl };
});
afterAll(async () => {
  await Promise.all(Object.values(gateways).map((gateway) => gateway.dispose()));
});

describe('useOperationCost', () => {
  it('answers an operation within the limit', async () => {
    const { status, body } = await gateways.ours.post('{ list(first: 30) { id children { id } } }');
    expect([status, body.errors]).toEqual([200, undefined]);
  });

  it('refuses one over the limit before any subgraph is asked, with the estimate and the limit', async () => {
    calls = 0;
    const { status, body } = await gateways.ours.post('{ list(first: 100) { children { children { id } } } }');
    expect(calls).toBe(0);
    expect(status).toBe(400);
    expect(body.errors).toMatchObject([
      {
        message:
          "The operation's estimated cost is 11100, over the limit of 1000: ask for fewer items (a smaller `first`) " +
          'or nest fewer lists.',
        extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated: 11100, max: 1000 } },
      },
    ]);
  });

  // demandControl estimates each subgraph request; in runtime 2.12.1 its listSize applies to
  // nullable lists only (a `[Row!]!` counts as one item), which is why useOperationCost exists.
  it('the runtime’s demandControl (server.ts sets both) refuses by its own estimate, with the same code', async () => {
    const { body } = await gateways.demandControl.post('{ rows { children { children { id } } } }');
    expect(body.errors).toMatchObject([{ extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE' } }]);
    expect(body.errors?.[0]?.message).toMatch(/^Operation estimated cost \d+ exceeded configured maximum 1000$/);
  });
});
