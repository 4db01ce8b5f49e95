import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('tracking rate limit', () => {
  it('allows `limit` attempts per client in a window, then refuses until the window has passed', () => {
    const limiter = new RateLimiter(3, 60_000);
    const at = 1_000_000;
    expect([1, 2, 3, 4, 5].map((i) => limiter.take('10.0.0.1', at + i))).toEqual([true, true, true, false, false]);
    // Still inside the window that began at the first attempt.
    expect(limiter.take('10.0.0.1', at + 1 + 59_999)).toBe(false);
    // A new window begins windowMs after the first attempt.
    expect(limiter.take('10.0.0.1', at + 1 + 60_000)).toBe(true);
  });

  it('counts each client on its own', () => {
    const limiter = new RateLimiter(1, 1000);
    expect(limiter.take('a', 0)).toBe(true);
    expect(limiter.take('a', 1)).toBe(false);
    expect(limiter.take('b', 2)).toBe(true);
  });

  it('keeps limiting past 10,000 clients, when it forgets the expired ones', () => {
    const limiter = new RateLimiter(1, 1000);
    for (let i = 0; i <= 10_001; i++) limiter.take(`old-${i}`, 0);
    expect(limiter.take('busy', 5000)).toBe(true);
    expect(limiter.take('busy', 5001)).toBe(false);
    // An old client's window expired: it may try again.
    expect(limiter.take('old-1', 5002)).toBe(true);
  });
});
