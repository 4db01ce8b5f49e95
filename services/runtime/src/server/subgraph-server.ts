import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { Kind, type DocumentNode, type GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Logger } from '../logger.js';
import { ErrorCode, isClientErrorCode } from '../errors.js';
import { mergeResolvers } from './merge-resolvers.js';
import { checkEntityRepresentations } from './entity-representations.js';
import { currentRequestId, graphqlRequestListener, keepIdleConnections, operationIdOf } from './http-transport.js';
import { shownHost, type SubgraphHost } from './subgraph-host.js';
import { MAX_DOCUMENT_TOKENS, subgraphValidationRules } from './document-rules.js';
import { textInputPlugin } from './text-input.js';
import { publicAccessPlugin, type PublicAccess } from './public-access.js';
import { IDENTITY_HEADER, type IdentityVerifier } from '../identity/identity-token.js';
import { publicIdentity, type Identity } from '../identity/roles.js';
import { answerProbe, setDatabaseCheck, setServiceState } from '../observability/probes.js';
import { startTracing } from '../observability/tracing.js';
import { errorMetricsPlugin, measuredListener } from '../observability/request-metrics.js';

export type { PublicAccess } from './public-access.js';

// The gateway parses and validates by the same rules (the kit's index exports this module).
export * from './document-rules.js';

/** What every service's per-request context carries. */
export interface BaseContext {
  requestId: string;
  /** The client operation this request serves (operationIdOf): the request ID unless the gateway named it. */
  operationId: string;
  logger: Logger;
  /**
   * Who is asking, verified: the identity token the gateway signed (or a service's own), else the
   * public. Every decision about what a caller may read or do is taken on this, never on an argument.
   */
  identity: Identity;
  /**
   * The client's address for rate limits: the one the gateway saw (signed in the identity token),
   * else this connection's peer. A forwarded-for header is never trusted.
   */
  clientAddress: string;
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  // Typed resolvers come from GraphQL Code Generator; the map is checked against the SDL at start.
  resolvers: object;
  logger: Logger;
  /** Extra Apollo Server plugins. */
  plugins?: ApolloServerPlugin<TContext>[];
  /** What the public (a caller without an identity token) may use; nothing else is served to it. */
  publicAccess: PublicAccess;
  /**
   * Turns an unexpected error the service understands (its database out of reach) into one its
   * client can act on; anything it leaves undefined is masked as INTERNAL_SERVER_ERROR.
   */
  explainError?: (error: unknown) => GraphQLError | undefined;
  /** Asks the service's database something trivial, for `/readyz`; throws when it cannot. */
  databaseCheck?: () => Promise<unknown>;
  /** Builds the context of one request: loaders and the like. Called once per request. */
  createContext: (base: BaseContext) => TContext | Promise<TContext>;
}

export interface RunningServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4012/graphql. */
  url: string;
  stop: () => Promise<void>;
}

/**
 * Hides unexpected errors: clients see a code and a plain message, never internals. Only our own
 * codes and the request codes pass (isClientErrorCode); anything else, INTERNAL_SERVER_ERROR
 * included (Apollo gives that code to whatever a resolver throws, a database error say), is
 * logged with its request ID and sent as a bare 'Internal server error', unless `explainError` knows it.
 */
export function maskUnexpectedErrors(logger: Logger, explainError?: (error: unknown) => GraphQLError | undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isClientErrorCode(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const explained = explainError?.(error);
    if (explained) {
      logger.warn({ err: error, path: formatted.path, requestId: currentRequestId() }, explained.message);
      const { message, extensions } = explained;
      return { message, path: formatted.path, locations: formatted.locations, extensions };
    }
    logger.error({ err: error, path: formatted.path, requestId: currentRequestId() }, 'unexpected error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function requestLogPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = performance.now();
      return {
        async willSendResponse({ errors }) {
          contextValue.logger.debug(
            {
              operation: request.operationName,
              ms: Math.round(performance.now() - started),
              errors: errors?.length ?? 0,
            },
            'request',
          );
        },
      };
    },
  };
}

/** Scalars with a standard implementation, attached to every schema that declares them. */
const standardScalars: Record<string, unknown> = { DateTime: DateTimeResolver };

function declaredScalars(typeDefs: DocumentNode): Record<string, unknown> {
  const declared = typeDefs.definitions.flatMap((d) => (d.kind === Kind.SCALAR_TYPE_DEFINITION ? [d.name.value] : []));
  return Object.fromEntries(
    declared.filter((name) => name in standardScalars).map((name) => [name, standardScalars[name]]),
  );
}

/** An Apollo subgraph server for the given SDL and resolvers (not yet listening). */
export function createSubgraphServer<TContext extends BaseContext>(options: SubgraphServerOptions<TContext>) {
  const resolvers = mergeResolvers(declaredScalars(options.typeDefs), options.resolvers);
  const schema = buildSubgraphSchema([
    { typeDefs: options.typeDefs, resolvers: resolvers as GraphQLResolverMap<TContext> },
  ]);
  checkEntityRepresentations(schema, options.typeDefs);
  return new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // runUntilSignalled stops the whole service (its database, sweeps and audit trail too) on
    // SIGINT and SIGTERM; Apollo's own handlers would stop the server alone, once per subgraph.
    stopOnTerminationSignals: false,
    formatError: maskUnexpectedErrors(options.logger, options.explainError),
    validationRules: subgraphValidationRules,
    parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
    // A GET must carry a header a cross-site page cannot send without a preflight. Callers (the
    // gateway, the hub, the center) POST JSON with an identity token, which a browser cannot forge.
    csrfPrevention: true,
    // Inline tracing is for Apollo's cloud reporting, which a county's offline hub never uses, and
    // cache-control hints are unused here but cost a hook on every field of every response.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin() as ApolloServerPlugin<TContext>,
      errorMetricsPlugin<TContext>(options.name),
      publicAccessPlugin<TContext>(options.publicAccess),
      textInputPlugin<TContext>(),
      ...(options.plugins ?? []),
    ],
  });
}

/** Where a subgraph listens: a host and port of its own, or a path of a shared SubgraphHost. */
export type SubgraphPlace = { host: string; port: number } | { sharedHost: SubgraphHost };

/**
 * Starts a subgraph server on host:port (port 0 picks a free one), or at /<name>/graphql of a
 * shared SubgraphHost, and returns its URL.
 */
export async function listenSubgraph<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext> & {
    /** Checks the identity tokens callers send (IDENTITY_HEADER); a request without one is the public. */
    identity: IdentityVerifier;
  },
  place: SubgraphPlace,
): Promise<RunningServer> {
  startTracing(options.name);
  const server = createSubgraphServer(options);
  const graphql = graphqlRequestListener(server, {
    authenticate: async (request: IncomingMessage) => {
      const header = request.headers[IDENTITY_HEADER];
      const token = Array.isArray(header) ? header[0] : header;
      if (!token) return { caller: publicIdentity(request.socket.remoteAddress ?? 'unknown') };
      return { caller: await options.identity.verify(token), token };
    },
    context: async (request, requestId, identity) =>
      options.createContext({
        requestId,
        operationId: operationIdOf(request, requestId),
        identity,
        clientAddress: identity.ip,
        logger: options.logger.child({ requestId }),
      }),
    onUnexpected: (error, requestId) =>
      options.logger.error({ err: error, requestId }, 'request failed outside GraphQL'),
  });
  const listener = measuredListener(options.name, graphql);
  setServiceState(options.name, 'starting');
  if (options.databaseCheck) setDatabaseCheck(options.name, options.databaseCheck);
  if ('sharedHost' in place) {
    // The host drains its connections when it closes; this subgraph only stops answering.
    await server.start();
    const url = place.sharedHost.mount(options.name, listener);
    setServiceState(options.name, 'ready');
    options.logger.info({ url }, `${options.name} listening`);
    return {
      url,
      stop: async () => {
        setServiceState(options.name, 'stopping');
        place.sharedHost.unmount(options.name);
        await server.stop();
      },
    };
  }
  // /livez, /readyz and /metrics first (observability/probes.ts); every other path is GraphQL.
  const httpServer = createServer((request, response) => {
    if (!answerProbe(request, response)) listener(request, response);
  });
  keepIdleConnections(httpServer);
  // On stop, in-flight requests finish and idle connections close, as Apollo's standalone server does.
  server.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer }));
  await server.start();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(place.port, place.host, resolve);
  });
  const { port: actualPort } = httpServer.address() as AddressInfo;
  // Every path answers GraphQL; /graphql is the one the registry and the gateway use.
  const endpoint = `http://${shownHost(place.host)}:${actualPort}/graphql`;
  setServiceState(options.name, 'ready');
  options.logger.info({ url: endpoint }, `${options.name} listening`);
  return {
    url: endpoint,
    stop: async () => {
      setServiceState(options.name, 'stopping');
      await server.stop();
    },
  };
}
