import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnauthenticatedError, type BaseContext } from '@onewindow/runtime';
import { createTestGateway, type TestGateway, type TestSubgraph } from './testing.js';
import { usePartialResults } from './usePartialResults.js';

/** Departments that did not answer the hub during one request. */
const unanswered = new WeakMap<BaseContext, Set<string>>();

/**
 * Answers like the hub: a cross-department list of the departments that answered (tax never
 * does), plus one DEPARTMENT_UNAVAILABLE error per missing department beside the data.
 */
const reportUnanswered: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const missing = unanswered.get(contextValue);
        if (response.body.kind !== 'single' || !missing) return;
        const errors = [...missing].map((department) =>
          new GraphQLError(`Department "${department}" did not answer.`, {
            extensions: { code: 'DEPARTMENT_UNAVAILABLE', department },
          }).toJSON(),
        );
        response.body.singleResult.errors = [...(response.body.singleResult.errors ?? []), ...errors];
      },
    };
  },
};

const hub: TestSubgraph = {
  name: 'hub',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { cases: [Case!]! staff(id: ID!): Staff! followUp(id: ID!): FollowUp! natres: Natres! }
    type Natres { latestEventCursor: String caseEvents: String! }
    type Case { id: ID! }
    type Staff { id: ID! name: String! }
    type FollowUp { id: ID! note: String! }
  `),
  resolvers: {
    Query: {
      cases: (_: unknown, _args: unknown, context: BaseContext) => {
        unanswered.set(context, new Set(['tax']));
        return [{ id: 'housing:1' }, { id: 'market:2' }];
      },
      staff: (_: unknown, { id }: { id: string }) => ({ id, name: '王敏' }),
      followUp: (_: unknown, { id }: { id: string }) => {
        throw new GraphQLError(`No follow-up "${id}".`, { extensions: { code: 'NOT_FOUND' } });
      },
      natres: () => ({}),
    },
    Natres: {
      // A nullable field's error is kept where it is; the non-null one's takes the whole answer.
      latestEventCursor: async () => {
        throw new GraphQLError('The change feed is not yours.', { extensions: { code: 'FORBIDDEN' } });
      },
      caseEvents: async () => {
        throw new GraphQLError('The events are not yours.', { extensions: { code: 'FORBIDDEN' } });
      },
    },
  },
  plugins: [reportUnanswered],
};

// Hive's JavaScript planner (the default) loses these errors; its Rust planner and @apollo/gateway keep them.
let gateway: TestGateway;
beforeAll(async () => {
  gateway = await createTestGateway({ subgraphs: [hub], plugins: () => [usePartialResults()] });
});
afterAll(async () => {
  await gateway.dispose();
});

describe('usePartialResults', () => {
  it('keeps every coded error of a subgraph whose answer went null, not only the first', async () => {
    const { body } = await gateway.post('{ natres { latestEventCursor caseEvents } }');
    expect(body.data).toBeNull();
    expect(body.errors?.map((e) => [e.message, e.path, e.extensions?.code])).toEqual([
      ['The change feed is not yours.', ['natres', 'latestEventCursor'], 'FORBIDDEN'],
      ['The events are not yours.', ['natres', 'caseEvents'], 'FORBIDDEN'],
    ]);
  });

  it('keeps the DEPARTMENT_UNAVAILABLE a subgraph sent beside a partial list, once per department', async () => {
    const { status, body } = await gateway.post('{ cases { id } again: cases { id } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({
      cases: [{ id: 'housing:1' }, { id: 'market:2' }],
      again: [{ id: 'housing:1' }, { id: 'market:2' }],
    });
    expect(body.errors).toMatchObject([
      {
        message: 'Department "tax" did not answer.',
        extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'tax' },
      },
    ]);
  });

  it("answers a failed root field with the subgraph's own error, at the client's alias", async () => {
    // The subgraph answers data: null for both root fields; the NOT_FOUND is the cause.
    const { status, body } = await gateway.post(
      '{ who: staff(id: "staff-3") { name } f: followUp(id: "fu-9") { note } }',
    );
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toMatchObject([
      { message: 'No follow-up "fu-9".', path: ['f'], extensions: { code: 'NOT_FOUND' } },
    ]);
  });
});

describe('usePartialResults, a subgraph refusing its whole request', () => {
  // As a department refuses the public a field it does not serve them: 401 before anything runs.
  const refuseSecret: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          const names = (operation?.selectionSet.selections ?? []).map((s) => (s.kind === 'Field' ? s.name.value : ''));
          if (names.includes('secret')) throw new UnauthenticatedError('Sign in to use secret.');
        },
      };
    },
  };
  const refusing: TestSubgraph = {
    name: 'hub',
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Query { open: String! secret: String! }
    `),
    resolvers: { Query: { open: () => 'yes', secret: () => 'no' } },
    plugins: [refuseSecret],
  };

  it('reports the refusal once, without a path, not also at a root field it did not refuse', async () => {
    const refusingGateway = await createTestGateway({ subgraphs: [refusing], plugins: () => [usePartialResults()] });
    try {
      const { body } = await refusingGateway.post('{ open secret }');
      expect(body.data ?? null).toBeNull();
      // Without a path: `open` is not what was refused.
      expect(body.errors?.map((e) => [e.message, e.extensions?.code, e.path])).toEqual([
        ['Sign in to use secret.', 'UNAUTHENTICATED', undefined],
      ]);
      expect(await refusingGateway.post('{ open }')).toMatchObject({ body: { data: { open: 'yes' } } });
    } finally {
      await refusingGateway.dispose();
    }
  });
});
