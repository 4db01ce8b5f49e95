import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { changingConnections } from './adapter-proxy.js';

/** A first-come, first-served lock for async work. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when the lock is ours, with the function that gives it back (once). */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.tail.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    });
    this.tail = this.tail.then(() => held);
    return ready;
  }
}

/** A transaction that gives the connection back when it ends, however it ends. */
function releasingOnEnd(tx: Transaction, release: () => void): Transaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'commit' || property === 'rollback') {
        return async () => {
          try {
            await (value as () => Promise<void>).call(target);
          } finally {
            release();
          }
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Statements of the connection that run outside a transaction. */
const STATEMENTS = new Set<PropertyKey>(['queryRaw', 'executeRaw', 'executeScript']);

function guardConnection(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...a: unknown[]) => Promise<unknown>;
      if (STATEMENTS.has(property)) {
        return async (...args: unknown[]) => {
          const release = await lock.acquire();
          try {
            return await method.apply(target, args);
          } finally {
            release();
          }
        };
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => {
          const release = await lock.acquire();
          try {
            return releasingOnEnd((await method.apply(target, args)) as Transaction, release);
          } catch (error) {
            release();
            throw error;
          }
        };
      }
      return method.bind(target);
    },
  });
}

/**
 * Makes statements outside a transaction wait while a transaction is open. Prisma's SQLite
 * adapter has one connection, and a statement sent on it between a transaction's statements
 * reads that transaction's uncommitted rows: a change-feed reader could pass on an event that a
 * rollback or a kill -9 then takes back, and the follower's cursor would skip the event that
 * later takes its place. With this, every read sees only committed data, like a reader on its
 * own connection.
 */
export function committedReadsAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  return changingConnections(factory, guardConnection);
}
