import type { JWK } from 'jose';
import { z } from 'zod';
import { ConfigurationError } from '../env.js';
import { GATEWAY_ISSUER, IdentitySigner, IdentityVerifier, serviceIssuer } from './identity-token.js';
import { developmentKeys, publicJwk, readJsonSetting, readJwk, refuseDevelopmentSecrets } from './keys.js';

/** A service's own signing key (IDENTITY_SIGNING_KEY: a private EdDSA JWK, inline or a file path). */
export const signingKeyEnv = {
  IDENTITY_SIGNING_KEY: z.string().optional(),
};

type NodeEnv = 'development' | 'production' | 'test';

/** The development identity keys: the gateway's and the center's public halves. */
function developmentTrustedKeys(): Record<string, JWK> {
  return {
    [GATEWAY_ISSUER]: publicJwk(developmentKeys.gateway),
    [serviceIssuer('center')]: publicJwk(developmentKeys.center),
  };
}

/**
 * The verifier of a subgraph's identity tokens, from IDENTITY_KEYS (in commonEnvSchema): each
 * trusted issuer's public key, as JSON `{ "onewindow-gateway": <JWK>, "onewindow-center": <JWK> }`
 * or a file path; the development keys unless in production.
 */
export async function identityVerifierFrom(config: {
  IDENTITY_KEYS?: string;
  NODE_ENV: NodeEnv;
}): Promise<IdentityVerifier> {
  if (!config.IDENTITY_KEYS && config.NODE_ENV === 'production')
    throw new ConfigurationError(
      'NODE_ENV=production needs IDENTITY_KEYS: the public keys of the gateway and the center.',
    );
  const trusted = config.IDENTITY_KEYS
    ? z
        .record(z.string(), z.looseObject({ kty: z.string() }))
        .parse(readJsonSetting(config.IDENTITY_KEYS, 'IDENTITY_KEYS'))
    : developmentTrustedKeys();
  const keys = Object.values(trusted) as JWK[];
  if (config.NODE_ENV === 'production') refuseDevelopmentSecrets({ keys });
  return IdentityVerifier.create(trusted as Record<string, JWK>);
}

/**
 * The signer of `service`'s identity tokens (the gateway's for users, the center's for itself),
 * from IDENTITY_SIGNING_KEY (the development key unless in production).
 */
export async function identitySignerFrom(
  service: 'gateway' | 'center',
  config: { IDENTITY_SIGNING_KEY?: string; NODE_ENV: NodeEnv },
): Promise<IdentitySigner> {
  if (!config.IDENTITY_SIGNING_KEY && config.NODE_ENV === 'production')
    throw new ConfigurationError(`NODE_ENV=production needs IDENTITY_SIGNING_KEY: the ${service}'s private EdDSA key.`);
  const jwk = config.IDENTITY_SIGNING_KEY
    ? readJwk(config.IDENTITY_SIGNING_KEY, 'IDENTITY_SIGNING_KEY')
    : developmentKeys[service];
  if (config.NODE_ENV === 'production') refuseDevelopmentSecrets({ keys: [jwk] });
  return IdentitySigner.create(jwk, service === 'gateway' ? GATEWAY_ISSUER : serviceIssuer(service));
}
