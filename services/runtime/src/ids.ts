import { BadUserInputError } from './errors.js';

/**
 * Global IDs carry the owning department's code (`housing:123`, `market:000105001000`), so any
 * service can route an ID without a lookup.
 */
export function toGlobalId(department: string, localId: string | number): string {
  return `${department}:${localId}`;
}

/** Splits a global ID; a string without a department prefix is a BAD_USER_INPUT error. */
export function parseGlobalId(id: string): { department: string; localId: string } {
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1) {
    throw new BadUserInputError(`"${id}" is not a onewindow ID; IDs look like "housing:123".`, { id });
  }
  return { department: id.slice(0, colon), localId: id.slice(colon + 1) };
}

/** The largest row number: Prisma's Int, a 32-bit integer column (PostgreSQL's `integer`). */
const MAX_ROW_NUMBER = 2_147_483_647;

/**
 * The row number a local ID's digits name (`123` -> 123), or null when they name none: not only
 * digits, or past the largest row number. Such an ID names no row, so its owner answers NOT_FOUND
 * as for any other unknown ID, rather than failing on a number its database cannot take.
 */
export function localRowNumber(digits: string): number | null {
  if (!/^\d{1,10}$/.test(digits)) return null;
  const number = Number(digits);
  return isRowNumber(number) ? number : null;
}

/** Whether a value (a cursor's, say) is a row number a table could hold. */
export function isRowNumber(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_ROW_NUMBER;
}
