import { describe, expect, it } from 'vitest';
import {
  CENTER_ID_KINDS,
  centerId,
  centerKey,
  centerKeyId,
  centerLocalId,
  localCenterId,
  localCenterNumber,
} from './ids.js';

describe('center IDs', () => {
  it('gives every kind its own letter, so an ID names one kind of record', () => {
    const letters = Object.values(CENTER_ID_KINDS);
    expect(new Set(letters).size).toBe(letters.length);
    expect(letters.every((letter) => /^[A-Z]$/.test(letter))).toBe(true);
  });

  it('makes a numbered record its letter and row number, and reads the number back for that kind only', () => {
    expect(centerId('jointApplication', 3)).toBe('center:J3');
    expect(centerLocalId('followUp', 12)).toBe('U12');
    expect(localCenterNumber('center:J3', 'jointApplication')).toBe(3);
    expect(localCenterNumber('center:A120', 'applicant')).toBe(120);
    // Another kind's letter, another owner, or no number: not this kind's ID.
    expect(localCenterNumber('center:J3', 'applicant')).toBeNull();
    expect(localCenterNumber('housing:J3', 'jointApplication')).toBeNull();
    expect(localCenterNumber('center:J', 'jointApplication')).toBeNull();
    expect(localCenterNumber('center:J3a', 'jointApplication')).toBeNull();
    expect(localCenterNumber('center:J-3', 'jointApplication')).toBeNull();
  });

  it('keys windows and staff by their letter and two digits, and shows the key in the ID', () => {
    expect(centerKey('window', 4)).toBe('W04');
    expect(centerKey('staff', 0)).toBe('S00');
    expect(centerKey('chiefRepresentative', 11)).toBe('C11');
    expect(centerKeyId('W04')).toBe('center:W04');
    expect(localCenterId('center:S03')).toBe('S03');
    expect(localCenterId('housing:S03')).toBeNull();
  });

  it('refuses a string that is not a global ID at all', () => {
    expect(() => localCenterId('J3')).toThrow(/not a onewindow ID/);
  });
});
