import { describe, expect, it } from 'vitest';
import { maskContact, maskPhone } from './masks.js';

describe('masked contacts', () => {
  it("shows only the last four digits of a complainant's phone", () => {
    expect(maskPhone('13812345678')).toBe('*******5678');
    expect(maskPhone('0571-8765432')).toBe('********5432');
    expect(maskPhone(null)).toBeNull();
  });

  it('masks a phone number in a revisit contact but for its last four digits, separators kept', () => {
    expect(maskContact('13812345678')).toBe('*******5678');
    expect(maskContact('138-1234-5678')).toBe('***-****-5678');
    expect(maskContact('电话 138 1234 5678 回访')).toBe('电话 *** **** 5678 回访');
  });

  it("shows a channel's name whole, short numbers included", () => {
    expect(maskContact('12345热线')).toBe('12345热线');
    expect(maskContact('窗口当面')).toBe('窗口当面');
    expect(maskContact(null)).toBeNull();
  });
});
