import { parseGlobalId } from '@onewindow/runtime';

/** The local part of a center ID (`center:W01` -> `W01`), or null for another owner's ID. */
export function localCenterId(id: string): string | null {
  const { department, localId } = parseGlobalId(id);
  return department === 'center' ? localId : null;
}

/** The number inside a center ID with a one-letter kind (`center:A12` -> 12 for kind A), or null. */
export function localCenterNumber(id: string, kind: string): number | null {
  const local = localCenterId(id);
  return local?.startsWith(kind) && /^\d+$/.test(local.slice(1)) ? Number(local.slice(1)) : null;
}
