import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from './testing.js';
import { useErrorCodes } from './useErrorCodes.js';

const hub = {
  name: 'hub',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { cases(first: Int!): [String!]! }
  `),
  resolvers: {
    Query: {
      cases: (_: unknown, { first }: { first: number }) => Array.from({ length: first }, (_, i) => `case-${i}`),
    },
  },
};

let gateways: Record<'js' | 'rust', TestGateway>;
beforeAll(async () => {
  // Without the gateway's masker, which codes these errors as well: what the plugin does on its own.
  const [js, rust] = await Promise.all(
    (['js', 'rust'] as const).map((planner) =>
      createTestGateway({ subgraphs: [hub], planner, maskErrors: false, plugins: () => [useErrorCodes()] }),
    ),
  );
  gateways = { js: js!, rust: rust! };
});
afterAll(async () => {
  await Promise.all(Object.values(gateways).map((gateway) => gateway.dispose()));
});

describe('useErrorCodes', () => {
  it.each(['js', 'rust'] as const)(
    'answers variables that do not fit their types with 400 BAD_USER_INPUT (%s planner)',
    async (planner) => {
      const query = 'query($first: Int!) { cases(first: $first) }';
      for (const variables of [{ first: 'ten' }, {}]) {
        const { status, body } = await gateways[planner].post(query, variables);
        expect(status).toBe(400);
        expect(body.errors).toHaveLength(1);
        expect(body.errors![0]).toMatchObject({
          message: expect.stringMatching(/^Variable "\$first"/),
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
    },
  );

  it('leaves errors that have a code as they are, and answers a valid request', async () => {
    const { status, body } = await gateways.js.post('query Q { cases(first: 1) }');
    expect([status, body]).toEqual([200, { data: { cases: ['case-0'] } }]);
    const unknownField = await gateways.js.post('{ nope }');
    expect(unknownField.body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
