import { describe, expect, it } from 'vitest';
import { decodeHubCursor, encodeHubCursor } from './cursor.js';

describe('hub cursors', () => {
  const position = { order: 'DEADLINE:ASC', after: { housing: 'abc', tax: null }, done: ['env'] };

  it('round-trip every department position', () => {
    expect(decodeHubCursor(encodeHubCursor(position), 'DEADLINE:ASC')).toEqual(position);
  });

  it('refuse a cursor made for another order', () => {
    expect(() => decodeHubCursor(encodeHubCursor(position), 'SUBMITTED_AT:DESC')).toThrow(/keep the same orderBy/);
  });

  it('refuse what is not a hub cursor, as BAD_USER_INPUT', () => {
    try {
      decodeHubCursor('bm90IGEgY3Vyc29y', 'DEADLINE:ASC');
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
