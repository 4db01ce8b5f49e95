import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
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
  it('is a connection lost, a database that takes none, and a SQLite file that cannot be opened', () => {
    const lost = [
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('database "env" is not currently accepting connections'), { code: '55000' }),
      Object.assign(new Error('database "env" does not exist'), { code: '3D000' }),
    ];
    let cantOpen: unknown;
    try {
      // A folder where the file should be: SQLite cannot open it (SQLITE_CANTOPEN).
      new Database(tmpdir()).prepare('SELECT 1').get();
    } catch (error) {
      cantOpen = error;
    }
    for (const error of [...lost, cantOpen]) expect(isDatabaseUnreachable(error), String(error)).toBe(true);
    // The same code for another state is not a database out of reach.
    expect(isDatabaseUnreachable(Object.assign(new Error('cannot drop the current role'), { code: '55000' }))).toBe(
      false,
    );
  });

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

  it('is not a locked database, a bad statement, a constraint, or any other error', () => {
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
    const unique = Object.assign(new Error('UNIQUE constraint failed: Case.number'), {
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    for (const error of [badStatement, locked, unique, new Error('boom'), null, 'text'])
      expect(isDatabaseUnreachable(error), String(error)).toBe(false);
    expect(isBusyError(locked)).toBe(true);
  });
});
