import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { runWithRequestId } from '@onewindow/runtime';
import { createErrorMasker } from './errors.js';

/** The masker with a logger writing into memory. */
function capture() {
  const lines: { level: number; msg?: string; requestId?: string; err?: { message?: string } }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  return { mask: createErrorMasker(pino({ level: 'debug' }, sink)), lines };
}

describe("the gateway's error masker", () => {
  it('hides an unexpected error and logs it with the request ID', () => {
    const { mask, lines } = capture();
    const masked = runWithRequestId('req-42', () => mask(new Error('SQLITE_BUSY: database is locked at /work/x.ts:1')));
    expect(masked.message).toBe('Internal server error');
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(lines).toHaveLength(1);
    const logged = { level: 50, msg: 'unexpected error', requestId: 'req-42' };
    expect(lines[0]).toMatchObject({ ...logged, err: { message: 'SQLITE_BUSY: database is locked at /work/x.ts:1' } });
  });

  it('hides an error coded INTERNAL_SERVER_ERROR too, whatever its message', () => {
    const { mask, lines } = capture();
    const masked = mask(new GraphQLError('no such table: Case', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    expect([masked.message, masked.extensions.code]).toEqual(['Internal server error', 'INTERNAL_SERVER_ERROR']);
    expect(lines).toHaveLength(1);
  });

  it("keeps a client's error without the runtime's internals; an unreadable body stays a 400", () => {
    const { mask, lines } = capture();
    const badJson = new GraphQLError('POST body sent invalid JSON.', {
      extensions: {
        code: 'BAD_REQUEST',
        http: { spec: true, status: 400 },
        originalError: { name: 'SyntaxError', message: 'Unexpected end of JSON input' },
      },
    });
    expect(mask(badJson).extensions).toEqual({ code: 'BAD_REQUEST', http: { status: 400 } });
    const notFound = mask(new GraphQLError('No case "housing:9".', { extensions: { code: 'NOT_FOUND', request: {} } }));
    expect([notFound.message, notFound.extensions]).toEqual(['No case "housing:9".', { code: 'NOT_FOUND' }]);
    expect(lines).toEqual([]);
  });

  it("passes the gateway's refusals with their codes: authentication, rate limits, cost, trusted documents", () => {
    const { mask, lines } = capture();
    const refusals = [
      ['The token has expired; sign in again.', 'UNAUTHENTICATED', { http: { status: 401 } }],
      ['Too many requests: at most 600 a minute per signed-in caller.', 'RATE_LIMITED', { http: { status: 429 } }],
      ["The operation's estimated cost is 1002001, over the limit of 10000.", 'COST_ESTIMATED_TOO_EXPENSIVE', {}],
      ['Operation estimated cost 20000 exceeded configured maximum 10000', 'COST_ESTIMATED_TOO_EXPENSIVE', {}],
      ['Only one slicing argument is allowed on field "cases"', 'COST_QUERY_PARSE_FAILURE', {}],
      ['No trusted document has this ID.', 'PERSISTED_QUERY_NOT_FOUND', { http: { status: 400 } }],
      ['Only the trusted documents may be run by this caller.', 'PERSISTED_QUERY_ONLY', { http: { status: 403 } }],
    ] as const;
    for (const [message, code, extensions] of refusals) {
      const masked = mask(new GraphQLError(message, { extensions: { ...extensions, code } }));
      expect([masked.message, masked.extensions.code]).toEqual([message, code]);
    }
    expect(lines).toEqual([]);
  });

  it('gives a code to a refusal that has only an HTTP status: 401, 403 (CSRF), 429, other 4xx', () => {
    const { mask, lines } = capture();
    const statuses = [
      [401, 'UNAUTHENTICATED'],
      [403, 'FORBIDDEN'],
      [429, 'RATE_LIMITED'],
      [405, 'BAD_REQUEST'],
    ] as const;
    for (const [status, code] of statuses) {
      const masked = mask(new GraphQLError('Refused', { extensions: { http: { status } } }));
      expect([masked.message, masked.extensions.code]).toEqual(['Refused', code]);
    }
    // CSRF prevention's own words name no header; the caller is told which one to send.
    const csrf = mask(
      new GraphQLError('Required CSRF header(s) not present', { extensions: { http: { status: 403 } } }),
    );
    expect([csrf.message, csrf.extensions.code]).toEqual([expect.stringMatching(/header x-graphql-csrf/), 'FORBIDDEN']);
    expect(lines).toEqual([]);
  });

  it('still hides a code it does not know, and a code-less error without a client status', () => {
    const { mask, lines } = capture();
    expect(
      mask(new GraphQLError('x', { extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST_OF_SOMEONE' } })).message,
    ).toBe('Internal server error');
    expect(mask(new GraphQLError('Syntax Error: Query depth limit of 6 exceeded, found 12.')).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(lines).toHaveLength(2);
  });
});
