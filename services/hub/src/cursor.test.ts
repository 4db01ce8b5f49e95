import { describe, expect, it } from 'vitest';
import { encodeCursor } from '@onewindow/runtime';
import { casePositionCursor } from '@onewindow/kit';
import { decodeHubCursor, encodeHubCursor, filterFingerprint, type CursorScope } from './cursor.js';

const filter = filterFingerprint({ statuses: ['ACCEPTED', 'SUBMITTED'], departments: ['housing', 'tax', 'env'] });
const scope: CursorScope = { order: 'DEADLINE:ASC', field: 'DEADLINE', filter, departments: ['housing', 'tax', 'env'] };
const housing = casePositionCursor('2026-03-01T08:30:00.000+00:00', 7);
const position = { order: 'DEADLINE:ASC', filter, after: { housing, tax: null }, done: ['env'] };

/** The code of the error a call throws. */
function codeOf(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'no error';
}

describe('hub cursors', () => {
  it('round-trip every department position', () => {
    expect(decodeHubCursor(encodeHubCursor(position), scope)).toEqual(position);
  });

  it('refuse a cursor made for another order', () => {
    const other = { ...scope, order: 'SUBMITTED_AT:DESC' };
    expect(() => decodeHubCursor(encodeHubCursor(position), other)).toThrow(/keep the same orderBy/);
  });

  it('refuse a cursor made for another filter, but not for the same filter written another way', () => {
    const other = { ...scope, filter: filterFingerprint({ statuses: ['ACCEPTED'], departments: scope.departments }) };
    expect(() => decodeHubCursor(encodeHubCursor(position), other)).toThrow(/keep the same filter/);
    const reordered = {
      departments: ['env', 'tax', 'housing', 'env'],
      text: null,
      statuses: ['SUBMITTED', 'ACCEPTED'],
    };
    expect(filterFingerprint(reordered)).toBe(filter);
    expect(filterFingerprint(null)).toBe(filterFingerprint({}));
    expect(filterFingerprint({ submittedFrom: new Date('2026-01-01T00:00:00Z') })).not.toBe(filterFingerprint({}));
  });

  it('refuse what is not a hub cursor, or names departments the list does not ask, as BAD_USER_INPUT', () => {
    const forged = [
      'bm90IGEgY3Vyc29y',
      '',
      '%%%',
      encodeCursor([1, 2]),
      encodeCursor({ ...position, after: { housing: 'abc' } }),
      encodeCursor({ ...position, after: { housing: casePositionCursor('k', -1) } }),
      encodeCursor({ ...position, after: { housing: encodeCursor(['k', 2 ** 60]) } }),
      encodeCursor({ ...position, after: { housing: casePositionCursor('k'.repeat(501), 1) } }),
      // A sort key that is not a deadline as stored: no department could have made it.
      encodeCursor({ ...position, after: { housing: casePositionCursor('garbage', 5) } }),
      encodeCursor({ ...position, after: { housing: casePositionCursor('2026-03-01', 5) } }),
      encodeCursor({ ...position, after: { housing: casePositionCursor('2026-03-01T08:30:00Z', 5) } }),
      encodeCursor({ ...position, after: [] }),
      encodeCursor({ ...position, done: [3] }),
      encodeCursor({ ...position, filter: undefined }),
      encodeCursor({ ...position, after: { police: null } }),
      encodeCursor({ ...position, done: ['market'] }),
    ];
    for (const cursor of forged)
      expect(
        codeOf(() => decodeHubCursor(cursor, scope)),
        cursor,
      ).toBe('BAD_USER_INPUT');
  });
});
