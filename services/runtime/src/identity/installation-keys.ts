import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { GATEWAY_ISSUER, serviceIssuer } from './identity-token.js';
import { publicJwk } from './keys.js';

/**
 * The keys and secrets one installation of the hub makes for itself, once (`npm run keys`): what
 * NODE_ENV=production requires instead of the repository's development ones. Tests and the bench
 * make a set of their own the same way.
 */
export interface InstallationKeys {
  /** The gateway's private EdDSA key for the internal identity tokens it signs (IDENTITY_SIGNING_KEY). */
  gateway: JWK;
  /** The center's private EdDSA key for its own background calls (IDENTITY_SIGNING_KEY). */
  center: JWK;
  /** Every subgraph's IDENTITY_KEYS: the public halves of the two, by issuer. */
  trusted: Record<string, JWK>;
  /** The key of the audit records' hash chain (AUDIT_KEY), the same for every service. */
  auditKey: string;
  /** The secret of applicants' opaque IDs (APPLICANT_ID_SECRET), the same for every service. */
  applicantIdSecret: string;
}

/** A new private EdDSA (Ed25519) key as a JWK, named by `kid`. */
export async function newSigningKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { ...(await exportJWK(privateKey)), alg: 'EdDSA', kid };
}

/** A new set of installation keys, `label` (the date, say) naming the keys' `kid`s. */
export async function newInstallationKeys(label: string): Promise<InstallationKeys> {
  const [gateway, center] = await Promise.all([newSigningKey(`gateway-${label}`), newSigningKey(`center-${label}`)]);
  return {
    gateway,
    center,
    trusted: { [GATEWAY_ISSUER]: publicJwk(gateway), [serviceIssuer('center')]: publicJwk(center) },
    auditKey: randomBytes(32).toString('hex'),
    applicantIdSecret: randomBytes(32).toString('hex'),
  };
}

/** The settings every service takes from a set of keys, the values inline. */
export function sharedKeySettings(keys: InstallationKeys): Record<string, string> {
  return {
    IDENTITY_KEYS: JSON.stringify(keys.trusted),
    AUDIT_KEY: keys.auditKey,
    APPLICANT_ID_SECRET: keys.applicantIdSecret,
  };
}
