import { randomInt, timingSafeEqual } from 'node:crypto';

/** A new 6-digit verification code for a case receipt (远程查询). */
export function newVerificationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Compares a verification code in constant time, so timing reveals nothing of the right one. */
export function sameVerificationCode(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
