import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlQueryable } from '@prisma/driver-adapter-utils';
import { databaseStatementDuration } from '@onewindow/runtime';
import { changingConnections } from './adapter-proxy.js';

/** Told of each statement once it has run (or failed): its SQL and how long it took, in seconds. */
export type StatementObserver = (sql: string, seconds: number) => void;

function observeQueries<T extends SqlQueryable>(queryable: T, observe: StatementObserver): T {
  return new Proxy(queryable, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return async (query: SqlQuery) => {
          const started = performance.now();
          try {
            return await (value as (q: SqlQuery) => Promise<unknown>).call(target, query);
          } finally {
            observe(query.sql, (performance.now() - started) / 1000);
          }
        };
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) =>
          observeQueries(await (value as (...a: unknown[]) => Promise<SqlQueryable>).apply(target, args), observe);
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Wraps a Prisma driver adapter so that `observe` hears of every statement Prisma sends, inside transactions too. */
export function observedAdapter<F extends SqlDriverAdapterFactory>(factory: F, observe: StatementObserver): F {
  return changingConnections(factory, (adapter) => observeQueries<SqlDriverAdapter>(adapter, observe));
}

/** How many SQL statements a service has sent to its database since it started. */
export interface StatementCounter {
  count: number;
}

/**
 * Counts every statement Prisma sends, inside transactions too. Tests use it to prove a list
 * costs a constant number of statements.
 */
export function countingAdapter<F extends SqlDriverAdapterFactory>(factory: F, counter: StatementCounter): F {
  return observedAdapter(factory, () => {
    counter.count += 1;
  });
}

/** The kind of a statement for its metric: its first word (SELECT, INSERT, BEGIN, PRAGMA, …). */
const statementKind = (sql: string) => /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'OTHER';

/** Times every statement into the service's database metrics (onewindow_database_statement_duration_seconds). */
export function timedAdapter<F extends SqlDriverAdapterFactory>(factory: F, service: string): F {
  return observedAdapter(factory, (sql, seconds) =>
    databaseStatementDuration.observe({ service, statement: statementKind(sql) }, seconds),
  );
}
