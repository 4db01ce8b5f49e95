import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway, type TestResponse, type TestSubgraph } from './testing.js';
import { useOperationLimits } from './useOperationLimits.js';

let subgraphCalls = 0;
const hub: TestSubgraph = {
  name: 'hub',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { node: Node, count: Int, other: Int, third: Int }
    type Node { id: ID!, child: Node }
  `),
  resolvers: {
    Query: {
      node: () => ++subgraphCalls && { id: '1' },
      count: () => 1,
      other: () => 2,
      third: () => 3,
    },
    Node: { child: ({ id }: { id: string }) => ({ id: `${id}1` }) },
  },
};

/** `{ node { child { … id } } }`: a query nested `depth` fields deep. */
const nested = (depth: number): string => {
  let selection = 'id';
  for (let level = 2; level < depth; level += 1) selection = `child { ${selection} }`;
  return `{ node { ${selection} } }`;
};

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await createTestGateway({
    subgraphs: [hub],
    plugins: () => [useOperationLimits({ maxDepth: 5, maxAliases: 3, maxRootFields: 2 })],
  });
});
afterAll(async () => {
  await gateway.dispose();
});

/**
 * The status and errors of a refused query, which reached no subgraph. (Under vitest the errors
 * also show the runtime's `http` extension, which production strips: hence toMatchObject.)
 */
const refusal = async (query: string) => {
  subgraphCalls = 0;
  const { status, body } = await gateway.post(query);
  expect(subgraphCalls).toBe(0);
  return { status, errors: body.errors };
};

describe('useOperationLimits', () => {
  it('answers an operation within every limit', async () => {
    // 2 root fields, 3 aliases, 5 deep.
    const { status, body } = await gateway.post('{ a: count b: node { c: child { child { child { id } } } } }');
    expect([status, body.errors]).toEqual([200, undefined]);
  });

  it('refuses variables nested deeper than any input of the API (an unused one too), asking no subgraph', async () => {
    subgraphCalls = 0;
    // 40,000 levels in 80 KB, written out: JSON.stringify itself overflows at a few thousand.
    const deep = `${'['.repeat(40_000)}${']'.repeat(40_000)}`;
    const response = await gateway.runtime.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: `{"query": "{ node { id } }", "variables": {"unused": ${deep}}}`,
    });
    const status = response.status;
    const body = (await response.json()) as TestResponse['body'];
    expect(subgraphCalls).toBe(0);
    expect(status).toBe(400);
    expect(body.errors).toMatchObject([{ extensions: { code: 'BAD_REQUEST' } }]);
    expect(body.errors?.[0]?.message).toMatch(/nests deeper than 64 levels/);
  });

  it('refuses an operation nested deeper than maxDepth, asking no subgraph', async () => {
    expect(await refusal(nested(6))).toMatchObject({
      status: 400,
      errors: [
        {
          message: 'The operation is nested 6 fields deep; at most 5 are allowed.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });

  it('measures depth through fragments: a fragment adds the fields inside it, not a level', async () => {
    const inFragments = `{ node { ...A } } fragment A on Node { child { ... on Node { child { ...B } } } }
      fragment B on Node { child { child { id } } }`;
    const { errors } = await refusal(inFragments);
    expect(errors?.[0]?.message).toBe('The operation is nested 6 fields deep; at most 5 are allowed.');
    const { body } = await gateway.post(`{ node { ...A } } fragment A on Node { child { ... on Node { id } } }`);
    expect(body.errors).toBeUndefined();
  });

  it('refuses more than maxAliases aliases, fragments included', async () => {
    const { status, errors } = await refusal(`{ a: count b: count ...F } fragment F on Query { c: count d: count }`);
    expect([status, errors?.[0]]).toMatchObject([
      400,
      {
        message: 'The operation has 4 aliases; at most 3 are allowed.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('refuses more than maxRootFields root fields, counting those in fragments and leaving out __typename', async () => {
    const { status, errors } = await refusal(
      `{ __typename count ... on Query { other } ...F } fragment F on Query { third }`,
    );
    expect([status, errors]).toMatchObject([
      400,
      [
        {
          message: 'The operation selects 3 root fields; at most 2 are allowed.',
          locations: [{ line: 1, column: 1 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    ]);
    expect((await gateway.post('{ __typename count other }')).body.errors).toBeUndefined();
  });
});
