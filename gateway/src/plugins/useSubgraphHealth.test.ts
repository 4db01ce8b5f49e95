import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createTestGateway, subgraphUrl, type SubgraphFetch, type TestSubgraph } from './testing.js';
import { useSubgraphHealth } from './useSubgraphHealth.js';

const names = ['hub', 'tax', 'housing'];

const subgraph = (name: string): TestSubgraph => ({
  name,
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { ${name}Open: Int }
  `),
  resolvers: { Query: { [`${name}Open`]: () => 3 } },
});

/**
 * The network between gateway and subgraphs: `down` ones refuse the connection, `slow` ones never
 * answer, and the processes of `noDatabase` ones say at /readyz that their database is out of reach.
 */
function outage({
  down = [],
  slow = [],
  noDatabase = [],
}: {
  down?: string[];
  slow?: string[];
  noDatabase?: string[];
}) {
  return (reach: SubgraphFetch): SubgraphFetch =>
    async (url, init) => {
      const name = new URL(url).hostname.split('.')[0]!;
      if (down.includes(name)) throw new TypeError('fetch failed: connect ECONNREFUSED');
      if (new URL(url).pathname === '/readyz') {
        const state = noDatabase.includes(name) ? 'database unreachable' : 'ready';
        return Response.json({ status: state === 'ready' ? 'ready' : 'not ready', services: { [name]: state } });
      }
      if (!slow.includes(name)) return reach(url, init);
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    };
}

/** The gateway with the health plugin as server.ts sets it up: its probes go through the runtime's fetch. */
async function health(network: Parameters<typeof outage>[0], init: RequestInit = {}, path = '/health') {
  const gateway = await createTestGateway({
    subgraphs: names.map(subgraph),
    network: outage(network),
    plugins: ({ fetch }) => [
      useSubgraphHealth({
        subgraphUrls: Object.fromEntries(names.map((n) => [n, subgraphUrl(n)])),
        timeoutMs: 200,
        fetch,
      }),
    ],
  });
  try {
    const response = await gateway.runtime.fetch(`http://gateway.test${path}`, init);
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: text ? JSON.parse(text) : null,
    };
  } finally {
    await gateway.dispose();
  }
}

describe('useSubgraphHealth', () => {
  it('answers 200 ok when every subgraph answers', async () => {
    expect(await health({})).toEqual({
      status: 200,
      type: 'application/json',
      body: { status: 'ok', missing: [], databaseUnreachable: [] },
    });
  });

  it('answers 503 degraded naming the subgraphs that are down or too slow', async () => {
    // The slow one never answers: the check gives up after timeoutMs, or this test would time out.
    const answer = await health({ down: ['tax'], slow: ['housing'] });
    expect(answer).toEqual({
      status: 503,
      type: 'application/json',
      body: { status: 'degraded', missing: ['tax', 'housing'], databaseUnreachable: [] },
    });
  });

  it('answers 503 degraded naming a subgraph whose process says its database is out of reach', async () => {
    const answer = await health({ noDatabase: ['housing'] });
    expect(answer).toEqual({
      status: 503,
      type: 'application/json',
      body: { status: 'degraded', missing: [], databaseUnreachable: ['housing'] },
    });
  });

  it('ignores the query string, and leaves other methods and paths to the runtime', async () => {
    expect((await health({ down: ['hub'] }, {}, '/health?verbose=1')).body).toEqual({
      status: 'degraded',
      missing: ['hub'],
      databaseUnreachable: [],
    });
    expect((await health({}, { method: 'POST' })).status).toBe(404);
    // The runtime's own liveness check is still there, and asks no subgraph.
    expect((await health({ down: names }, {}, '/healthcheck')).status).toBe(200);
  });
});
