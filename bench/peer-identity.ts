/**
 * How the bench's peer gateways (apollo-gateway.ts, hive-runtime-gateway.ts) know callers: they
 * verify the bench identity provider's tokens as ours does and sign internal identity tokens with
 * our gateway's key, both read from the environment bench/run.ts gives them (AUTH_*,
 * IDENTITY_SIGNING_KEY). Also the supergraph they serve: the committed one over <NAME>_URL.
 */
import { fileURLToPath } from 'node:url';
import { subgraphNames, subgraphUrl } from '../schema/src/index.js';
import { loadSupergraph } from '../gateway/src/supergraph.js';
import { createUserTokenVerifier, userTokenDefaults } from '../gateway/src/identity/user-tokens.js';
import { identitySignerFrom, type Identity, type IdentitySigner } from '../services/runtime/src/index.js';

export interface PeerSetup {
  supergraphSdl: string;
  /** Checks a bearer token and says who holds it. */
  verifyUserToken: (token: string, ip: string) => Promise<Identity>;
  signer: IdentitySigner;
  port: number;
}

export async function peerSetupFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<PeerSetup> {
  const NODE_ENV = env.NODE_ENV === 'production' ? 'production' : 'development';
  const supergraphPath = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));
  const urls = Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(name)]));
  return {
    supergraphSdl: loadSupergraph(supergraphPath, urls),
    verifyUserToken: createUserTokenVerifier({
      ...userTokenDefaults,
      NODE_ENV,
      ...(env.AUTH_JWKS_FILE ? { AUTH_JWKS_FILE: env.AUTH_JWKS_FILE } : {}),
      ...(env.AUTH_ISSUER ? { AUTH_ISSUER: env.AUTH_ISSUER } : {}),
      ...(env.AUTH_AUDIENCE ? { AUTH_AUDIENCE: env.AUTH_AUDIENCE } : {}),
    }),
    signer: await identitySignerFrom('gateway', {
      NODE_ENV,
      ...(env.IDENTITY_SIGNING_KEY ? { IDENTITY_SIGNING_KEY: env.IDENTITY_SIGNING_KEY } : {}),
    }),
    port: Number(env.PORT),
  };
}
