import { localRowNumber, parseGlobalId, toGlobalId } from '@onewindow/runtime';

/**
 * The one-letter kinds of the center's IDs, each letter once. A numbered record's ID is its kind
 * and its row number (`center:A12` is applicant 12). Windows and staff keep the letter in their
 * stored key (`W01`, `S03`, `C04`), given when the hall is laid out, and their IDs show the key.
 */
export const CENTER_ID_KINDS = {
  window: 'W',
  staff: 'S',
  chiefRepresentative: 'C',
  applicant: 'A',
  inquiry: 'Q',
  bulletin: 'B',
  fastTrack: 'F',
  jointApplication: 'J',
  notification: 'N',
  complaint: 'P',
  evaluation: 'E',
  followUp: 'U',
} as const;

/** The kinds keyed by a row number. */
export type NumberedKind = Exclude<keyof typeof CENTER_ID_KINDS, 'window' | 'staff' | 'chiefRepresentative'>;
/** The kinds keyed by a stored key that carries the letter. */
export type KeyedKind = Exclude<keyof typeof CENTER_ID_KINDS, NumberedKind>;

/** A numbered record's local ID, as messages and joint-application case numbers show it (`J3`). */
export const centerLocalId = (kind: NumberedKind, id: number): string => `${CENTER_ID_KINDS[kind]}${id}`;

/** A numbered record's global ID (`center:J3`). */
export const centerId = (kind: NumberedKind, id: number): string => toGlobalId('center', centerLocalId(kind, id));

/** A window's or staff member's stored key: its letter and a two-digit number (`W04`). */
export const centerKey = (kind: KeyedKind, n: number): string =>
  `${CENTER_ID_KINDS[kind]}${String(n).padStart(2, '0')}`;

/** The global ID of a window or staff member by its stored key (`W01` -> `center:W01`). */
export const centerKeyId = (key: string): string => toGlobalId('center', key);

/** The local part of a center ID (`center:W01` -> `W01`), or null for another owner's ID. */
export function localCenterId(id: string): string | null {
  const { department, localId } = parseGlobalId(id);
  return department === 'center' ? localId : null;
}

/** The row number inside a center ID of the given kind (`center:A12` -> 12 for an applicant), or null. */
export function localCenterNumber(id: string, kind: NumberedKind): number | null {
  const local = localCenterId(id);
  const letter = CENTER_ID_KINDS[kind];
  return local?.startsWith(letter) ? localRowNumber(local.slice(letter.length)) : null;
}

/**
 * Who acted, as the API shows a stored actor: the verified person (`role:sub`) or `system` as they
 * are, and so nobody (''); a bare staff key recorded before actors were verified persons (`S01`) as
 * its global ID.
 */
export const shownPerson = (stored: string): string =>
  !stored || stored.includes(':') || stored === 'system' ? stored : centerKeyId(stored);
