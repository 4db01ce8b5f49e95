/**
 * Identities for tests, signed with the development keys exactly as the real parts sign them:
 * a user's token from the development identity provider (what `npm run token` prints) for the
 * gateway, and the gateway's internal identity token for calling a subgraph directly.
 */
import { SignJWT, importJWK } from 'jose';
import {
  DEFAULT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  IDENTITY_HEADER,
  IdentitySigner,
  developmentKeys,
  identitySignerFrom,
  type Identity,
  type Role,
} from '../../services/runtime/src/index.js';

/** Who a test acts as: a role, and what that role needs (a department, a chief's items). */
export interface Caller {
  role: Exclude<Role, 'public'>;
  sub?: string;
  department?: string;
  items?: readonly string[];
}

const identityOf = (caller: Caller): Identity => ({
  sub: caller.sub ?? `${caller.role}-test${caller.department ? `-${caller.department}` : ''}`,
  role: caller.role,
  ...(caller.department ? { department: caller.department } : {}),
  ...(caller.items ? { items: caller.items } : {}),
  ip: '127.0.0.1',
});

/** A bearer token of the development identity provider, as `npm run token` prints it. */
export async function userToken(caller: Caller, options: { expiresIn?: string | number } = {}): Promise<string> {
  const { sub, ip: _ip, ...claims } = identityOf(caller);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: developmentKeys.issuer.kid, typ: 'JWT' })
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(await importJWK(developmentKeys.issuer, 'ES256'));
}

/** Headers for a request through the gateway as `caller`. */
export async function asUser(caller: Caller): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await userToken(caller)}` };
}

let gatewaySigner: Promise<IdentitySigner> | undefined;

/** The internal identity token the gateway would sign for `caller`. */
export async function internalToken(caller: Caller): Promise<string> {
  gatewaySigner ??= identitySignerFrom('gateway', { NODE_ENV: 'test' });
  return (await gatewaySigner).sign(identityOf(caller));
}

/** Headers for a request straight to a subgraph (a department, the hub, the center) as `caller`. */
export async function asInternal(caller: Caller): Promise<Record<string, string>> {
  return { [IDENTITY_HEADER]: await internalToken(caller) };
}
