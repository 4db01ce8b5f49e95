import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import {
  ConfigurationError,
  DEFAULT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  UnauthenticatedError,
  developmentKeys,
  identityClaims,
  publicJwk,
  readJwks,
  refuseDevelopmentSecrets,
  type Identity,
} from '@onewindow/runtime';

/** How the gateway checks users' tokens: the county's identity provider (统一身份认证) or the development one. */
export interface UserTokenSettings {
  NODE_ENV: 'development' | 'production' | 'test';
  /** The provider's public keys: a JWKS URL (fetched, cached, refetched for an unknown key)… */
  AUTH_JWKS_URL?: string;
  /** …or a JWKS file (or inline JSON). Neither: the development issuer's key. */
  AUTH_JWKS_FILE?: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  /** Where the provider puts the role, the department and a chief's items in its tokens. */
  AUTH_ROLE_CLAIM: string;
  AUTH_DEPARTMENT_CLAIM: string;
  AUTH_ITEMS_CLAIM: string;
}

export const userTokenDefaults = {
  AUTH_ISSUER: DEVELOPMENT_ISSUER,
  AUTH_AUDIENCE: DEFAULT_AUDIENCE,
  AUTH_ROLE_CLAIM: 'role',
  AUTH_DEPARTMENT_CLAIM: 'department',
  AUTH_ITEMS_CLAIM: 'items',
};

/** Asymmetric algorithms only: a symmetric one would let whoever verifies also sign. */
const ALGORITHMS = ['ES256', 'RS256'];
/**
 * Clock skew tolerated between the identity provider and the gateway: a few seconds, enough for
 * NTP-synced hosts, so an expired token is refused within moments of its `exp`.
 */
const CLOCK_TOLERANCE_S = 5;

/**
 * How long a checked token is taken at its word without checking its signature again: a
 * dashboard sends the same token with every request, and the check (ES256, RS256) is one of the
 * gateway's costliest steps. Short beside how long jose keeps a provider's fetched keys (10
 * minutes): a key the provider withdraws works at most these 30 s longer than it did before.
 */
const REMEMBER_MS = 30_000;
/** How many checked tokens are remembered at most. */
const REMEMBERED_LIMIT = 10_000;

/** What each of jose's refusals means to the person holding the token. */
function reasonOf(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'ERR_JWT_EXPIRED':
      return 'The token has expired; sign in again.';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return 'The token was not issued for this hub (issuer, audience or time claims do not match).';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return `The token's algorithm is not accepted (only ${ALGORITHMS.join(', ')}).`;
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'The token was signed with a key the identity provider does not publish.';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return 'The identity provider could not be reached to check the token; try again.';
    default:
      return 'The token is not valid.';
  }
}

/**
 * Verifies users' bearer tokens and turns their claims into an Identity. A token that passed is
 * remembered for REMEMBER_MS, never past its expiry; one that failed is checked again each time.
 * `now` is the clock of every check (tests move it).
 */
export function createUserTokenVerifier(
  settings: UserTokenSettings,
  now: () => number = Date.now,
): (token: string, ip: string) => Promise<Identity> {
  if (settings.NODE_ENV === 'production') {
    if (!settings.AUTH_JWKS_URL && !settings.AUTH_JWKS_FILE)
      throw new ConfigurationError(
        'NODE_ENV=production needs AUTH_JWKS_URL or AUTH_JWKS_FILE: your identity provider’s keys.',
      );
    if (settings.AUTH_JWKS_URL) refuseDevelopmentSecrets({ issuer: settings.AUTH_ISSUER });
  }
  let keys: JWTVerifyGetKey;
  if (settings.AUTH_JWKS_URL) keys = createRemoteJWKSet(new URL(settings.AUTH_JWKS_URL));
  else {
    const jwks = settings.AUTH_JWKS_FILE
      ? readJwks(settings.AUTH_JWKS_FILE, 'AUTH_JWKS_FILE')
      : { keys: [publicJwk(developmentKeys.issuer)] };
    if (settings.NODE_ENV === 'production') refuseDevelopmentSecrets({ keys: jwks.keys, issuer: settings.AUTH_ISSUER });
    keys = createLocalJWKSet(jwks);
  }
  const remembered = new Map<string, { caller: Omit<Identity, 'ip'>; until: number }>();
  return async (token, ip) => {
    const at = now();
    const known = remembered.get(token);
    if (known && known.until > at) return { ...known.caller, ip };
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.AUTH_ISSUER,
        audience: settings.AUTH_AUDIENCE,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: new Date(at),
      }));
    } catch (error) {
      throw new UnauthenticatedError(reasonOf(error));
    }
    const claims = identityClaims.safeParse({
      sub: payload.sub,
      role: payload[settings.AUTH_ROLE_CLAIM],
      department: payload[settings.AUTH_DEPARTMENT_CLAIM] ?? undefined,
      items: payload[settings.AUTH_ITEMS_CLAIM] ?? undefined,
    });
    if (!claims.success || claims.data.role === 'public' || claims.data.role === 'service') {
      const problem = claims.success
        ? `role ${claims.data.role} is not given by tokens`
        : claims.error.issues[0]?.message;
      throw new UnauthenticatedError(`The token does not describe a caller of this hub: ${problem}.`);
    }
    if (remembered.size >= REMEMBERED_LIMIT) remembered.clear();
    // Until the moment jwtVerify would refuse it as expired, at the latest.
    const expires = Number(payload.exp) * 1000 + CLOCK_TOLERANCE_S * 1000;
    remembered.set(token, { caller: claims.data, until: Math.min(at + REMEMBER_MS, expires) });
    return { ...claims.data, ip };
  };
}
