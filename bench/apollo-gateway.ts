/**
 * The peer: @apollo/gateway serving the same committed supergraph over the same subgraphs, for
 * like-for-like comparison with our Hive gateway. Run by bench/run.ts with PORT and <NAME>_URL.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { fileURLToPath } from 'node:url';
import { subgraphNames, subgraphUrl } from '../schema/src/index.js';
import { loadSupergraph } from '../gateway/src/supergraph.js';

const supergraphPath = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));
const urls = Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(name)]));
const server = new ApolloServer({
  gateway: new ApolloGateway({ supergraphSdl: loadSupergraph(supergraphPath, urls) }),
});
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(process.env.PORT) } });
process.stdout.write(`apollo gateway listening at ${url}\n`);
