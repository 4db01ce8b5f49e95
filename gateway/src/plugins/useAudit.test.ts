import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, canonicalJson, createLogger, type AuditEntry } from '@onewindow/runtime';
import { createTestGateway, testIdentity, testToken, type TestGateway, type TestSubgraph } from './testing.js';
import { sha256, useAudit, variablesHash } from './useAudit.js';
import { useOperationLimits } from './useOperationLimits.js';
import { persistedDocumentsOption } from '../trusted-documents.js';

const hub: TestSubgraph = {
  name: 'hub',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { cases(first: Int): [Case!]!, missing: Int }
    type Case @key(fields: "id") { id: ID! }
  `),
  resolvers: {
    Query: {
      cases: () => [{ id: '1' }],
      missing: () => {
        throw new NotFoundError('No such thing.');
      },
    },
  },
};
const housing: TestSubgraph = {
  name: 'housing',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Case @key(fields: "id") { id: ID!, floorArea: Int }
  `),
  resolvers: { Case: { __resolveReference: ({ id }: { id: string }) => ({ id, floorArea: 90 }) } },
};

const TRUSTED = 'query Trusted { cases { id } }';
const VARIABLES_KEY = 'v'.repeat(32);
const records: AuditEntry[] = [];
let gateway: TestGateway;
beforeAll(async () => {
  const identity = await testIdentity();
  gateway = await createTestGateway({
    subgraphs: [hub, housing],
    runtime: {
      persistedDocuments: persistedDocumentsOption(new Map([[sha256(TRUSTED), TRUSTED]]), [], identity.identityOf),
    },
    plugins: () => [
      identity.plugin,
      useOperationLimits({ maxDepth: 3, maxAliases: 5, maxRootFields: 5 }),
      useAudit({
        record: (entry) => records.push(entry),
        identityOf: identity.identityOf,
        graphqlEndpoint: '/graphql',
        variablesKey: VARIABLES_KEY,
        logger: createLogger('test', 'silent'),
        clock: () => new Date('2026-11-30T08:00:00Z'),
      }),
    ],
  });
});
afterAll(async () => {
  await gateway.dispose();
});

/** The one record a request made. */
async function recordOf(send: () => unknown): Promise<AuditEntry> {
  records.length = 0;
  await send();
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe('useAudit', () => {
  it('records who ran what, hashed, the subgraphs reached, the outcome and the time taken', async () => {
    const query = 'query Floor($first: Int) { cases(first: $first) { id floorArea } }';
    const headers = { ...testToken('officer', 'alice'), 'x-forwarded-for': '10.1.2.3', 'x-request-id': 'req-7' };
    const record = await recordOf(() => gateway.post(query, { first: 5 }, headers));
    expect(record).toEqual({
      at: '2026-11-30T08:00:00.000Z',
      actor: 'alice',
      role: 'officer',
      action: 'operation:query',
      target: 'Floor',
      detail: {
        documentHash: sha256(query),
        variablesHash: variablesHash(VARIABLES_KEY, { first: 5 }),
        subgraphs: ['housing', 'hub'],
        outcome: 'ok',
        ms: expect.any(Number),
        ip: '10.1.2.3',
        requestId: 'req-7',
      },
    });
  });

  it('records an operation refused for variables nested too deep to hash, with no hash', async () => {
    let deep: unknown = [];
    for (let level = 1; level < 3_000; level += 1) deep = [deep];
    const record = await recordOf(() => gateway.post('{ cases { id } }', { unused: deep }, testToken('officer')));
    expect(record.detail).toMatchObject({
      documentHash: sha256('{ cases { id } }'),
      variablesHash: null,
      outcome: 'error',
      codes: ['BAD_REQUEST'],
    });
  });

  it('hashes the variables in canonical JSON: the same values give the same hash in any key order', async () => {
    const query = 'query($first: Int, $other: Int) { cases(first: $first) { id } }';
    const a = await recordOf(() => gateway.post(query, { first: 1, other: 2 }, testToken('officer')));
    const b = await recordOf(() => gateway.post(query, { other: 2, first: 1 }, testToken('officer')));
    expect(a.detail.variablesHash).toBe(b.detail.variablesHash);
    expect(a.detail.variablesHash).toBe(variablesHash(VARIABLES_KEY, { other: 2, first: 1 }));
    // Keyed: whoever guesses the values cannot confirm them without the audit key.
    expect(a.detail.variablesHash).not.toBe(sha256(canonicalJson({ first: 1, other: 2 })));
    expect(a.target).toBeNull();
  });

  it('records a refused operation with its codes, having reached no subgraph', async () => {
    const record = await recordOf(() =>
      gateway.post(
        '{ cases { id } a: cases { id } b: cases { id } c: cases { id } d: cases { id } e: cases { id } }',
        {},
        testToken('analyst', 'dan'),
      ),
    );
    expect(record).toMatchObject({
      actor: 'dan',
      role: 'analyst',
      action: 'operation:query',
      detail: { subgraphs: [], outcome: 'error', codes: ['GRAPHQL_VALIDATION_FAILED'] },
    });
  });

  it('records an answer with errors as partial, and a caller whose token is refused as the public', async () => {
    const partial = await recordOf(() => gateway.post('{ cases { id } missing }', {}, testToken('window')));
    expect(partial.detail).toMatchObject({ outcome: 'partial', codes: ['NOT_FOUND'], subgraphs: ['hub'] });
    const refused = await recordOf(() => gateway.post('{ cases { id } }', {}, { authorization: 'Bearer forged.x.y' }));
    expect(refused).toMatchObject({
      actor: 'anonymous',
      role: 'public',
      action: 'operation',
      detail: { documentHash: null, outcome: 'error', codes: ['UNAUTHENTICATED'], ip: null },
    });
  });

  it('records a trusted document by its text: its hash is the ID it was sent by', async () => {
    const record = await recordOf(() =>
      gateway.runtime.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ documentId: sha256(TRUSTED) }),
      }),
    );
    expect(record).toMatchObject({
      actor: 'anonymous',
      role: 'public',
      target: 'Trusted',
      detail: { documentHash: sha256(TRUSTED), outcome: 'ok', subgraphs: ['hub'], ip: '127.0.0.1' },
    });
  });

  it('records a request whose parameters have the wrong types, and the client gets its 400, not a 500', async () => {
    records.length = 0;
    const response = await gateway.runtime.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...testToken('officer', 'eve') },
      body: JSON.stringify({ query: { not: 'a string' }, operationName: 7, variables: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(records).toMatchObject([
      { actor: 'eve', target: null, detail: { documentHash: null, outcome: 'error', codes: ['BAD_REQUEST'] } },
    ]);
  });
});
