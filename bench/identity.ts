/**
 * Identity for the bench. The bench runs the services as a county would (NODE_ENV=production),
 * which refuses the repository's development keys, so each run makes keys of its own: an identity
 * provider (ES256, its public key given to the gateways as AUTH_JWKS_FILE), the gateway's and the
 * center's EdDSA keys (their public halves are every subgraph's IDENTITY_KEYS) and an audit key.
 * Requests act as a supervisor (效能监察), who reads every department's numbers and cases.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import {
  GATEWAY_ISSUER,
  IDENTITY_HEADER,
  IdentitySigner,
  publicJwk,
  serviceIssuer,
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

async function keyPair(alg: 'ES256' | 'EdDSA'): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(privateKey)), alg, kid: `bench-${alg.toLowerCase()}` } };
}

export async function benchIdentity(): Promise<BenchIdentity> {
  const [issuer, gateway, center] = await Promise.all([keyPair('ES256'), keyPair('EdDSA'), keyPair('EdDSA')]);
  const trusted = { [GATEWAY_ISSUER]: publicJwk(gateway.jwk), [serviceIssuer('center')]: publicJwk(center.jwk) };
  const serviceEnv = {
    IDENTITY_KEYS: JSON.stringify(trusted),
    AUDIT_KEY: randomBytes(32).toString('hex'),
  };
  const userToken = await new SignJWT({ role: SUPERVISOR.role })
    .setProtectedHeader({ alg: 'ES256', kid: issuer.jwk.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(SUPERVISOR.sub)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(issuer.privateKey);
  const signer = await IdentitySigner.create(gateway.jwk, GATEWAY_ISSUER);
  let internal: { token: Promise<string>; until: number } | undefined;
  return {
    serviceEnv,
    centerEnv: { ...serviceEnv, IDENTITY_SIGNING_KEY: JSON.stringify(center.jwk) },
    gatewayEnv: {
      ...serviceEnv,
      IDENTITY_SIGNING_KEY: JSON.stringify(gateway.jwk),
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
