import { BadUserInputError } from './errors.js';

/** Opaque cursors: base64url JSON, so clients cannot depend on their shape. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by encodeCursor and checks its shape; anything else is a
 * BAD_USER_INPUT error naming the argument.
 */
export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T, argument = 'after'): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value)) {
    throw new BadUserInputError(`"${argument}" is not a cursor from this list; pass a cursor taken from its edges.`, {
      argument,
    });
  }
  return value;
}

/** Checks a page size; `max` bounds how much one request can ask of a database. */
export function checkPageSize(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw new BadUserInputError(`"first" must be a whole number from 0 to ${max}.`, { argument: 'first', max });
  }
  return size;
}
