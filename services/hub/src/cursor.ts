import { BadUserInputError, decodeCursor, encodeCursor } from '@onewindow/kit';

/**
 * Where a merged list stands in every department: each department's own cursor of the last
 * case taken from it (null when none yet), and the departments already read to the end. Page
 * N+1 resumes each department where it stopped, without reading pages 1..N again.
 */
export interface HubPosition {
  /** The order the position belongs to, e.g. `SUBMITTED_AT:DESC`. */
  order: string;
  after: Record<string, string | null>;
  done: string[];
}

function isHubPosition(value: unknown): value is HubPosition {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<HubPosition>;
  return (
    typeof v.order === 'string' &&
    typeof v.after === 'object' &&
    v.after !== null &&
    Object.values(v.after).every((c) => c === null || typeof c === 'string') &&
    Array.isArray(v.done) &&
    v.done.every((d) => typeof d === 'string')
  );
}

export function encodeHubCursor(position: HubPosition): string {
  return encodeCursor(position);
}

/** Reads a hub cursor; one made for another order is refused. */
export function decodeHubCursor(cursor: string, order: string): HubPosition {
  const position = decodeCursor(cursor, isHubPosition);
  if (position.order !== order) {
    throw new BadUserInputError(`"after" was made for the order ${position.order}, not ${order}; keep the same orderBy while paging.`, {
      argument: 'after',
    });
  }
  return position;
}
