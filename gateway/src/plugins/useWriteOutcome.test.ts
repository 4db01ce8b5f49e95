import { GraphQLError, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type SubgraphFetch, type TestGateway, type TestSubgraph } from './testing.js';
import { usePartialResults } from './usePartialResults.js';
import { useWriteOutcome } from './useWriteOutcome.js';

/** The hub takes the write; housing serves the case's own fields, and may be down. */
let writes = 0;
const hub: TestSubgraph = {
  name: 'hub',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { ping: Int }
    type Mutation { accept(id: ID!): HousingCase!, refuse(id: ID!): HousingCase! }
    type HousingCase @key(fields: "id", resolvable: false) { id: ID! }
  `),
  resolvers: {
    Query: { ping: () => 1 },
    Mutation: {
      accept: (_: unknown, { id }: { id: string }) => ++writes && { id },
      refuse: () => {
        throw new Error('not taken');
      },
    },
  },
};
/** A department that takes its writes under a namespace, as `housing { withdraw }` does. */
let namespacedWrites = 0;
const department: TestSubgraph = {
  name: 'department',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { ping2: Int }
    type Mutation { department: DepartmentMutation! }
    type DepartmentMutation { take(id: ID!): HousingCase, refuse(id: ID!): HousingCase }
    type HousingCase @key(fields: "id", resolvable: false) { id: ID! }
  `),
  resolvers: {
    Query: { ping2: () => 1 },
    Mutation: { department: () => ({}) },
    DepartmentMutation: {
      take: (_: unknown, { id }: { id: string }) => ++namespacedWrites && { id },
      refuse: () => {
        throw new GraphQLError('the case moved on', { extensions: { code: 'CONFLICT' } });
      },
    },
  },
};
const housing: TestSubgraph = {
  name: 'housing',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { version: Int }
    type HousingCase @key(fields: "id") { id: ID!, version: Int! }
  `),
  resolvers: {
    Query: { version: () => 1 },
    HousingCase: { __resolveReference: ({ id }: { id: string }) => ({ id, version: 2 }) },
  },
};

let housingDown = false;
const network =
  (reach: SubgraphFetch): SubgraphFetch =>
  async (url, init) => {
    if (housingDown && new URL(url).hostname.startsWith('housing'))
      throw new TypeError('fetch failed: connect ECONNREFUSED');
    return reach(url, init);
  };

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await createTestGateway({
    subgraphs: [hub, department, housing],
    network,
    plugins: () => [usePartialResults(), useWriteOutcome()],
  });
});
afterAll(async () => {
  await gateway.dispose();
});

describe('useWriteOutcome', () => {
  it('says a write was applied when a field of its answer was lost after it', async () => {
    housingDown = true;
    writes = 0;
    const { body } = await gateway.post('mutation { accept(id: "housing:1") { id version } }');
    housingDown = false;
    expect(writes).toBe(1);
    expect(body.data).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors ?? []) {
      expect(error.path?.slice(0, 1)).toEqual(['accept']);
      expect(error.extensions?.outcome).toBe('APPLIED');
    }
  });

  it('leaves alone a write that failed itself, and a write answered whole', async () => {
    const refused = await gateway.post('mutation { refuse(id: "housing:1") { id } }');
    expect(refused.body.errors?.map((e) => [e.path, e.extensions?.outcome])).toEqual([[['refuse'], undefined]]);
    const whole = await gateway.post('mutation { accept(id: "housing:2") { id version } }');
    expect(whole.body).toEqual({ data: { accept: { id: 'housing:2', version: 2 } } });
  });

  it('finds the write under a department namespace, aliased or in a fragment', async () => {
    const refused = await gateway.post(
      'mutation { department { refuse(id: "housing:1") { id } } d: department { ...F } } fragment F on DepartmentMutation { r: refuse(id: "housing:2") { id } }',
    );
    expect(refused.body.data).toEqual({ department: { refuse: null }, d: { r: null } });
    expect(refused.body.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.outcome])).toEqual([
      [['department', 'refuse'], 'CONFLICT', undefined],
      [['d', 'r'], 'CONFLICT', undefined],
    ]);

    housingDown = true;
    namespacedWrites = 0;
    const taken = await gateway.post('mutation { n: department { take(id: "housing:3") { id version } } }');
    housingDown = false;
    expect(namespacedWrites).toBe(1);
    expect(taken.body.errors?.length).toBeGreaterThan(0);
    for (const error of taken.body.errors ?? []) {
      expect(error.path?.slice(0, 2)).toEqual(['n', 'take']);
      expect(error.extensions?.outcome).toBe('APPLIED');
    }
  });

  it('leaves queries alone', async () => {
    housingDown = true;
    const { body } = await gateway.post('{ version }');
    housingDown = false;
    expect(body.errors?.every((e) => e.extensions?.outcome === undefined)).toBe(true);
  });
});
