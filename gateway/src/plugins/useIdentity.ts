import type { IncomingMessage } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { publicIdentity, type Identity, type IdentitySigner } from '@onewindow/runtime';
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
 * one is a 401 UNAUTHENTICATED with nothing run; no token is the public. Each request's identity
 * is then signed once into an internal token (`identityTokenFor`) that goes to every subgraph in
 * place of the client's own headers.
 */
export function useIdentity(options: IdentityOptions) {
  const identities = new WeakMap<Request, Identity>();
  const tokens = new WeakMap<Request, Promise<string>>();

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

  /** The internal identity token of a request, signed once however many subgraph calls it makes. */
  const identityTokenFor = (request: Request, requestId: string | null): Promise<string> => {
    let token = tokens.get(request);
    if (!token) {
      const identity = identities.get(request);
      if (!identity) return Promise.reject(new UnauthenticatedError('The request was not authenticated.'));
      token = options.signer.sign(identity, requestId ?? undefined);
      tokens.set(request, token);
    }
    return token;
  };

  return { plugin, identityOf: (request: Request) => identities.get(request), identityTokenFor };
}
