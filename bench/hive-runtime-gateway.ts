/**
 * The Hive Gateway runtime alone: the same runtime, planner (JS) and supergraph as our gateway,
 * authenticating as the @apollo/gateway peer does (apollo-gateway.ts), with none of our plugins (no
 * audit, rate limit, operation limits and cost, persisted documents, error masking, metrics or
 * subgraph timings) and no in-flight deduplication. Beside @apollo/gateway it shows what the
 * runtime costs; beside our gateway, what our features cost. Run by bench/run.ts with PORT,
 * <NAME>_URL, AUTH_* and IDENTITY_SIGNING_KEY.
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { IDENTITY_HEADER, ReusedIdentityTokens, publicIdentity } from '../services/runtime/src/index.js';
import { peerSetupFromEnv } from './peer-identity.js';

const setup = await peerSetupFromEnv();
const tokens = new ReusedIdentityTokens(setup.signer);
const gateway = createGatewayRuntime({
  supergraph: setup.supergraphSdl,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  logging: false,
  inboundInflightRequestDeduplication: false,
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  propagateHeaders: {
    fromClientToSubgraphs: async ({ request }) => {
      const bearer = /^Bearer (\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
      const identity = bearer ? await setup.verifyUserToken(bearer, '127.0.0.1') : publicIdentity('127.0.0.1');
      return { [IDENTITY_HEADER]: await tokens.tokenFor(identity) };
    },
  },
});
createServer(gateway).listen(setup.port, '127.0.0.1', () => {
  process.stdout.write(`Hive runtime gateway listening at http://127.0.0.1:${setup.port}/graphql\n`);
});
