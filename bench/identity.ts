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
/** The bench's supervisor; `supervisor(n)` is another one, for clients that must not share an identity. */
const supervisor = (n = 0): Identity => ({
  sub: n ? `bench-supervisor-${n}` : 'bench-supervisor',
  role: 'supervisor',
  ip: '127.0.0.1',
});
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
   * (the internal token) alike; the internal token is renewed before it expires. `n` picks
   * another supervisor (1, 2, ...), a person of their own.
   */
  headers: (n?: number) => Promise<Record<string, string>>;
  /** The same headers for anyone else: window staff, a department's officer. */
  headersAs: (who: Identity) => Promise<Record<string, string>>;
}

/** The bench's identity provider: an ES256 key pair, as a county's 统一身份认证 would have. */
async function identityProviderKey(): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(privateKey)), alg: 'ES256', kid: 'bench-es256' } };
}

export async function benchIdentity(): Promise<BenchIdentity> {
  const [issuer, keys] = await Promise.all([identityProviderKey(), newInstallationKeys('bench')]);
  const serviceEnv = sharedKeySettings(keys);
  const userToken = (who: Identity) =>
    new SignJWT({ role: who.role, ...(who.department ? { department: who.department } : {}) })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.jwk.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(who.sub)
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(issuer.privateKey);
  const signer = await IdentitySigner.create(keys.gateway, GATEWAY_ISSUER);
  const signed = new Map<string, { user: Promise<string>; internal: Promise<string>; until: number }>();
  const headersAs = async (who: Identity) => {
    const key = JSON.stringify(who);
    let tokens = signed.get(key);
    if (!tokens || tokens.until < Date.now()) {
      tokens = { user: tokens?.user ?? userToken(who), internal: signer.sign(who), until: Date.now() + REUSE_MS };
      signed.set(key, tokens);
    }
    return { authorization: `Bearer ${await tokens.user}`, [IDENTITY_HEADER]: await tokens.internal };
  };
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
    headers: (n = 0) => headersAs(supervisor(n)),
    headersAs,
  };
}
