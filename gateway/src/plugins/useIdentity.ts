import type { IncomingMessage } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ReusedIdentityTokens, publicIdentity, type Identity, type IdentitySigner } from '@onewindow/runtime';
import { UnauthenticatedError } from '@onewindow/runtime';

export interface IdentityOptions {
  /** Checks a bearer token and says who holds it (identity/user-tokens.ts). */
  verifyUserToken: (token: string, ip: string) => Promise<Identity>;
  /** The client's address from the connection's peer and X-Forwarded-For (identity/client-address.ts). */
  clientAddress: (peer: string | undefined, forwardedFor: string | null) => string;
  /** Signs the internal identity token every subgraph checks. */
  signer: IdentitySigner;
}

export interface IdentityContext {
  /** The verified caller of this request: the public without a token. */
  identity: Identity;
}

/** The token of an Authorization header, which must be "Bearer <JWT>". */
export function bearerToken(header: string): string {
  const bearer = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/i.exec(header.trim());
  if (!bearer?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
  return bearer[1];
}

/**
 * Authentication. A request's bearer token is checked before anything else is read, so a bad
 * one is a 401 UNAUTHENTICATED with nothing run; no token is the public. The request's identity
 * then goes to every subgraph, in place of the client's own headers, as an internal token
 * (`identityTokenFor`): the caller's for the minute (ReusedIdentityTokens).
 */
export function useIdentity(options: IdentityOptions) {
  const identities = new WeakMap<Request, Identity>();
  const tokens = new ReusedIdentityTokens(options.signer);

  const plugin: GatewayPlugin<IdentityContext> = {
    async onRequestParse({ request, serverContext }) {
      const peer = (serverContext as { req?: IncomingMessage }).req?.socket.remoteAddress;
      const ip = options.clientAddress(peer, request.headers.get('x-forwarded-for'));
      const header = request.headers.get('authorization');
      if (header === null) {
        identities.set(request, publicIdentity(ip));
        return;
      }
      identities.set(request, await options.verifyUserToken(bearerToken(header), ip));
    },
    onContextBuilding({ context, extendContext }) {
      const identity = identities.get(context.request);
      // onRequestParse runs for every GraphQL request; a request it never saw is refused, not made public.
      if (!identity) throw new UnauthenticatedError('The request was not authenticated.');
      extendContext({ identity });
    },
  };

  /** The internal identity token of a request's caller, the same for all its subgraph calls. */
  const identityTokenFor = (request: Request): Promise<string> => {
    const identity = identities.get(request);
    if (!identity) return Promise.reject(new UnauthenticatedError('The request was not authenticated.'));
    return tokens.tokenFor(identity);
  };

  return { plugin, identityOf: (request: Request) => identities.get(request), identityTokenFor };
}
