import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { createLogger } from '../logger.js';
import { listenSubgraph, type RunningServer } from './subgraph-server.js';
import { identityVerifierFrom } from '../identity/configuration.js';

let server: RunningServer;
let shouted = 0;

beforeAll(async () => {
  server = await listenSubgraph(
    {
      identity: await identityVerifierFrom({ NODE_ENV: 'test' }),
      publicAccess: { fields: ['echo', 'shout'] },
      name: 'echo',
      typeDefs: parse('type Query { echo(text: String!): String! } type Mutation { shout(text: String!): String! }'),
      resolvers: {
        Query: { echo: (_: unknown, { text }: { text: string }) => text },
        Mutation: { shout: (_: unknown, { text }: { text: string }) => (shouted += 1) && text.toUpperCase() },
      },
      logger: createLogger('echo', 'silent'),
      createContext: (base) => base,
    },
    { host: '127.0.0.1', port: 0 },
  );
});

afterAll(async () => {
  await server?.stop();
});

const send = (body: string, contentType = 'application/json') =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': contentType }, body }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as any,
  }));

describe("a subgraph's HTTP transport", () => {
  it('answers GraphQL over POST', async () => {
    expect(
      await send(JSON.stringify({ query: 'query($t: String!) { echo(text: $t) }', variables: { t: '一窗受理' } })),
    ).toEqual({
      status: 200,
      body: { data: { echo: '一窗受理' } },
    });
  });

  it('refuses a body that is not JSON with 400 and a code', async () => {
    const { status, body } = await send('{"query": ');
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses JSON nested deeper than any input of the API with 400 and a code, at any depth', async () => {
    // 40,000 levels in 80 KB: every recursive walk over it would overflow the stack.
    for (const levels of [65, 40_000]) {
      const deep = `${'['.repeat(levels)}${']'.repeat(levels)}`;
      const { status, body } = await send(`{"query": "{ echo(text: \\"x\\") }", "variables": {"x": ${deep}}}`);
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(body.errors[0].message).toMatch(/nests deeper than 64 levels/);
    }
    // 64 levels in all (the body and its variables are two) are within the bound.
    const within = `${'['.repeat(62)}${']'.repeat(62)}`;
    expect((await send(`{"query": "{ echo(text: \\"x\\") }", "variables": {"x": ${within}}}`)).body).toEqual({
      data: { echo: 'x' },
    });
  });

  it('refuses a body over its size limit with 413 and a code', async () => {
    const { status, body } = await send(JSON.stringify({ query: `{ echo(text: "${'x'.repeat(2 * 1024 * 1024)}") }` }));
    expect(status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a document that does not parse: 200 for application/json, 400 for graphql-response+json', async () => {
    const ask = (accept: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: '{ echo(' }),
      });
    const json = await ask('application/json');
    expect(json.status).toBe(200);
    expect(((await json.json()) as any).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await ask('application/graphql-response+json')).status).toBe(400);
  });

  it('serves queries over GET with a header a cross-site page cannot send (CSRF prevention), never a mutation', async () => {
    const get = (text: string, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) =>
      fetch(`${server.url}?query=${encodeURIComponent(text)}`, { headers });
    const query = await get('{ echo(text: "x") }');
    expect({ status: query.status, body: await query.json() }).toEqual({ status: 200, body: { data: { echo: 'x' } } });
    // What a cross-site <img> or link would send: refused before anything runs.
    const simple = await get('{ echo(text: "x") }', {});
    expect(simple.status).toBe(400);
    const mutation = await get('mutation { shout(text: "x") }');
    expect(mutation.status).toBe(405);
    expect(shouted).toBe(0);
  });

  it('refuses a POST whose body is not JSON (a cross-site form cannot reach GraphQL)', async () => {
    const { status, body } = await send('query={ echo(text: "x") }', 'application/x-www-form-urlencoded');
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
