import { createHash } from 'node:crypto';
import { isCasePositionOf, type CaseOrderInput } from '@onewindow/kit';
import { BadUserInputError, decodeCursor, encodeCursor } from '@onewindow/runtime';

/**
 * Where a merged list stands in every department: each department's own cursor of the last
 * case taken from it (null when none yet), and the departments already read to the end. Page
 * N+1 resumes each department where it stopped, without reading pages 1..N again.
 */
export interface HubPosition {
  /** The order the position belongs to, e.g. `SUBMITTED_AT:DESC`. */
  order: string;
  /** The fingerprint of the filter the position belongs to (filterFingerprint). */
  filter: string;
  after: Record<string, string | null>;
  done: string[];
}

/** What a cursor must have been made for: a position means nothing in another order or filter. */
export interface CursorScope {
  order: string;
  /** The field of that order, whose values the department positions hold. */
  field: CaseOrderInput['field'];
  filter: string;
  /** The departments the list asks: a position may name no other. */
  departments: readonly string[];
}

/** A filter value in one canonical form: nulls dropped, keys sorted, lists as sorted sets, instants as ISO text. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.every((item) => typeof item === 'string') ? [...new Set(items as string[])].sort() : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/**
 * A short digest of a list's filter, kept in its cursors: the same filter written another way
 * (fields in another order, a list's values reordered, null for absent) gives the same digest.
 */
export function filterFingerprint(filter: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(filter ?? {})))
    .digest('base64url')
    .slice(0, 22);
}

/** A department position as the hub makes it (casePositionCursor) for a list by `field`. */
function isDepartmentPosition(cursor: string, field: CaseOrderInput['field']): boolean {
  try {
    return isCasePositionOf(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')), field);
  } catch {
    return false;
  }
}

function isHubPosition(value: unknown): value is HubPosition {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<HubPosition>;
  return (
    typeof v.order === 'string' &&
    typeof v.filter === 'string' &&
    typeof v.after === 'object' &&
    v.after !== null &&
    !Array.isArray(v.after) &&
    Object.values(v.after).every((c) => c === null || typeof c === 'string') &&
    Array.isArray(v.done) &&
    v.done.every((d) => typeof d === 'string')
  );
}

export function encodeHubCursor(position: HubPosition): string {
  return encodeCursor(position);
}

/**
 * Reads a hub cursor. One that is not a well-formed position, names a department the list does
 * not ask, or was made for another order or another filter is BAD_USER_INPUT: resuming it would
 * silently skip or repeat cases.
 */
export function decodeHubCursor(cursor: string, scope: CursorScope): HubPosition {
  const position = decodeCursor(cursor, isHubPosition);
  const refuse = (message: string) => new BadUserInputError(message, { argument: 'after' });
  if (position.order !== scope.order) {
    throw refuse(`"after" was made for another order, not ${scope.order}; keep the same orderBy while paging.`);
  }
  if (position.filter !== scope.filter) {
    throw refuse('"after" was made for another filter; keep the same filter while paging, or start again without it.');
  }
  if (
    [...Object.keys(position.after), ...position.done].some((code) => !scope.departments.includes(code)) ||
    Object.values(position.after).some((after) => after !== null && !isDepartmentPosition(after, scope.field))
  ) {
    throw refuse('"after" is not a cursor from this list; pass a cursor taken from its edges.');
  }
  return position;
}
