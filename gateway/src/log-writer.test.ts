import { Logger as HiveLogger } from '@graphql-hive/logger';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GatewayLogWriter } from './log-writer.js';

/** Hive's logger writing through ours into memory, at debug so every line is kept. */
function capture() {
  const lines: { level: number; msg?: string; extensions?: { code?: string } }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  const hive = new HiveLogger({ level: 'debug', writers: [new GatewayLogWriter(pino({ level: 'debug' }, sink))] });
  return { hive, lines };
}

const PINO = { debug: 20, warn: 40, error: 50 };

describe('the gateway log writer', () => {
  it("keeps a client's mistakes out of the error log, and real failures in it", async () => {
    const { hive, lines } = capture();
    hive.error({ message: 'No case with this number.', extensions: { code: 'NOT_FOUND', serviceName: 'center' } });
    hive.error({ message: 'Department "env" did not answer', extensions: { code: 'DEPARTMENT_UNAVAILABLE' } });
    hive.error({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    hive.error({ message: 'connection refused' }, 'subgraph request failed');
    hive.warn('planner slow');
    hive.error({ message: 'Variable "$input" got invalid value 5', extensions: { http: { status: 400 } } });
    hive.error({ message: 'Variable "$id" got invalid value { not: "an id" }; ID cannot represent value' });
    await new Promise((resolve) => setImmediate(resolve));
    const { debug, warn, error } = PINO;
    expect(lines.map((line) => line.level)).toEqual([debug, warn, error, error, warn, debug, debug]);
    expect(lines[0]!.extensions?.code).toBe('NOT_FOUND');
    expect(lines[3]!.msg).toBe('subgraph request failed');
  });
});
