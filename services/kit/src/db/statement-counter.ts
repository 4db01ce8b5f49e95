import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable } from '@prisma/driver-adapter-utils';

/** How many SQL statements a service has sent to its database since it started. */
export interface StatementCounter {
  count: number;
}

function countQueries<T extends SqlQueryable>(queryable: T, counter: StatementCounter): T {
  return new Proxy(queryable, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return (...args: unknown[]) => {
          counter.count += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) =>
          countQueries(await (value as (...a: unknown[]) => Promise<SqlQueryable>).apply(target, args), counter);
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Wraps a Prisma driver adapter so that every statement Prisma sends is counted, inside
 * transactions too. Tests use it to prove a list costs a constant number of statements.
 */
export function countingAdapter<F extends SqlDriverAdapterFactory>(factory: F, counter: StatementCounter): F {
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === 'connect') return async () => countQueries<SqlDriverAdapter>(await target.connect(), counter);
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
