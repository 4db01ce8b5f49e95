import { z } from 'zod';

/** The values a String column may hold: a list of them, or a table keyed by them (such as labels). */
type KnownValues<T extends string> = readonly T[] | Readonly<Record<T, unknown>>;

const isList = <T extends string>(values: KnownValues<T>): values is readonly T[] => Array.isArray(values);

function isOneOf<T extends string>(values: KnownValues<T>, value: string): value is T {
  return isList(values) ? values.some((known) => known === value) : Object.hasOwn(values, value);
}

/**
 * One of `values`, read from a String column that only ever holds those (SQLite has no enums).
 * Anything else there is a fault in the database, reported as such rather than passed on to clients.
 */
export function storedValue<T extends string>(values: KnownValues<T>, value: string, what: string): T {
  if (!isOneOf(values, value)) throw new Error(`Unknown ${what} "${value}" in the database`);
  return value;
}

const stringList = z.array(z.string());

/** A list of names stored as a JSON array; nothing stored (null or empty) is an empty list. */
export const storedList = (json: string | null): string[] => (json ? stringList.parse(JSON.parse(json)) : []);
