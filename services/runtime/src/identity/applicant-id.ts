import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { BadUserInputError } from '../errors.js';

/** How every `Applicant.id` begins. */
export const APPLICANT_ID_PREFIX = 'applicant:';

/**
 * An applicant's ID across departments: `applicant:` and an HMAC of kind and ID number. Every
 * department computes it with the same secret (APPLICANT_ID_SECRET), so one person has one ID
 * everywhere, while the ID reveals nothing: ID numbers have too little entropy for a plain hash.
 */
export function applicantKey(kind: string, idNumber: string, secret: string): string {
  return createHmac('sha256', secret).update(`${kind}:${idNumber.trim().toUpperCase()}`).digest('base64url');
}

export function applicantGlobalId(key: string): string {
  return APPLICANT_ID_PREFIX + key;
}

/** 18-character resident ID numbers and unified social credit codes (统一社会信用代码). */
const RESIDENT_ID = /^\d{17}[\dX]$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Whether an ID number fits the kind of applicant: a resident ID for a person, a credit code for an enterprise. */
export const fitsApplicantKind = (kind: 'PERSON' | 'ENTERPRISE', idNumber: string): boolean =>
  (kind === 'PERSON' ? RESIDENT_ID : CREDIT_CODE).test(idNumber);

/**
 * The `Applicant.id` of the person or enterprise an ID number names (an applicant's token names
 * them by it): what a record of their acts keeps instead of the number itself.
 */
export function applicantIdOf(idNumber: string, secret: string): string {
  const normalized = idNumber.trim().toUpperCase();
  const kind = fitsApplicantKind('PERSON', normalized) ? 'PERSON' : 'ENTERPRISE';
  return applicantGlobalId(applicantKey(kind, normalized, secret));
}

/** The key inside an applicant ID; anything else is BAD_USER_INPUT. */
export function parseApplicantId(id: string): string {
  if (!id.startsWith(APPLICANT_ID_PREFIX) || id.length <= APPLICANT_ID_PREFIX.length) {
    throw new BadUserInputError(`"${id}" is not an applicant ID; applicant IDs look like "applicant:…".`, { id });
  }
  return id.slice(APPLICANT_ID_PREFIX.length);
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
