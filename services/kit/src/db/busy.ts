import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, OnewindowError } from '../errors.js';

/** How long a write waits for another connection's lock before the client is told to retry (ms). */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/**
 * How long one statement may block the process waiting for a lock (SQLite's own busy_timeout).
 * better-sqlite3 is synchronous, so that wait stops the whole service, reads included: keep it
 * short and wait the rest between attempts (writeTransaction), while other requests are served.
 */
export const BLOCKING_WAIT_MS = 20;

/** The longest pause between two attempts of a write that found the database locked. */
const MAX_PAUSE_MS = 200;

/** A write gave up waiting for the database: nothing was written, and the same request may be sent again. */
export class ServiceBusyError extends OnewindowError {
  constructor(waitedMs: number) {
    const message = 'The database is busy, try again. Nothing was written; retry with the same idempotency key.';
    super(ErrorCode.SERVICE_BUSY, message, { waitedMs });
  }
}

/**
 * True for SQLite's "database is locked" (SQLITE_BUSY and its variants), whether it comes from
 * better-sqlite3 directly or through Prisma's driver adapter (Prisma's P1008 with the driver's code).
 */
export function isBusyError(error: unknown): boolean {
  type Thrown = { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  const thrown = error as Thrown;
  const code = thrown?.meta?.driverAdapterError?.cause?.originalCode ?? thrown?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** The busy timeout each database client was opened with (see openDatabase). */
const busyTimeouts = new WeakMap<object, number>();

/** Records how long writes through `client` may wait for a lock. */
export function setBusyTimeout(client: object, timeoutMs: number): void {
  busyTimeouts.set(client, timeoutMs);
}

/**
 * Runs `attempt` again while the database is locked by another connection, pausing between
 * attempts without blocking the process, for at most `timeoutMs` in all; then SERVICE_BUSY.
 * Only for work that is all inside one database transaction: a failed attempt left nothing.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (let pause = 5; ; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      const left = started + timeoutMs - Date.now();
      if (left <= 0) throw new ServiceBusyError(Date.now() - started);
      // Jitter keeps writers that met the same lock from all coming back at the same moment.
      await sleep(Math.min(left, pause * (0.5 + Math.random())));
    }
  }
}

/** The client's interactive transaction, as every generated Prisma client has it. */
interface TransactionalClient<Tx> {
  $transaction<R>(work: (tx: Tx) => Promise<R>): Promise<R>;
}

/**
 * One interactive transaction on a service's database that waits for a lock held by another
 * connection (an operator's tool, a backup) up to the client's busy timeout, then fails with
 * SERVICE_BUSY having written nothing. `work` must touch nothing but `tx`: it may run again.
 */
export function writeTransaction<Tx, R>(db: TransactionalClient<Tx>, work: (tx: Tx) => Promise<R>): Promise<R> {
  return retryWhileBusy(() => db.$transaction(work), busyTimeouts.get(db) ?? DEFAULT_BUSY_TIMEOUT_MS);
}
