import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { createLogger } from '../logger.js';
import { entityKeys } from './entity-representations.js';
import { listenSubgraph, type RunningServer } from './subgraph-server.js';
import { identitySignerFrom, identityVerifierFrom } from '../identity/configuration.js';
import { IDENTITY_HEADER } from '../identity/identity-token.js';

const signedIn = identitySignerFrom('gateway', { NODE_ENV: 'test' }).then((signer) =>
  signer.sign({ sub: 'router', role: 'supervisor', ip: '127.0.0.1' }),
);

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Thing @key(fields: "id") @key(fields: "code owner { id }") { id: ID! code: String owner: Owner name: String }
  type Owner { id: ID! }
  type Elsewhere @key(fields: "id", resolvable: false) { id: ID! name: String! }
  type Query { thing: Thing, elsewhere: Elsewhere }
`);

let server: RunningServer;
let resolved: unknown[] = [];

beforeAll(async () => {
  server = await listenSubgraph(
    {
      identity: await identityVerifierFrom({ NODE_ENV: 'test' }),
      publicAccess: { fields: [], entityTypes: ['Thing'] },
      name: 'entities',
      typeDefs,
      resolvers: {
        Thing: {
          __resolveReference: (reference: { id?: string }) => {
            resolved.push(reference);
            return reference.id === 'known' ? { id: 'known', name: 'a known thing' } : null;
          },
        },
      },
      logger: createLogger('entities', 'silent'),
      createContext: (base) => base,
    },
    { host: '127.0.0.1', port: 0 },
  );
});

afterAll(async () => {
  await server?.stop();
});

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { id name } } }';

interface Answer {
  data?: { _entities: unknown[] } | null;
  errors?: { message: string; extensions: { code: string } }[];
}

const entities = async (representations: unknown[]) => {
  const response = await fetch(server.url, {
    method: 'POST',
    // A signed-in caller: what is checked here is the representations, past the public gate.
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signedIn },
    body: JSON.stringify({ query: ENTITIES, variables: { r: representations } }),
  });
  return (await response.json()) as Answer;
};

describe("a subgraph's _entities", () => {
  it('reads the keys of each entity type from its @key directives', () => {
    expect(entityKeys(typeDefs)).toEqual(new Map([['Thing', [['id'], ['code', 'owner']]]]));
  });

  it('resolves well-formed representations', async () => {
    const body = await entities([
      { __typename: 'Thing', id: 'known' },
      { __typename: 'Thing', id: 'forged' },
    ]);
    expect(body).toEqual({ data: { _entities: [{ id: 'known', name: 'a known thing' }, null] } });
  });

  it('refuses representations of unknown types, of types it does not resolve, without a key or no object', async () => {
    resolved = [];
    const bad = [
      { __typename: 'Nope', id: '1' },
      { __typename: 'Query' },
      { __typename: 'Thing' },
      { __typename: 'Thing', code: 'x' },
      { __typename: 'Elsewhere', id: '1' },
      // A key of the wrong JSON type: an ID is a string or an integer, a String a string.
      { __typename: 'Thing', id: { x: 1 } },
      { __typename: 'Thing', id: true },
      { __typename: 'Thing', id: 1.5 },
      { __typename: 'Thing', code: 7, owner: { id: '1' } },
      'text',
      5,
      [],
    ];
    for (const representation of bad) {
      const body = await entities([{ __typename: 'Thing', id: 'known' }, representation]);
      expect(body.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0]?.message).toMatch(/^representations\[1\]/);
    }
    // Refused before any reference resolver ran.
    expect(resolved).toEqual([]);
  });

  it('gives reference resolvers an ID given as an integer as a string', async () => {
    resolved = [];
    const body = await entities([{ __typename: 'Thing', id: 12 }]);
    expect(body).toEqual({ data: { _entities: [null] } });
    expect(resolved).toEqual([{ __typename: 'Thing', id: '12' }]);
  });
});
