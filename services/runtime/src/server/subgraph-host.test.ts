import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { createLogger } from '../logger.js';
import { identityVerifierFrom } from '../identity/index.js';
import { listenSubgraph, type RunningServer } from './subgraph-server.js';
import { SubgraphHost } from './subgraph-host.js';

const logger = createLogger('test', 'silent');
const host = new SubgraphHost();
const servers: RunningServer[] = [];

/** A subgraph answering `{ name }` with its own name, mounted on the shared host. */
const mount = async (name: string) =>
  listenSubgraph(
    {
      name,
      typeDefs: parse('type Query { name: String }'),
      resolvers: { Query: { name: () => name } },
      logger,
      identity: await identityVerifierFrom({ NODE_ENV: 'test' }),
      publicAccess: { fields: ['name'] },
      createContext: (base) => base,
    },
    { sharedHost: host },
  );

const ask = async (url: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ name }' }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

beforeAll(async () => {
  await host.listen('127.0.0.1', 0);
  servers.push(await mount('first'), await mount('second'));
});
afterAll(() => host.close());

describe('SubgraphHost: several subgraphs on one port', () => {
  it('answers each subgraph at its own path, with its own schema', async () => {
    const [first, second] = servers;
    expect(first!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/first\/graphql$/);
    expect((await ask(first!.url)).body).toEqual({ data: { name: 'first' } });
    expect((await ask(second!.url)).body).toEqual({ data: { name: 'second' } });
  });

  it('answers a malformed or unknown path with 404 and keeps serving', async () => {
    const base = servers[1]!.url.replace('/second/graphql', '');
    for (const path of ['/%E0%A4%A/graphql', '/%/graphql', '/', '/second%2Fgraphql']) {
      const response = await fetch(`${base}${path}`, { method: 'POST', body: '{}' });
      expect(response.status, path).toBe(404);
    }
    expect((await ask(servers[1]!.url)).body).toEqual({ data: { name: 'second' } });
  });

  it('refuses a second subgraph under a name already mounted', async () => {
    await expect(mount('first')).rejects.toThrow(/"first" is mounted already/);
  });

  it('stops one subgraph without stopping the others', async () => {
    const [first, second] = servers;
    await first!.stop();
    const gone = await ask(first!.url);
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(gone.body.errors[0].message).toContain('/second/graphql');
    expect((await ask(second!.url)).body).toEqual({ data: { name: 'second' } });
  });
});
