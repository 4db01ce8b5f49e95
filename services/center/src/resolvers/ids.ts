import { parseGlobalId } from '@onewindow/kit';

/** The local part of a center ID (`center:W01` -> `W01`), or null for another owner's ID. */
export function localCenterId(id: string): string | null {
  const { department, localId } = parseGlobalId(id);
  return department === 'center' ? localId : null;
}
