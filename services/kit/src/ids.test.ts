import { describe, expect, it } from 'vitest';
import { parseGlobalId, toGlobalId } from './ids.js';
import { maskIdNumber } from './department/contract-resolvers.js';

describe('global IDs', () => {
  it('carry the owning department', () => {
    expect(parseGlobalId(toGlobalId('housing', 42))).toEqual({ department: 'housing', localId: '42' });
    expect(parseGlobalId('market:000132001000')).toEqual({ department: 'market', localId: '000132001000' });
  });

  it('refuse IDs without an owner', () => {
    for (const bad of ['42', ':42', 'housing:']) expect(() => parseGlobalId(bad)).toThrow(/not a onewindow ID/);
  });
});

describe('identity numbers', () => {
  it('are masked but for the first and last four characters', () => {
    expect(maskIdNumber('330102198803150021')).toBe('3301**********0021');
    expect(maskIdNumber('1234')).toBe('****');
  });
});
