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
