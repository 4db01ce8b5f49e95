import { randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, importJWK, jwtVerify, type CryptoKey, type JWK } from 'jose';
import { ConfigurationError } from '../env.js';
import { OnewindowError, ErrorCode } from '../errors.js';
import { identityClaims, type Identity } from './roles.js';

/**
 * The internal identity token: how a verified caller reaches every subgraph. The gateway signs
 * one per caller and minute (EdDSA, its private key is nowhere else); the hub and the center pass it
 * on unchanged when they call a department, so the department decides on the original caller.
 * A service acting on its own (the center following the feeds) signs its own, which may only
 * say `role: service` and names that service. Subgraphs verify with public keys only, so none of
 * them can forge an identity for another.
 */
export const IDENTITY_HEADER = 'x-onewindow-identity';
export const GATEWAY_ISSUER = 'onewindow-gateway';
const AUDIENCE = 'onewindow-subgraph';
const TOKEN_TYPE = 'onewindow-identity+jwt';
/**
 * How long a token is good for. Longer than any request's work (the hub's deadline, a joint
 * application's dispatch), short enough that a captured token is soon useless.
 */
export const IDENTITY_TOKEN_TTL_S = 120;

/**
 * How long the gateway hands out one token for one caller: half its life, so a token it hands out
 * still has a minute to run. Signing each request anew cost every subgraph a signature check per
 * request; a token reused for a minute is checked once per subgraph and minute (each verifier
 * remembers the tokens it has checked), and a captured one is no more use than before.
 */
export const IDENTITY_TOKEN_REUSE_MS = (IDENTITY_TOKEN_TTL_S / 2) * 1000;

/** The issuer name a service's own tokens carry, e.g. `onewindow-center`. */
export const serviceIssuer = (service: string): string => `onewindow-${service}`;

export class UnauthenticatedError extends OnewindowError {
  constructor(message: string) {
    super(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
  }
}

/** Signs internal identity tokens with one private key (EdDSA). */
export class IdentitySigner {
  private constructor(
    private readonly key: CryptoKey,
    private readonly kid: string | undefined,
    readonly issuer: string,
  ) {}

  static async create(privateJwk: JWK, issuer: string): Promise<IdentitySigner> {
    if (!privateJwk.d) throw new ConfigurationError(`The signing key of ${issuer} has no private part`);
    const key = await importJWK(privateJwk, 'EdDSA');
    if (!('type' in key)) throw new ConfigurationError(`The signing key of ${issuer} is not an EdDSA key`);
    return new IdentitySigner(key, privateJwk.kid, issuer);
  }

  /** A token saying who `identity` is, good for IDENTITY_TOKEN_TTL_S, with an ID of its own. */
  sign(identity: Identity): Promise<string> {
    const { sub, ip: _ip, ...claims } = identity;
    return new SignJWT({ ...claims, ip: identity.ip })
      .setProtectedHeader({ alg: 'EdDSA', typ: TOKEN_TYPE, ...(this.kid ? { kid: this.kid } : {}) })
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setSubject(sub)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${IDENTITY_TOKEN_TTL_S}s`)
      .sign(this.key);
  }

  /** A token for this service acting on its own (`role: service`), e.g. to read the departments' feeds. */
  signAsService(service: string): Promise<string> {
    return this.sign({ sub: `service:${service}`, role: 'service', ip: '127.0.0.1' });
  }
}

/** How many callers' tokens the gateway keeps for reuse, and how many verified tokens a subgraph remembers. */
const CACHE_LIMIT = 10_000;

/**
 * The gateway's tokens for its callers: one per caller (every claim, the address included) for
 * IDENTITY_TOKEN_REUSE_MS, then a new one.
 */
export class ReusedIdentityTokens {
  private readonly tokens = new Map<string, { token: Promise<string>; until: number }>();

  constructor(
    private readonly signer: IdentitySigner,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token for `identity` that is good for at least IDENTITY_TOKEN_TTL_S minus IDENTITY_TOKEN_REUSE_MS. */
  tokenFor(identity: Identity): Promise<string> {
    // Every claim, in a fixed order: two callers differing in anything never share a token.
    const key = JSON.stringify(Object.entries(identity).sort(([a], [b]) => (a < b ? -1 : 1)));
    const now = this.now();
    const kept = this.tokens.get(key);
    if (kept && kept.until > now) return kept.token;
    if (this.tokens.size >= CACHE_LIMIT) this.tokens.clear();
    const token = this.signer.sign(identity);
    this.tokens.set(key, { token, until: now + IDENTITY_TOKEN_REUSE_MS });
    // A signature that failed is not handed out again.
    token.catch(() => {
      if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
    });
    return token;
  }
}

/**
 * Verifies internal identity tokens against the public keys of the issuers it trusts: the
 * gateway, which may say anything a user's token said, and services, which may only speak for
 * themselves.
 */
export class IdentityVerifier {
  private readonly verified = new Map<string, { identity: Identity; expiresAt: number }>();

  private constructor(private readonly keys: ReadonlyMap<string, CryptoKey>) {}

  /** `trusted`: each issuer's public key, e.g. `{ "onewindow-gateway": {...}, "onewindow-center": {...} }`. */
  static async create(trusted: Readonly<Record<string, JWK>>): Promise<IdentityVerifier> {
    const keys = new Map<string, CryptoKey>();
    for (const [issuer, jwk] of Object.entries(trusted)) {
      const key = await importJWK(jwk, 'EdDSA');
      if (!('type' in key)) throw new ConfigurationError(`The identity key of ${issuer} is not an EdDSA key`);
      keys.set(issuer, key);
    }
    if (!keys.has(GATEWAY_ISSUER)) throw new ConfigurationError(`The identity keys must include ${GATEWAY_ISSUER}`);
    return new IdentityVerifier(keys);
  }

  /** The identity a token carries; UnauthenticatedError when it is not one of ours, altered or expired. */
  async verify(token: string): Promise<Identity> {
    const now = Date.now();
    const cached = this.verified.get(token);
    if (cached && cached.expiresAt > now) return cached.identity;
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new UnauthenticatedError('The identity token is malformed.');
    }
    const key = issuer === undefined ? undefined : this.keys.get(issuer);
    if (!key || !issuer)
      throw new UnauthenticatedError('The identity token comes from an issuer this service does not trust.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        issuer,
        audience: AUDIENCE,
        typ: TOKEN_TYPE,
        algorithms: ['EdDSA'],
        requiredClaims: ['sub', 'exp', 'iat'],
        maxTokenAge: `${IDENTITY_TOKEN_TTL_S}s`,
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new UnauthenticatedError(
        code === 'ERR_JWT_EXPIRED' ? 'The identity token has expired.' : 'The identity token is not valid.',
      );
    }
    const claims = identityClaims.safeParse(payload);
    if (!claims.success) throw new UnauthenticatedError('The identity token does not describe a caller.');
    if (
      issuer !== GATEWAY_ISSUER &&
      (claims.data.role !== 'service' || claims.data.sub !== `service:${issuer.replace(/^onewindow-/, '')}`)
    )
      throw new UnauthenticatedError('A service may only speak for itself.');
    if (issuer === GATEWAY_ISSUER && claims.data.role === 'service')
      throw new UnauthenticatedError('The gateway never speaks for a service.');
    const identity: Identity = { ...claims.data, ip: typeof payload.ip === 'string' ? payload.ip : 'unknown' };
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, { identity, expiresAt: Number(payload.exp) * 1000 });
    return identity;
  }
}
