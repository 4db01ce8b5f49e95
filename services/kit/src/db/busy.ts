import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, OnewindowError } from '@onewindow/runtime';
import { driverErrorCodes } from './driver-errors.js';

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

/** PostgreSQL's lock_not_available: a lock was not granted within lock_timeout (db/postgres.ts). */
const POSTGRES_LOCK_NOT_AVAILABLE = '55P03';

/**
 * True for SQLite's "database is locked" (SQLITE_BUSY and its variants) and PostgreSQL's lock wait
 * running out, whether it comes from the driver directly or through Prisma's driver adapter
 * (Prisma's P1008 or the adapter's error, with the driver's code).
 */
export function isBusyError(error: unknown): boolean {
  return driverErrorCodes(error).some((code) => code.startsWith('SQLITE_BUSY') || code === POSTGRES_LOCK_NOT_AVAILABLE);
}

/** The busy timeout each database client was opened with (see openDatabase). */
const busyTimeouts = new WeakMap<object, number>();

/** Records how long writes through `client` may wait for a lock. */
export function setBusyTimeout(client: object, timeoutMs: number): void {
  busyTimeouts.set(client, timeoutMs);
}

/**
 * The writers of one connection, one at a time and first come, first served; a writer whose
 * deadline passes while it waits gives up its place. SQLite has one writer at a time and Prisma's
 * adapter runs one transaction at a time anyway; queueing here means that while another
 * connection holds the lock only the first writer keeps trying, and the reads go on between its
 * attempts instead of queueing behind every waiting writer's.
 */
class WriterQueue {
  private writing = false;
  private readonly waiting: (() => void)[] = [];

  /** Resolves true when it is the caller's turn, false when `deadline` (epoch ms) comes first. */
  enter(deadline: number): Promise<boolean> {
    if (!this.writing) {
      this.writing = true;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const turn = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        resolve(false);
      }, deadline - Date.now());
      this.waiting.push(turn);
    });
  }

  /** Ends the caller's turn and gives it to the next writer. */
  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.writing = false;
  }
}

const writerQueues = new WeakMap<object, WriterQueue>();

/**
 * Runs `attempt` again while the database is locked by another connection, pausing between
 * attempts without blocking the process, until `deadline` (epoch ms); then SERVICE_BUSY.
 * Only for work that is all inside one database transaction: a failed attempt left nothing.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, deadline: number): Promise<T> {
  const started = Date.now();
  for (let pause = 5; ; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) throw new ServiceBusyError(Date.now() - started);
      await sleep(Math.min(left, pause));
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
 * SERVICE_BUSY having written nothing. Writers take turns (WriterQueue). `work` must touch
 * nothing but `tx`: it may run again.
 */
export async function writeTransaction<Tx, R>(db: TransactionalClient<Tx>, work: (tx: Tx) => Promise<R>): Promise<R> {
  const timeoutMs = busyTimeouts.get(db) ?? DEFAULT_BUSY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let queue = writerQueues.get(db);
  if (!queue) writerQueues.set(db, (queue = new WriterQueue()));
  if (!(await queue.enter(deadline))) throw new ServiceBusyError(timeoutMs);
  try {
    return await retryWhileBusy(() => db.$transaction(work), deadline);
  } finally {
    queue.leave();
  }
}
