import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, testIdentity, testToken, type TestGateway } from './plugins/testing.js';
import { sha256 } from './plugins/useAudit.js';
import { loadTrustedDocuments, persistedDocumentsOption } from './trusted-documents.js';

const supergraph = buildSchema(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));

describe("the dashboard's trusted documents (gateway/trusted-documents)", () => {
  const documents = loadTrustedDocuments();

  it('are keyed by the SHA-256 of each file, exactly as stored', () => {
    expect(documents.size).toBeGreaterThanOrEqual(3);
    for (const [id, text] of documents) expect(id).toBe(sha256(text));
  });

  it('are valid against the committed supergraph, one named operation each', () => {
    for (const text of documents.values()) {
      const document = parse(text);
      expect(validate(supergraph, document)).toEqual([]);
      expect(document.definitions.filter((d) => d.kind === 'OperationDefinition' && d.name)).toHaveLength(1);
    }
  });
});

const TRUSTED = 'query Count { count }';
let gateway: TestGateway;
beforeAll(async () => {
  const identity = await testIdentity();
  gateway = await createTestGateway({
    subgraphs: [
      {
        name: 'hub',
        typeDefs: parse(
          'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"]) type Query { count: Int }',
        ),
        resolvers: { Query: { count: () => 7 } },
      },
    ],
    runtime: {
      persistedDocuments: persistedDocumentsOption(
        new Map([[sha256(TRUSTED), TRUSTED]]),
        ['public'],
        identity.identityOf,
      ),
    },
    plugins: () => [identity.plugin],
  });
});
afterAll(async () => {
  await gateway.dispose();
});

async function send(body: unknown, headers: Record<string, string> = {}, search = '') {
  const response = await gateway.runtime.fetch(`http://gateway.test/graphql${search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

describe('persistedDocumentsOption (PERSISTED_ONLY_ROLES=public)', () => {
  it('runs a trusted document by its ID, sent the Hive way, the Apollo way or in the URL', async () => {
    const id = sha256(TRUSTED);
    const answer = { status: 200, body: { data: { count: 7 } } };
    expect(await send({ documentId: id })).toEqual(answer);
    expect(await send({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } })).toEqual(answer);
    expect(await send({}, {}, `?documentId=${id}`)).toEqual(answer);
  });

  it('refuses any other document from a role held to trusted documents, and allows it to the others', async () => {
    expect(await send({ query: TRUSTED })).toMatchObject({
      status: 403,
      body: {
        errors: [
          {
            message: 'Only the trusted documents may be run by this caller: send its `documentId` instead of a query.',
            extensions: { code: 'PERSISTED_QUERY_ONLY' },
          },
        ],
      },
    });
    expect(await send({ query: '{ count }' }, testToken('supervisor'))).toEqual({
      status: 200,
      body: { data: { count: 7 } },
    });
  });

  it('says so when the ID is unknown, or when there is neither a query nor an ID', async () => {
    expect(await send({ documentId: sha256('{ count }') }, testToken('supervisor'))).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
    });
    expect(await send({ variables: {} })).toMatchObject({
      status: 400,
      body: {
        errors: [
          {
            message: 'The request has no query: send a `query`, or the `documentId` of a trusted document.',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      },
    });
  });
});
