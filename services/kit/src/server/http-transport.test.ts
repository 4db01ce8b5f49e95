import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { createLogger } from '../logger.js';
import { listenSubgraph, type RunningServer } from './subgraph-server.js';

let server: RunningServer;

beforeAll(async () => {
  server = await listenSubgraph(
    {
      name: 'echo',
      typeDefs: parse('type Query { echo(text: String!): String! }'),
      resolvers: { Query: { echo: (_: unknown, { text }: { text: string }) => text } },
      logger: createLogger('echo', 'silent'),
      createContext: (base) => base,
    },
    '127.0.0.1',
    0,
  );
});

afterAll(async () => {
  await server?.stop();
});

const send = (body: string, contentType = 'application/json') =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': contentType }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

describe("a subgraph's HTTP transport", () => {
  it('answers GraphQL over POST', async () => {
    expect(await send(JSON.stringify({ query: 'query($t: String!) { echo(text: $t) }', variables: { t: '一窗受理' } }))).toEqual({
      status: 200,
      body: { data: { echo: '一窗受理' } },
    });
  });

  it('refuses a body that is not JSON with 400 and a code', async () => {
    const { status, body } = await send('{"query": ');
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body over its size limit with 413 and a code', async () => {
    const { status, body } = await send(JSON.stringify({ query: `{ echo(text: "${'x'.repeat(2 * 1024 * 1024)}") }` }));
    expect(status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it("keeps Apollo's CSRF prevention: a simple cross-site request is refused", async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent('{ echo(text: "x") }')}`);
    expect(response.status).toBe(400);
  });
});
