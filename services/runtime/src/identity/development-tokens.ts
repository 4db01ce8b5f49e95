import { SignJWT, importJWK } from 'jose';
import { DEFAULT_AUDIENCE, DEVELOPMENT_ISSUER, developmentKeys } from './keys.js';
import type { IdentityClaims } from './roles.js';

/**
 * A user token of the development identity provider: what `npm run token` prints and what the
 * web front's development sign-in page gets. A county's real tokens come from its 统一身份认证
 * platform; the gateway accepts these only while it has no provider of its own.
 */
export async function signDevelopmentUserToken(claims: IdentityClaims, ttl = '8h'): Promise<string> {
  const key = await importJWK(developmentKeys.issuer, 'ES256');
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'ES256', kid: developmentKeys.issuer.kid, typ: 'JWT' })
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key);
}
