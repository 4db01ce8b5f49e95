import { z } from 'zod';

/**
 * One of `values`, read from a String column that only ever holds those. Anything else there is a
 * fault in the database, not something to pass on to clients.
 */
export function storedValue<T extends string>(values: readonly T[], value: string, what: string): T {
  const known = values.find((candidate) => candidate === value);
  if (known === undefined) throw new Error(`Unknown ${what} "${value}" in the database`);
  return known;
}

const stringList = z.array(z.string());

/** A list of names stored as a JSON array; nothing stored (null or empty) is an empty list. */
export const storedList = (json: string | null): string[] => (json ? stringList.parse(JSON.parse(json)) : []);
