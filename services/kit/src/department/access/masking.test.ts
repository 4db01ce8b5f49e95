import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskIdNumberForAnalyst, maskName, maskPhone } from './masking.js';

describe('masking', () => {
  it('keeps the first character of a name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('杭州某某科技有限公司')).toBe('杭*********');
    expect(maskName('')).toBe('');
  });

  it('keeps the first 4 and last 4 characters of an ID number, and 3 and 4 for analysts', () => {
    expect(maskIdNumber('330102198803150021')).toBe('3301**********0021');
    expect(maskIdNumberForAnalyst('330102198803150021')).toBe('330***********0021');
    expect(maskIdNumberForAnalyst('91330100MA2B3C4D5E')).toBe('913***********4D5E');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumberForAnalyst('1234567')).toBe('*******');
  });

  it('keeps the first 3 and last 4 digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-8765-4321')).toBe('057*-****-4321');
    expect(maskPhone('12345')).toBe('***45');
  });
});
