import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError, parse } from 'graphql';
import { pino } from 'pino';
import { BadUserInputError, databaseUnreachableError } from '../errors.js';
import { listenSubgraph, type RunningServer } from './subgraph-server.js';
import { identityVerifierFrom } from '../identity/configuration.js';

/** What the server logged, one parsed JSON line each. */
const lines: { level: number; msg?: string; requestId?: string; err?: { message?: string } }[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(JSON.parse(chunk.toString('utf8')));
    done();
  },
});

const SQL_MESSAGE =
  'SQLITE_ERROR: no such column: "Case"."secret" in SELECT * FROM "Case" (prisma.case.findMany at /work/x.ts:12)';
let server: RunningServer;

beforeAll(async () => {
  server = await listenSubgraph(
    {
      identity: await identityVerifierFrom({ NODE_ENV: 'test' }),
      publicAccess: { fields: ['database', 'labelled', 'input', 'echo', 'unreachable'] },
      name: 'masking',
      typeDefs: parse(
        'type Query { database: String, labelled: String, input: String, echo(text: String!): String!, unreachable: String }',
      ),
      resolvers: {
        Query: {
          // What a database driver throws: a plain Error whose message is SQL.
          database: () => {
            throw new Error(SQL_MESSAGE);
          },
          // Already labelled INTERNAL_SERVER_ERROR by someone: still never shown.
          labelled: () => {
            throw new GraphQLError(SQL_MESSAGE, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
          },
          input: () => {
            throw new BadUserInputError('The note is longer than 2000 characters.');
          },
          echo: (_: unknown, { text }: { text: string }) => text,
          // What pg throws when its server refuses the connection.
          unreachable: () => {
            throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
          },
        },
      },
      // The service knows this one error (the kit's isDatabaseUnreachable, simplified).
      explainError: (error) =>
        (error as GraphQLError).originalError?.message.includes('ECONNREFUSED')
          ? databaseUnreachableError('center')
          : undefined,
      logger: pino({ level: 'info' }, sink),
      createContext: (base) => base,
    },
    { host: '127.0.0.1', port: 0 },
  );
});

afterAll(async () => {
  await server?.stop();
});

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const ask = async (query: string, headers: Record<string, string> = {}) => {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
};

const loggedFor = (requestId: string) =>
  lines.filter((line) => line.requestId === requestId && line.msg === 'unexpected error');

describe("a subgraph's error masking", () => {
  it.each(['database', 'labelled'])('hides a %s error from the client, logged with the request ID', async (field) => {
    const requestId = `test-${field}`;
    const { status, body } = await ask(`{ ${field} }`, { 'x-request-id': requestId });
    expect(status).toBe(200);
    const masked = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(body.errors).toEqual([{ ...masked, path: [field], locations: [{ line: 1, column: 3 }] }]);
    expect(JSON.stringify(body)).not.toMatch(/SQLITE|SELECT|prisma|\/work\//);
    const logged = loggedFor(requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.level).toBe(50);
    expect(logged[0]!.err?.message).toBe(SQL_MESSAGE);
  });

  it('answers an error the service explains with its code and message, logged as a warning', async () => {
    const { body } = await ask('{ unreachable database }', { 'x-request-id': 'test-unreachable' });
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/^Department "center" did not answer: it cannot use its database/),
        path: ['unreachable'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'center', reason: 'DATABASE_UNREACHABLE' },
      },
      expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
    const warned = lines.filter((line) => line.requestId === 'test-unreachable' && line.level === 40);
    expect(warned.map((line) => line.err?.message)).toEqual(['connect ECONNREFUSED 127.0.0.1:5432']);
  });

  it('gives a request without an ID one of its own in the log', async () => {
    const before = lines.length;
    await ask('{ database }');
    const logged = lines.slice(before).filter((line) => line.msg === 'unexpected error');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('replaces a request ID that is not one (too long, control characters) rather than logging it', async () => {
    const before = lines.length;
    await ask('{ database }', { 'x-request-id': 'x'.repeat(500) });
    expect(lines.slice(before).find((line) => line.msg === 'unexpected error')?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("passes a client's mistake with its code and message, and logs no error", async () => {
    const { body } = await ask('{ input }', { 'x-request-id': 'test-input' });
    const error = { message: 'The note is longer than 2000 characters.', extensions: { code: 'BAD_USER_INPUT' } };
    expect(body.errors?.[0]).toMatchObject(error);
    expect(body.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
    expect(loggedFor('test-input')).toEqual([]);
  });

  it('refuses an operation type the schema lacks as a validation failure, not an internal error', async () => {
    for (const query of ['subscription { echo(text: "x") }', 'mutation { echo(text: "x") }']) {
      const { status, body } = await ask(query);
      expect(status).toBe(200);
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });
});
