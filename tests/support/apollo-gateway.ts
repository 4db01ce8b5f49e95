/**
 * @apollo/gateway over a supergraph, authenticating as our gateway does, for comparisons (the
 * tests' federation and the bench): the caller's bearer token is verified
 * (gateway/src/identity/user-tokens.ts) and every subgraph call carries the internal identity token
 * the gateway key signs for that caller, reused for a minute as ours does; no token is the public,
 * signed as such. The client's own headers never reach a subgraph.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  IDENTITY_HEADER,
  ReusedIdentityTokens,
  publicIdentity,
  type Identity,
  type IdentitySigner,
} from '../../services/runtime/src/index.js';

/** What the router knows of a request: the internal identity token its subgraph calls carry. */
interface IdentityContext {
  identityToken: string;
}

export interface ApolloGatewayOptions {
  supergraphSdl: string;
  /** Checks a bearer token and says who holds it (createUserTokenVerifier). */
  verifyUserToken: (token: string, ip: string) => Promise<Identity>;
  /** The gateway's signer of internal identity tokens. */
  signer: IdentitySigner;
  host?: string;
  port?: number;
}

export async function startApolloGateway(
  options: ApolloGatewayOptions,
): Promise<{ server: ApolloServer<IdentityContext>; url: string }> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<IdentityContext>({
        url,
        willSendRequest: ({ request, context }) => {
          request.http?.headers.set(IDENTITY_HEADER, context.identityToken);
        },
      }),
  });
  const server = new ApolloServer<IdentityContext>({ gateway });
  const tokens = new ReusedIdentityTokens(options.signer);
  const { url } = await startStandaloneServer(server, {
    listen: { host: options.host ?? '127.0.0.1', port: options.port ?? 0 },
    context: async ({ req }) => {
      const ip = req.socket.remoteAddress ?? 'unknown';
      const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const identity = bearer ? await options.verifyUserToken(bearer, ip) : publicIdentity(ip);
      return { identityToken: await tokens.tokenFor(identity) };
    },
  });
  return { server, url };
}
