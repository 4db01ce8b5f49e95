import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { BadUserInputError } from '@onewindow/runtime';

const PREFIX = 'applicant:';

/**
 * An applicant's ID across departments: `applicant:` and an HMAC of kind and ID number. Every
 * department computes it with the same secret (APPLICANT_ID_SECRET), so one person has one ID
 * everywhere, while the ID reveals nothing: ID numbers have too little entropy for a plain hash.
 */
export function applicantKey(kind: string, idNumber: string, secret: string): string {
  return createHmac('sha256', secret).update(`${kind}:${idNumber.trim().toUpperCase()}`).digest('base64url');
}

export function applicantGlobalId(key: string): string {
  return PREFIX + key;
}

/** The key inside an applicant ID; anything else is BAD_USER_INPUT. */
export function parseApplicantId(id: string): string {
  if (!id.startsWith(PREFIX) || id.length <= PREFIX.length) {
    throw new BadUserInputError(`"${id}" is not an applicant ID; applicant IDs look like "applicant:…".`, { id });
  }
  return id.slice(PREFIX.length);
}

/** Used outside production only, so that a development hub works without configuration. */
const DEVELOPMENT_SECRET = 'onewindow-development-only-applicant-secret';

/** The environment variable of the shared secret, for a service's zod schema. */
export const applicantSecretEnv = {
  /** Shared by every department so that one applicant has one ID everywhere. */
  APPLICANT_ID_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
};

/** Fills in the development secret, and refuses to run without a real one in production. */
export function withApplicantSecret<T extends { APPLICANT_ID_SECRET?: string; NODE_ENV: string }>(
  config: T,
  ctx: z.RefinementCtx,
) {
  if (!config.APPLICANT_ID_SECRET && config.NODE_ENV === 'production') {
    ctx.addIssue({ code: 'custom', path: ['APPLICANT_ID_SECRET'], message: 'is required in production' });
  }
  return { ...config, APPLICANT_ID_SECRET: config.APPLICANT_ID_SECRET ?? DEVELOPMENT_SECRET };
}

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
