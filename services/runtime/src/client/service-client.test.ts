import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphQLError, parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { runWithRequestId } from '../server/request-id.js';
import { ServiceClient } from './service-client.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: { query: string; variables: Record<string, unknown> };
  /** The client's end of the connection the request came on: equal ports, same connection. */
  remotePort: number | undefined;
}

type Handler = (received: Received, response: ServerResponse, request: IncomingMessage) => void;

const servers: Server[] = [];

/** A real HTTP server on a free local port; `handle` answers each request as the test needs. */
async function serve(handle: Handler): Promise<{ url: string; received: Received[]; connections: () => number }> {
  const received: Received[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'],
        remotePort: request.socket.remotePort,
      };
      received.push(entry);
      handle(entry, response, request);
    });
  });
  server.on('connection', () => (connections += 1));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, received, connections: () => connections };
}

const answer = (response: ServerResponse, body: unknown) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const Echo: TypedDocumentNode<{ echo: string }, { text: string }> = parse(
  'query Echo($text: String!) { echo(text: $text) }',
);

/** The error a call failed with, for a call expected to fail. */
async function failure(call: Promise<unknown>): Promise<GraphQLError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof GraphQLError)) throw new Error(`expected a GraphQL error, got ${String(error)}`);
  return error;
}

describe('the inter-service client', () => {
  it('sends a typed document with its variables and returns the data', async () => {
    const housing = await serve(({ body }, response) =>
      answer(response, { data: { echo: String(body.variables.text) } }),
    );
    const client = new ServiceClient({ urls: { housing: housing.url }, timeoutMs: 1000 });
    expect(await client.request('housing', Echo, { text: '一窗受理' })).toEqual({ echo: '一窗受理' });
    expect(housing.received[0]!.body).toEqual({
      query: 'query Echo($text: String!) {\n  echo(text: $text)\n}',
      variables: { text: '一窗受理' },
    });
  });

  it('keeps the connection open: two calls go over the same socket', async () => {
    const housing = await serve((_, response) => answer(response, { data: { echo: 'x' } }));
    const client = new ServiceClient({ urls: { housing: housing.url }, timeoutMs: 1000 });
    await client.request('housing', Echo, { text: 'a' });
    await client.request('housing', Echo, { text: 'b' });
    expect(housing.received).toHaveLength(2);
    expect(housing.received[1]!.remotePort).toBe(housing.received[0]!.remotePort);
    expect(housing.connections()).toBe(1);
  });

  it('sends a call again once when the service closes a reused connection under it', async () => {
    let seen = 0;
    const housing = await serve((_, response, request) => {
      seen += 1;
      // The second request is the first on a reused connection: closed as an idle timeout would.
      if (seen === 2) request.socket.destroy();
      else answer(response, { data: { echo: String(seen) } });
    });
    const client = new ServiceClient({ urls: { housing: housing.url }, timeoutMs: 1000 });
    await client.request('housing', Echo, { text: 'a' });
    expect(await client.request('housing', Echo, { text: 'b' })).toEqual({ echo: '3' });
    expect(housing.connections()).toBe(2);
  });

  it('sends a call again on a new connection, not on another idle one that may be closing too', async () => {
    const earlier = new Set<number | undefined>();
    let phase: 'warm' | 'closing' = 'warm';
    const housing = await serve(({ remotePort }, response, request) => {
      // Closing: every reused connection is closed under its request, as when idle ones time out together.
      if (phase === 'closing' && earlier.has(remotePort)) return request.socket.destroy();
      earlier.add(remotePort);
      answer(response, { data: { echo: String(remotePort) } });
    });
    const client = new ServiceClient({ urls: { housing: housing.url }, timeoutMs: 1000 });
    // Two calls at once leave two idle connections in the pool.
    await Promise.all([client.request('housing', Echo, { text: 'a' }), client.request('housing', Echo, { text: 'b' })]);
    expect(housing.connections()).toBe(2);
    phase = 'closing';
    await expect(client.request('housing', Echo, { text: 'c' })).resolves.toHaveProperty('echo');
    expect(housing.connections()).toBe(3);
  });

  it("closes an idle connection a second before the service's announced keep-alive timeout", async () => {
    const housing = await serve((_, response) => answer(response, { data: { echo: 'x' } }));
    // Announced as `Keep-Alive: timeout=2`: the client lets go of the connection after 1 s.
    servers.at(-1)!.keepAliveTimeout = 2000;
    const closedAt: number[] = [];
    servers.at(-1)!.on('connection', (socket) => socket.on('close', () => closedAt.push(Date.now())));
    const client = new ServiceClient({ urls: { housing: housing.url }, timeoutMs: 1000 });
    const answered = Date.now();
    await client.request('housing', Echo, { text: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Closed by the client, before the service's own 2 s were up.
    expect(closedAt).toHaveLength(1);
    expect(closedAt[0]! - answered).toBeLessThan(2000);
    await client.request('housing', Echo, { text: 'b' });
    expect(housing.connections()).toBe(2);
  });

  it('forwards the request ID of the request being handled, and the headers of the outgoing-headers hook', async () => {
    const housing = await serve((_, response) => answer(response, { data: { echo: 'x' } }));
    const client = new ServiceClient({
      urls: { housing: housing.url },
      timeoutMs: 1000,
      outgoingHeaders: () => ({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }),
    });
    await runWithRequestId('req-42', () => client.request('housing', Echo, { text: 'a' }));
    await client.request('housing', Echo, { text: 'outside any request' });
    expect(housing.received[0]!.headers['x-request-id']).toBe('req-42');
    expect(housing.received[0]!.headers.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(housing.received[1]!.headers['x-request-id']).toBeUndefined();
  });

  it('gives up at the timeout with DEPARTMENT_UNAVAILABLE naming the service; a call may set its own timeout', async () => {
    // Never answers.
    const slow = await serve(() => undefined);
    const client = new ServiceClient({ urls: { housing: slow.url }, timeoutMs: 150 });
    let started = Date.now();
    const error = await failure(client.request('housing', Echo, { text: 'a' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.extensions).toEqual({ code: 'DEPARTMENT_UNAVAILABLE', department: 'housing' });
    expect(error.message).toBe('Department "housing" did not answer: no answer within 150 ms');

    const patient = new ServiceClient({ urls: { housing: slow.url }, timeoutMs: 60_000 });
    started = Date.now();
    const overridden = await failure(patient.request('housing', Echo, { text: 'a' }, { timeoutMs: 100 }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(overridden.message).toMatch(/no answer within 100 ms/);
  });

  it('reports a refused connection as DEPARTMENT_UNAVAILABLE, and a write that never left as not applied', async () => {
    const gone = await serve(() => undefined);
    const closed = servers.pop()!;
    await new Promise((resolve) => closed.close(resolve));
    const client = new ServiceClient({ urls: { tax: gone.url }, timeoutMs: 1000 });
    const error = await failure(client.request('tax', Echo, { text: 'a' }));
    expect(error.extensions).toEqual({ code: 'DEPARTMENT_UNAVAILABLE', department: 'tax' });
    expect(error.message).toBe('Department "tax" did not answer: unreachable');

    const write = await failure(client.request('tax', Echo, { text: 'a' }, { write: { idempotencyKey: 'k-1' } }));
    expect(write.extensions).toEqual({
      code: 'DEPARTMENT_UNAVAILABLE',
      department: 'tax',
      outcome: 'NOT_APPLIED',
      idempotencyKey: 'k-1',
    });
  });

  it('reports an answer that is not JSON as DEPARTMENT_UNAVAILABLE, and a write it answered so as of unknown outcome', async () => {
    const proxy = await serve((_, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body>Bad Gateway</body></html>');
    });
    const client = new ServiceClient({ urls: { env: proxy.url }, timeoutMs: 1000 });
    const error = await failure(client.request('env', Echo, { text: 'a' }));
    expect(error.extensions).toEqual({ code: 'DEPARTMENT_UNAVAILABLE', department: 'env' });
    expect(error.message).toBe('Department "env" did not answer: no usable answer');

    const write = await failure(client.request('env', Echo, { text: 'a' }, { write: { idempotencyKey: 'k-2' } }));
    expect(write.extensions).toMatchObject({
      code: 'DEPARTMENT_UNAVAILABLE',
      outcome: 'UNKNOWN',
      idempotencyKey: 'k-2',
    });
  });

  it('reports a service with no configured URL as DEPARTMENT_UNAVAILABLE', async () => {
    const client = new ServiceClient({ urls: {}, timeoutMs: 1000 });
    const error = await failure(client.request('natres', Echo, { text: 'a' }));
    expect(error.extensions).toEqual({ code: 'DEPARTMENT_UNAVAILABLE', department: 'natres' });
  });

  it("passes a service's coded error on with its code, message and extensions, even beside partial data", async () => {
    const errors = [
      {
        message: 'No case "housing:9".',
        path: ['housing', 'case'],
        extensions: { code: 'NOT_FOUND', id: 'housing:9' },
      },
      { message: 'second', extensions: { code: 'BAD_USER_INPUT' } },
    ];
    const housing = await serve((_, response) => answer(response, { data: { echo: null }, errors }));
    const client = new ServiceClient({ urls: { housing: housing.url }, timeoutMs: 1000 });
    const error = await failure(client.request('housing', Echo, { text: 'a' }));
    expect(error.message).toBe('No case "housing:9".');
    expect(error.extensions).toEqual({ code: 'NOT_FOUND', id: 'housing:9', department: 'housing' });
  });

  it('keeps the department a passed-on DEPARTMENT_UNAVAILABLE names (the hub naming a department it lacks)', async () => {
    const errors = [
      {
        message: 'Department "tax" did not answer: unreachable',
        extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'tax' },
      },
    ];
    const hub = await serve((_, response) => answer(response, { data: { echo: 'partial' }, errors }));
    const client = new ServiceClient({ urls: { hub: hub.url }, timeoutMs: 1000 });
    const error = await failure(client.request('hub', Echo, { text: 'a' }));
    expect(error.extensions).toEqual({ code: 'DEPARTMENT_UNAVAILABLE', department: 'tax' });
  });

  it('reports a write a department answered DEPARTMENT_UNAVAILABLE itself (its database out of reach) as of unknown outcome', async () => {
    const message = 'Department "housing" did not answer: it cannot use its database.';
    const errors = [{ message, extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'housing' } }];
    const housing = await serve((_, response) => answer(response, { data: null, errors }));
    const client = new ServiceClient({ urls: { housing: housing.url }, timeoutMs: 1000 });
    const read = await failure(client.request('housing', Echo, { text: 'a' }));
    expect([read.message, read.extensions]).toEqual([
      message,
      { code: 'DEPARTMENT_UNAVAILABLE', department: 'housing' },
    ]);
    // It may have failed after its commit: only a retry with the same key can tell.
    const write = await failure(client.request('housing', Echo, { text: 'a' }, { write: { idempotencyKey: 'k-3' } }));
    expect([write.message, write.extensions]).toEqual([
      message,
      { code: 'DEPARTMENT_UNAVAILABLE', department: 'housing', outcome: 'UNKNOWN', idempotencyKey: 'k-3' },
    ]);
  });

  it("hides a service's internal error behind DEPARTMENT_UNAVAILABLE", async () => {
    const errors = [{ message: 'SQLITE_BUSY: database is locked', extensions: { code: 'INTERNAL_SERVER_ERROR' } }];
    const housing = await serve((_, response) => answer(response, { data: null, errors }));
    const client = new ServiceClient({ urls: { housing: housing.url }, timeoutMs: 1000 });
    const error = await failure(client.request('housing', Echo, { text: 'a' }));
    expect(error.extensions).toEqual({ code: 'DEPARTMENT_UNAVAILABLE', department: 'housing' });
    expect(error.message).not.toMatch(/SQLITE/);
  });

  it('tryRequest returns the failure instead of throwing it, mapped the same way', async () => {
    const errors = [{ message: 'already used', extensions: { code: 'CONFLICT' } }];
    const housing = await serve(({ body }, response) =>
      body.variables.text === 'conflict'
        ? answer(response, { data: null, errors })
        : answer(response, { data: { echo: 'ok' } }),
    );
    const client = new ServiceClient({
      urls: { housing: housing.url, tax: 'http://127.0.0.1:1/graphql' },
      timeoutMs: 1000,
    });
    expect(await client.tryRequest('housing', Echo, { text: 'fine' })).toEqual({ ok: true, data: { echo: 'ok' } });
    const refused = await client.tryRequest('housing', Echo, { text: 'conflict' });
    expect(refused.ok || refused.error.extensions).toEqual({ code: 'CONFLICT', department: 'housing' });
    const silent = await client.tryRequest('tax', Echo, { text: 'a' });
    expect(silent.ok || silent.error.extensions).toEqual({ code: 'DEPARTMENT_UNAVAILABLE', department: 'tax' });
  });

  it('shares one wait between the rounds of a deadline', async () => {
    const slow = await serve(() => undefined);
    const client = new ServiceClient({ urls: { housing: slow.url }, timeoutMs: 60_000 });
    const started = Date.now();
    const deadline = started + 200;
    const errors = await Promise.all([
      failure(client.request('housing', Echo, { text: 'a' }, { deadline })),
      failure(client.request('housing', Echo, { text: 'b' }, { deadline })),
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const error of errors) expect(error.extensions.code).toBe('DEPARTMENT_UNAVAILABLE');
    // Past its deadline a call is not even sent.
    const late = await failure(client.request('housing', Echo, { text: 'c' }, { deadline: Date.now() - 1 }));
    expect(late.extensions.code).toBe('DEPARTMENT_UNAVAILABLE');
    expect(slow.received).toHaveLength(2);
  });
});
