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
});
