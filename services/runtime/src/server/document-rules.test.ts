import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { createLogger } from '../logger.js';
import { publicIdentity } from '../identity/roles.js';
import { createSubgraphServer, type BaseContext } from './subgraph-server.js';
import { SUBGRAPH_LIMITS } from './document-rules.js';

/** A subgraph as every service runs one, called directly (no gateway in front). */
const server = createSubgraphServer<BaseContext>({
  name: 'rules',
  typeDefs: parse('type Query { node: Node, count: Int } type Node { id: ID!, child: Node }'),
  resolvers: {
    Query: { node: () => ({ id: '1' }), count: () => 1 },
    Node: { child: () => ({ id: '2' }) },
  },
  logger: createLogger('rules', 'silent'),
  publicAccess: { fields: ['node', 'count'] },
  createContext: (base) => base,
});

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});

const context = async (): Promise<BaseContext> => ({
  requestId: 'test',
  operationId: 'test',
  logger: createLogger('rules', 'silent'),
  identity: publicIdentity('127.0.0.1'),
  clientAddress: '127.0.0.1',
});

async function ask(query: string) {
  const response = await server.executeOperation({ query }, { contextValue: await context() });
  if (response.body.kind !== 'single') throw new Error('one result expected');
  return response.body.singleResult;
}

/** `{ node { child { … id } } }`, nested `depth` fields deep. */
const nested = (depth: number): string => {
  let selection = 'id';
  for (let level = 2; level < depth; level += 1) selection = `child { ${selection} }`;
  return `{ node { ${selection} } }`;
};

describe("every subgraph's shape limits (a direct call bypasses nothing)", () => {
  it(`answers up to ${SUBGRAPH_LIMITS.depth} levels and refuses deeper, coded`, async () => {
    expect((await ask(nested(SUBGRAPH_LIMITS.depth))).errors).toBeUndefined();
    expect((await ask(nested(SUBGRAPH_LIMITS.depth + 1))).errors).toMatchObject([
      {
        message: `The operation is nested ${SUBGRAPH_LIMITS.depth + 1} fields deep; at most ${SUBGRAPH_LIMITS.depth} are allowed.`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it(`answers up to ${SUBGRAPH_LIMITS.aliases} aliases and refuses more, coded`, async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: count`).join(' ')} }`;
    expect((await ask(aliases(SUBGRAPH_LIMITS.aliases))).errors).toBeUndefined();
    expect((await ask(aliases(SUBGRAPH_LIMITS.aliases + 1))).errors).toMatchObject([
      {
        message: `The operation has ${SUBGRAPH_LIMITS.aliases + 1} aliases; at most ${SUBGRAPH_LIMITS.aliases} are allowed.`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('still refuses an operation type the schema lacks', async () => {
    expect((await ask('subscription { count }')).errors).toMatchObject([
      { message: 'This schema has no subscription operations.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
  });
});
