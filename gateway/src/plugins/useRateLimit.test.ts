import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, testIdentity, testToken, type TestGateway, type TestSubgraph } from './testing.js';
import { useRateLimit } from './useRateLimit.js';

let subgraphCalls = 0;
const hub: TestSubgraph = {
  name: 'hub',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { count: Int }
  `),
  resolvers: { Query: { count: () => ++subgraphCalls } },
};

let gateways: { limited: TestGateway; unlimited: TestGateway };
beforeAll(async () => {
  const identity = await testIdentity();
  const gateway = (perMinute: number, publicPerMinute: number) =>
    createTestGateway({
      subgraphs: [hub],
      plugins: () => [identity.plugin, useRateLimit({ perMinute, publicPerMinute, identityOf: identity.identityOf })],
    });
  const [limited, unlimited] = await Promise.all([gateway(3, 2), gateway(0, 0)]);
  gateways = { limited, unlimited };
});
afterAll(async () => {
  await Promise.all(Object.values(gateways).map((gateway) => gateway.dispose()));
});

/** The statuses of `times` requests in a row. */
async function statuses(gateway: TestGateway, times: number, headers: Record<string, string>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < times; i += 1) seen.push((await gateway.post('{ count }', {}, headers)).status);
  return seen;
}

describe('useRateLimit', () => {
  it('lets a signed-in caller make perMinute operations a minute, from any address, then answers 429', async () => {
    const caller = testToken('officer', 'alice');
    expect(await statuses(gateways.limited, 2, { ...caller, 'x-forwarded-for': '10.0.0.1' })).toEqual([200, 200]);
    expect(await statuses(gateways.limited, 2, { ...caller, 'x-forwarded-for': '10.0.0.2' })).toEqual([200, 429]);
    // Another caller from the same address has a count of its own.
    expect(
      await statuses(gateways.limited, 1, { ...testToken('officer', 'bob'), 'x-forwarded-for': '10.0.0.1' }),
    ).toEqual([200]);
  });

  it('refuses with RATE_LIMITED and Retry-After, before anything runs', async () => {
    const caller = testToken('analyst', 'carol');
    await statuses(gateways.limited, 3, caller);
    subgraphCalls = 0;
    const response = await gateways.limited.runtime.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...caller },
      body: JSON.stringify({ query: '{ count }' }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(await response.json()).toMatchObject({
      errors: [
        {
          message: 'Too many requests: at most 3 a minute per signed-in caller. Try again in a minute.',
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    expect(subgraphCalls).toBe(0);
  });

  it('counts the public by client address, with the lower limit', async () => {
    expect(await statuses(gateways.limited, 3, { 'x-forwarded-for': '192.0.2.7' })).toEqual([200, 200, 429]);
    expect(await statuses(gateways.limited, 1, { 'x-forwarded-for': '192.0.2.8' })).toEqual([200]);
    const { body } = await gateways.limited.post('{ count }', {}, { 'x-forwarded-for': '192.0.2.7' });
    expect(body.errors?.[0]?.message).toBe(
      'Too many requests: at most 2 a minute from one address without signing in. Try again in a minute.',
    );
  });

  it('has no limit where the limit is 0', async () => {
    expect(new Set(await statuses(gateways.unlimited, 10, {}))).toEqual(new Set([200]));
    expect(new Set(await statuses(gateways.unlimited, 10, testToken('officer')))).toEqual(new Set([200]));
  });
});
