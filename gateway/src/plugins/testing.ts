import { composeServices } from '@apollo/composition';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  createGatewayRuntime,
  useCustomFetch,
  type GatewayConfigContext,
  type GatewayConfigSupergraph,
  type GatewayPlugin,
  type GatewayRuntime,
} from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler as rustPlanner } from '@graphql-hive/router-runtime';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import {
  ROLES,
  UnauthenticatedError,
  createLogger,
  createSubgraphServer,
  identitySignerFrom,
  type BaseContext,
  type Identity,
  type Role,
} from '@onewindow/runtime';
import { createErrorMasker } from '../errors.js';
import { useIdentity } from './useIdentity.js';

/**
 * Test support for the gateway's plugins: Hive's gateway runtime over subgraphs running in this
 * process. Each subgraph is a real one (the runtime's createSubgraphServer: Apollo Server with our
 * error masking and document rules), answering through executeHTTPGraphQLRequest; the gateway
 * reaches them through a custom fetch, so nothing listens on a port.
 */
export interface TestSubgraph {
  name: string;
  /** Federation 2 SDL. */
  typeDefs: DocumentNode;
  resolvers: object;
  /** Apollo Server plugins, to make the subgraph answer as the hub does (errors beside data). */
  plugins?: ApolloServerPlugin<BaseContext>[];
}

/** The fetch a gateway (or a probe) uses to reach subgraphs. */
export type SubgraphFetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface TestGatewayOptions {
  subgraphs: TestSubgraph[];
  /** The plugins under test, made as createGatewayRuntime makes them (from the config context). */
  plugins?: (context: GatewayConfigContext) => GatewayPlugin[];
  /** Hive's JavaScript planner (the default) or its Rust planner. */
  planner?: 'js' | 'rust';
  /** Wraps the fetch that reaches the subgraphs, to make one of them down or slow. */
  network?: (reach: SubgraphFetch) => SubgraphFetch;
  /**
   * Errors go through the gateway's own masker (errors.ts), as in server.ts; `false` leaves the
   * runtime's default masking, to see what a plugin does on its own.
   *
   * @default true
   */
  maskErrors?: boolean;
  /** More of the runtime's options (persistedDocuments, demandControl, …), as server.ts gives them. */
  runtime?: Partial<GatewayConfigSupergraph>;
}

export interface TestResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
}

export interface TestGateway {
  runtime: GatewayRuntime;
  /**
   * Posts a GraphQL request as JSON to /graphql, accepting `application/graphql-response+json`:
   * the GraphQL-over-HTTP media type whose status says whether the request was valid.
   */
  post: (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<TestResponse>;
  dispose: () => Promise<void>;
}

/** Where the gateway finds a test subgraph: a host name that never resolves, as nothing listens. */
export const subgraphUrl = (name: string) => `http://${name}.subgraph.test/graphql`;

const silent = createLogger('test-subgraph', 'silent');

const testCaller: Identity = { sub: 'tester', role: 'supervisor', ip: '127.0.0.1' };

/** A fetch answering each subgraph URL from its server in this process. */
function fetchFrom(servers: Map<string, ApolloServer<BaseContext>>): SubgraphFetch {
  return async (url, init) => {
    const server = servers.get(new URL(url).hostname);
    if (!server) throw new TypeError(`fetch failed: no subgraph at ${url}`);
    const headers = new HeaderMap();
    for (const [name, value] of new Headers(init?.headers)) headers.set(name, value);
    const body = typeof init?.body === 'string' && init.body ? JSON.parse(init.body) : undefined;
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: init?.method ?? 'GET', headers, search: new URL(url).search, body },
      // These subgraphs stand in for ours behind the gateway: the caller is a signed-in one.
      context: async () => ({
        requestId: 'test',
        operationId: 'test',
        clientAddress: '127.0.0.1',
        logger: silent,
        identity: testCaller,
      }),
    });
    if (answer.body.kind !== 'complete') throw new Error('test subgraphs answer in one piece');
    return new Response(answer.body.string, { status: answer.status ?? 200, headers: [...answer.headers] });
  };
}

/** Starts each subgraph's server and returns the fetch that reaches them, and how to stop them. */
async function startSubgraphs(subgraphs: TestSubgraph[]): Promise<{ fetch: SubgraphFetch; stop: () => Promise<void> }> {
  const servers = new Map<string, ApolloServer<BaseContext>>();
  for (const subgraph of subgraphs) {
    const server = createSubgraphServer<BaseContext>({
      ...subgraph,
      logger: silent,
      publicAccess: { fields: [] },
      createContext: (base) => base,
    });
    await server.start();
    servers.set(new URL(subgraphUrl(subgraph.name)).hostname, server);
  }
  return {
    fetch: fetchFrom(servers),
    stop: async () => void (await Promise.all([...servers.values()].map((s) => s.stop()))),
  };
}

/** The supergraph of the test subgraphs, composed as `npm run compose` composes ours. */
function composeTestSupergraph(subgraphs: TestSubgraph[]): string {
  const result = composeServices(subgraphs.map(({ name, typeDefs }) => ({ name, typeDefs, url: subgraphUrl(name) })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

/** Hive's gateway runtime over in-process subgraphs, with the given plugins and nothing else of ours. */
export async function createTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const { subgraphs, plugins = () => [], planner = 'js', network = (reach) => reach, maskErrors = true } = options;
  const running = await startSubgraphs(subgraphs);
  const runtime = createGatewayRuntime({
    supergraph: composeTestSupergraph(subgraphs),
    logging: false,
    ...(maskErrors ? { maskedErrors: { maskError: createErrorMasker(silent) } } : {}),
    ...(planner === 'rust' ? { unifiedGraphHandler: rustPlanner } : {}),
    ...options.runtime,
    plugins: (context) => [useCustomFetch(network(running.fetch)), ...plugins(context)],
  });
  return {
    runtime,
    post: async (query, variables, headers = {}) => {
      const response = await runtime.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as TestResponse['body'] };
    },
    dispose: async () => {
      await runtime.dispose();
      await running.stop();
    },
  };
}

/**
 * The gateway's identity plugin with a stand-in for the identity provider: the bearer token
 * `<role>.<sub>.test` (testToken) is that caller, anything else is refused, and a request without
 * a token is the public, at the address in X-Forwarded-For (else 127.0.0.1).
 */
export async function testIdentity() {
  return useIdentity({
    verifyUserToken: async (token, ip) => {
      const [claimed, sub] = token.split('.');
      const role = ROLES.find((known) => known === claimed);
      if (!role || !sub) throw new UnauthenticatedError('The token is not valid.');
      return { sub, role, ip };
    },
    clientAddress: (_peer, forwardedFor) => forwardedFor ?? '127.0.0.1',
    signer: await identitySignerFrom('gateway', { NODE_ENV: 'test' }),
  });
}

/** The Authorization header testIdentity takes for `role` (and `sub`, `<role>-1` unless given). */
export const testToken = (role: Exclude<Role, 'public'>, sub = `${role}-1`) => ({
  authorization: `Bearer ${role}.${sub}.test`,
});
