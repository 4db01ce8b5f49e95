/**
 * The peer: @apollo/gateway serving the same committed supergraph over the same subgraphs, for
 * like-for-like comparison with our Hive gateway, authenticating as ours does (the bench's
 * identity provider and gateway key: bench/identity.ts). Run by bench/run.ts with PORT,
 * <NAME>_URL, AUTH_* and IDENTITY_SIGNING_KEY.
 */
import { fileURLToPath } from 'node:url';
import { subgraphNames, subgraphUrl } from '../schema/src/index.js';
import { loadSupergraph } from '../gateway/src/supergraph.js';
import { createUserTokenVerifier, userTokenDefaults } from '../gateway/src/identity/user-tokens.js';
import { identitySignerFrom } from '../services/runtime/src/index.js';
import { startApolloGateway } from '../tests/support/apollo-gateway.js';

const env = process.env;
const NODE_ENV = env.NODE_ENV === 'production' ? 'production' : 'development';
const supergraphPath = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));
const urls = Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(name)]));
const { url } = await startApolloGateway({
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
});
process.stdout.write(`apollo gateway listening at ${url}\n`);
