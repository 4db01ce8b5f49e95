import { describe, expect, it } from 'vitest';
import { maskIdNumber } from './contract-resolvers.js';

describe('identity numbers', () => {
  it('are masked but for the first and last four characters', () => {
    expect(maskIdNumber('330102198803150021')).toBe('3301**********0021');
    expect(maskIdNumber('1234')).toBe('****');
  });
});
