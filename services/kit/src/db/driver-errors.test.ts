import { createServer, type Server, type Socket } from 'node:net';
import Database from 'better-sqlite3';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../../housing/src/__generated__/prisma-postgresql/client.js';
import { poolConfig, postgresAdapter } from './postgres.js';
import { isBusyError } from './busy.js';
import { isDatabaseUnreachable } from './driver-errors.js';

/** What `work` throws, as the resolver that called it would see it. */
async function thrown(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

/** A port nothing listens on: a server's, closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let refusing: string;
/** A "database" that takes connections and never says a word: a server hung at start. */
let silent: Server;
const sockets: Socket[] = [];
let silentUrl: string;

beforeAll(async () => {
  refusing = `postgres://onewindow@127.0.0.1:${await closedPort()}/housing`;
  silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `postgres://onewindow@127.0.0.1:${(silent.address() as { port: number }).port}/housing`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('a database out of reach', () => {
  it('is recognised from pg, from a pool that gives up connecting, and through Prisma’s adapter', async () => {
    const client = new pg.Client({ connectionString: refusing });
    const fromPg = await thrown(() => client.connect());
    const pool = new pg.Pool({ ...poolConfig(silentUrl), connectionTimeoutMillis: 200 });
    const fromPool = await thrown(() => pool.query('SELECT 1'));
    // All its connections taken: the next caller waits its connection timeout, then gives up.
    const full = new pg.Pool({ ...poolConfig(silentUrl), max: 1, connectionTimeoutMillis: 200 });
    const holding = thrown(() => full.connect());
    const fromFullPool = await thrown(() => full.query('SELECT 1'));
    await holding;
    await Promise.all([pool.end(), full.end()]);
    const prisma = new PrismaClient({ adapter: postgresAdapter(refusing) });
    const fromPrisma = await thrown(() => prisma.case.count());
    const inTransaction = await thrown(() => prisma.$transaction(async (tx) => tx.case.count()));
    await prisma.$disconnect();
    for (const error of [fromPg, fromPool, fromFullPool, fromPrisma, inTransaction]) {
      expect(isDatabaseUnreachable(error), String(error)).toBe(true);
      // graphql-js wraps what a resolver throws; the cause is still seen.
      expect(isDatabaseUnreachable(new GraphQLError('wrapped', { originalError: error as Error }))).toBe(true);
      expect(isBusyError(error)).toBe(false);
    }
  });

  it('is not a locked database, a bad statement, or any other error', () => {
    const db = new Database(':memory:');
    const badStatement = (() => {
      try {
        db.exec('SELEC 1');
      } catch (error) {
        return error;
      }
    })();
    db.close();
    const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    // A connection lost in the middle: a write's outcome is unknown, so it is not "out of reach".
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    for (const error of [badStatement, locked, reset, new Error('boom'), null, 'text'])
      expect(isDatabaseUnreachable(error), String(error)).toBe(false);
    expect(isBusyError(locked)).toBe(true);
  });
});
