import { GraphQLError, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from './testing.js';
import { useExecutionData } from './useExecutionData.js';

/** How many times a subgraph resolved a case. */
let asked = 0;

const hub = {
  name: 'hub',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { case(id: ID!): Case! }
    type Case { id: ID! status: String! }
  `),
  resolvers: {
    Query: {
      case: (_: unknown, { id }: { id: string }) => {
        asked += 1;
        if (id === 'housing:1') return { id, status: 'ACCEPTED' };
        throw new GraphQLError(`No case "${id}".`, { extensions: { code: 'NOT_FOUND' } });
      },
    },
  },
};

let gateways: Record<'js' | 'rust', TestGateway>;
beforeAll(async () => {
  const [js, rust] = await Promise.all(
    (['js', 'rust'] as const).map((planner) =>
      createTestGateway({ subgraphs: [hub], planner, plugins: () => [useExecutionData()] }),
    ),
  );
  gateways = { js: js!, rust: rust! };
});
afterAll(async () => {
  await Promise.all(Object.values(gateways).map((gateway) => gateway.dispose()));
});

describe('useExecutionData', () => {
  // The Rust planner leaves `data` out when a non-null root field fails; the spec requires it.
  it.each(['js', 'rust'] as const)(
    'answers a failed non-null root field with 200, data null and the error (%s planner)',
    async (planner) => {
      const { status, body } = await gateways[planner].post('{ case(id: "housing:9") { status } }');
      expect(status).toBe(200);
      expect(body).toHaveProperty('data', null);
      expect(body.errors).toMatchObject([
        { message: 'No case "housing:9".', path: ['case'], extensions: { code: 'NOT_FOUND' } },
      ]);
    },
  );

  it('leaves an answer with data as it is', async () => {
    expect(await gateways.rust.post('{ case(id: "housing:1") { status } }')).toEqual({
      status: 200,
      body: { data: { case: { status: 'ACCEPTED' } } },
    });
  });
});

describe('useExecutionData, every root field skipped', () => {
  it.each(['js', 'rust'] as const)('answers data {} and asks no subgraph (%s planner)', async (planner) => {
    const texts: [string, Record<string, unknown>][] = [
      ['{ case(id: "housing:1") @skip(if: true) { status } }', {}],
      ['query($on: Boolean!) { case(id: "housing:1") @include(if: $on) { status } }', { on: false }],
      ['query($off: Boolean = true) { ... @skip(if: $off) { case(id: "housing:1") { status } } }', {}],
      ['{ ...Skipped } fragment Skipped on Query { case(id: "housing:1") @skip(if: true) { status } }', {}],
    ];
    asked = 0;
    for (const [text, variables] of texts) {
      expect(await gateways[planner].post(text, variables)).toEqual({ status: 200, body: { data: {} } });
    }
    expect(asked).toBe(0);
  });

  it.each(['js', 'rust'] as const)('runs an operation with one field left (%s planner)', async (planner) => {
    const text = '{ skipped: case(id: "housing:1") @skip(if: true) { status } kept: case(id: "housing:1") { status } }';
    expect(await gateways[planner].post(text)).toEqual({
      status: 200,
      body: { data: { kept: { status: 'ACCEPTED' } } },
    });
  });
});
