/**
 * Identity for the bench. The bench runs the services as a county would (NODE_ENV=production),
 * which refuses the repository's development keys, so each run makes keys of its own: an identity
 * provider (ES256, its public key given to the gateways as AUTH_JWKS_FILE) and the installation's
 * keys and secrets, made as `npm run keys` makes them.
 * Requests act as a supervisor (效能监察), who reads every department's numbers and cases.
 */
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import {
  GATEWAY_ISSUER,
  IDENTITY_HEADER,
  IdentitySigner,
  newInstallationKeys,
  publicJwk,
  sharedKeySettings,
  type Identity,
} from '../services/runtime/src/index.js';

const ISSUER = 'https://id.bench.onewindow.invalid';
const AUDIENCE = 'onewindow';
const SUPERVISOR: Identity = { sub: 'bench-supervisor', role: 'supervisor', ip: '127.0.0.1' };
/** How long a signed internal token is reused: well inside its 120 seconds. */
const REUSE_MS = 60_000;

export interface BenchIdentity {
  /** Every service: whose identity tokens to trust, and the audit key. */
  serviceEnv: Record<string, string>;
  /** The center: its own signing key besides. */
  centerEnv: Record<string, string>;
  /** The gateways (ours and the @apollo/gateway peer): their signing key and the identity provider. */
  gatewayEnv: Record<string, string>;
  /**
   * Headers acting as the bench's supervisor at a gateway (the bearer token) and at a subgraph
   * (the internal token) alike; the internal token is renewed before it expires.
   */
  headers: () => Promise<Record<string, string>>;
}

/** The bench's identity provider: an ES256 key pair, as a county's 统一身份认证 would have. */
async function identityProviderKey(): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(privateKey)), alg: 'ES256', kid: 'bench-es256' } };
}

export async function benchIdentity(): Promise<BenchIdentity> {
  const [issuer, keys] = await Promise.all([identityProviderKey(), newInstallationKeys('bench')]);
  const serviceEnv = sharedKeySettings(keys);
  const userToken = await new SignJWT({ role: SUPERVISOR.role })
    .setProtectedHeader({ alg: 'ES256', kid: issuer.jwk.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(SUPERVISOR.sub)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(issuer.privateKey);
  const signer = await IdentitySigner.create(keys.gateway, GATEWAY_ISSUER);
  let internal: { token: Promise<string>; until: number } | undefined;
  return {
    serviceEnv,
    centerEnv: { ...serviceEnv, IDENTITY_SIGNING_KEY: JSON.stringify(keys.center) },
    gatewayEnv: {
      ...serviceEnv,
      IDENTITY_SIGNING_KEY: JSON.stringify(keys.gateway),
      AUTH_JWKS_FILE: JSON.stringify({ keys: [publicJwk(issuer.jwk)] }),
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      // The bench is one supervisor sending thousands of requests a minute: not an abuse to limit.
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
    },
    headers: async () => {
      if (!internal || internal.until < Date.now())
        internal = { token: signer.sign(SUPERVISOR), until: Date.now() + REUSE_MS };
      return { authorization: `Bearer ${userToken}`, [IDENTITY_HEADER]: await internal.token };
    },
  };
}
