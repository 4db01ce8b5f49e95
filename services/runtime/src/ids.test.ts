import { describe, expect, it } from 'vitest';
import { parseGlobalId, toGlobalId } from './ids.js';

describe('global IDs', () => {
  it('carry the owning department', () => {
    expect(parseGlobalId(toGlobalId('housing', 42))).toEqual({ department: 'housing', localId: '42' });
    expect(parseGlobalId('market:000132001000')).toEqual({ department: 'market', localId: '000132001000' });
  });

  it('refuse IDs without an owner', () => {
    for (const bad of ['42', ':42', 'housing:']) expect(() => parseGlobalId(bad)).toThrow(/not a onewindow ID/);
  });
});
