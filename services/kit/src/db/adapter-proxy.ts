import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * `target` with some of its methods replaced; every other property is the target's own (its
 * methods bound to it). How the kit changes what a Prisma driver adapter does without copying it.
 */
export function overriding<T extends object>(target: T, methods: Partial<T>): T {
  return new Proxy(target, {
    get(inner, property, receiver) {
      if (Object.hasOwn(methods, property)) return methods[property as keyof T];
      const value = Reflect.get(inner, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(inner) : value;
    },
  });
}

/** A driver adapter factory whose connect() gives `change(adapter)` instead of the adapter itself. */
export function changingConnections<F extends SqlDriverAdapterFactory>(
  factory: F,
  change: (adapter: SqlDriverAdapter) => SqlDriverAdapter,
): F {
  // Partial<F> cannot name `connect` of a generic F directly; the factory's own type says what it is.
  const connect: SqlDriverAdapterFactory['connect'] = async () => change(await factory.connect());
  return overriding<SqlDriverAdapterFactory>(factory, { connect }) as F;
}
