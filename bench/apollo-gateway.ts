/**
 * The peer: @apollo/gateway serving the same committed supergraph over the same subgraphs, for
 * like-for-like comparison with our Hive gateway, authenticating as ours does (the bench's
 * identity provider and gateway key: bench/identity.ts). Run by bench/run.ts with PORT,
 * <NAME>_URL, AUTH_* and IDENTITY_SIGNING_KEY.
 */
import { startApolloGateway } from '../tests/support/apollo-gateway.js';
import { peerSetupFromEnv } from './peer-identity.js';

const { url } = await startApolloGateway(await peerSetupFromEnv());
process.stdout.write(`apollo gateway listening at ${url}\n`);
