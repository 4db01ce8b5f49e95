import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_TOKENS } from '@onewindow/runtime';
import { createTestGateway, type TestGateway, type TestSubgraph } from './testing.js';
import { useDocumentRules } from './useDocumentRules.js';

let subgraphCalls = 0;
const hub: TestSubgraph = {
  name: 'hub',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { openCases: Int }
  `),
  resolvers: { Query: { openCases: () => ++subgraphCalls } },
};

/** `{ a0: openCases a1: openCases … }`: a valid query of 2 + 3 × count tokens. */
const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: openCases`).join(' ')} }`;

let gateways: Record<'js' | 'rust' | 'small', TestGateway>;
beforeAll(async () => {
  const [js, rust, small] = await Promise.all([
    createTestGateway({ subgraphs: [hub], plugins: () => [useDocumentRules()] }),
    createTestGateway({ subgraphs: [hub], planner: 'rust', plugins: () => [useDocumentRules()] }),
    createTestGateway({ subgraphs: [hub], plugins: () => [useDocumentRules({ maxTokens: 20 })] }),
  ]);
  gateways = { js, rust, small };
});
afterAll(async () => {
  await Promise.all(Object.values(gateways).map((gateway) => gateway.dispose()));
});

describe('useDocumentRules', () => {
  it('refuses a document over MAX_DOCUMENT_TOKENS with 400 GRAPHQL_PARSE_FAILED, asking no subgraph', async () => {
    subgraphCalls = 0;
    const { status, body } = await gateways.js.post(aliases(Math.ceil(MAX_DOCUMENT_TOKENS / 3)));
    expect(status).toBe(400);
    expect(body.errors).toMatchObject([
      {
        message: expect.stringMatching(
          new RegExp(`^Syntax Error: Document contains more tha[nt] ${MAX_DOCUMENT_TOKENS} tokens`),
        ),
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      },
    ]);
    expect(subgraphCalls).toBe(0);
  });

  it('takes the limit from maxTokens: up to it a query is answered', async () => {
    expect((await gateways.small.post(aliases(6))).body).toEqual({
      data: expect.objectContaining({ a5: expect.any(Number) }),
    });
    const { status, body } = await gateways.small.post(aliases(7));
    expect([status, body.errors?.[0]?.extensions]).toEqual([400, { code: 'GRAPHQL_PARSE_FAILED' }]);
  });

  it('answers a document nested too deeply for the parser with 400, not a server error', async () => {
    // Within the token limit, but deeper than graphql-js's recursive parser can go.
    const depth = Math.floor((MAX_DOCUMENT_TOKENS - 20) / 2);
    const { status, body } = await gateways.js.post(
      `query($a: [Int] = ${'['.repeat(depth)}${']'.repeat(depth)}) { openCases }`,
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { message: 'Syntax Error: the document is nested too deeply.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
  });

  it.each(['js', 'rust'] as const)(
    'refuses an operation type the supergraph lacks as invalid (%s planner)',
    async (planner) => {
      const { status, body } = await gateways[planner].post('subscription { openCases }');
      expect(status).toBe(400);
      expect(body.errors).toMatchObject([
        { message: 'This schema has no subscription operations.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ]);
    },
  );
});
