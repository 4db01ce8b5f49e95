/**
 * Bad tokens, made the way an attacker would make them, for the security tests: users' bearer
 * tokens the gateway must refuse, and internal identity tokens a subgraph must refuse. Each is
 * one departure from a valid token (tests/support/identity.ts), so a refusal says which check held.
 */
import { SignJWT, UnsecuredJWT, base64url, decodeJwt, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import {
  DEFAULT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  GATEWAY_ISSUER,
  IDENTITY_HEADER,
  developmentKeys,
  publicJwk,
  serviceIssuer,
} from '../../services/runtime/src/index.js';

/** The claims a token carries besides its registered ones (`role`, `department`, `items`, `ip`...). */
export type Claims = Record<string, unknown>;

const NOW_S = () => Math.floor(Date.now() / 1000);

export interface UserTokenParts {
  claims?: Claims;
  sub?: string;
  issuer?: string;
  audience?: string;
  /** Seconds since the epoch; now unless given. */
  issuedAt?: number;
  expiresAt?: number;
  kid?: string;
}

/** A token of the development identity provider's shape, signed by `key` with `alg`. */
async function signUser(parts: UserTokenParts, alg: string, key: Parameters<SignJWT['sign']>[0]): Promise<string> {
  const issuedAt = parts.issuedAt ?? NOW_S();
  return new SignJWT({ role: 'supervisor', ...parts.claims })
    .setProtectedHeader({ alg, typ: 'JWT', kid: parts.kid ?? developmentKeys.issuer.kid })
    .setIssuer(parts.issuer ?? DEVELOPMENT_ISSUER)
    .setAudience(parts.audience ?? DEFAULT_AUDIENCE)
    .setSubject(parts.sub ?? 'attacker-1')
    .setIssuedAt(issuedAt)
    .setExpirationTime(parts.expiresAt ?? issuedAt + 600)
    .sign(key);
}

/** Signed with the development identity provider's real key: valid unless `parts` says otherwise. */
export async function devIssuerToken(parts: UserTokenParts = {}): Promise<string> {
  return signUser(parts, 'ES256', await importJWK(developmentKeys.issuer, 'ES256'));
}

/** Signed with a fresh ES256 key of the attacker's, under the development key's `kid`. */
export async function forgedEs256Token(parts: UserTokenParts = {}): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return signUser(parts, 'ES256', privateKey);
}

/** RS256 with an RSA key the identity provider never published. */
export async function unknownRs256Token(parts: UserTokenParts = {}): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return signUser({ kid: 'attacker-rsa', ...parts }, 'RS256', privateKey);
}

/**
 * Algorithm confusion: HS256 with the provider's *public* key as the HMAC secret, which a
 * verifier that takes the algorithm from the token would accept.
 */
export async function hs256WithPublicKeyToken(parts: UserTokenParts = {}): Promise<string> {
  const secret = new TextEncoder().encode(JSON.stringify(publicJwk(developmentKeys.issuer)));
  return signUser(parts, 'HS256', secret);
}

/** `alg: none`: no signature at all. */
export function unsignedToken(parts: UserTokenParts = {}): string {
  const issuedAt = parts.issuedAt ?? NOW_S();
  return new UnsecuredJWT({ role: 'supervisor', ...parts.claims })
    .setIssuer(parts.issuer ?? DEVELOPMENT_ISSUER)
    .setAudience(parts.audience ?? DEFAULT_AUDIENCE)
    .setSubject(parts.sub ?? 'attacker-1')
    .setIssuedAt(issuedAt)
    .setExpirationTime(parts.expiresAt ?? issuedAt + 600)
    .encode();
}

/** A valid token's header and signature around another payload: what tampering with its claims gives. */
export function withPayload(token: string, change: (payload: Claims) => Claims): string {
  const [header, , signature] = token.split('.');
  const payload = change(decodeJwt(token) as Claims);
  return `${header}.${base64url.encode(JSON.stringify(payload))}.${signature}`;
}

export interface InternalTokenParts {
  claims?: Claims;
  sub?: string;
  issuer?: string;
  audience?: string;
  typ?: string;
  issuedAt?: number;
  expiresAt?: number;
  /** The signing key (a private Ed25519 JWK); the gateway's development key unless given. */
  key?: JWK;
}

/** An internal identity token like the gateway's, with any part changed. */
export async function craftInternalToken(parts: InternalTokenParts = {}): Promise<string> {
  const issuedAt = parts.issuedAt ?? NOW_S();
  const key = parts.key ?? developmentKeys.gateway;
  return new SignJWT({ role: 'supervisor', ip: '127.0.0.1', ...parts.claims })
    .setProtectedHeader({
      alg: 'EdDSA',
      typ: parts.typ ?? 'onewindow-identity+jwt',
      ...(key.kid ? { kid: key.kid } : {}),
    })
    .setIssuer(parts.issuer ?? GATEWAY_ISSUER)
    .setAudience(parts.audience ?? 'onewindow-subgraph')
    .setSubject(parts.sub ?? 'supervisor-crafted')
    .setJti(`crafted-${issuedAt}-${Math.random().toString(36).slice(2)}`)
    .setIssuedAt(issuedAt)
    .setExpirationTime(parts.expiresAt ?? issuedAt + 120)
    .sign(await importJWK(key, 'EdDSA'));
}

/** A fresh Ed25519 private key nobody trusts. */
export async function strangerEd25519Key(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return exportJWK(privateKey);
}

/** The center's development key, with which only `service:center` may be claimed. */
export const centerKey = (): JWK => developmentKeys.center;
export const centerIssuer = serviceIssuer('center');

/** Headers carrying an internal identity token straight to a subgraph. */
export const internalHeaders = (token: string): Record<string, string> => ({ [IDENTITY_HEADER]: token });

/** Headers carrying a bearer token to the gateway. */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
