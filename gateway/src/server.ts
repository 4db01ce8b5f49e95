import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler as rustPlanner } from '@graphql-hive/router-runtime';
import { Logger as HiveLogger } from '@graphql-hive/logger';
import { departments } from '@onewindow/schema';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import {
  AuditTrail,
  IDENTITY_HEADER,
  OPERATION_ID_HEADER,
  auditAnchorFile,
  auditKeyFrom,
  identitySignerFrom,
  keepIdleConnections,
  MAX_BODY_BYTES,
  REQUEST_ID_HEADER,
  createLogger,
  readBody,
  requestIdOf,
  runWithRequestId,
  sendError,
  type RunningServer,
  answerProbe,
  measuredListener,
  setServiceState,
  startTracing,
} from '@onewindow/runtime';
import { GatewayLogWriter } from './log-writer.js';
import { loadGatewayEnv } from './env.js';
import { CSRF_HEADERS, createErrorMasker } from './errors.js';
import { useErrorCodes } from './plugins/useErrorCodes.js';
import { useSubgraphTimeout } from './plugins/useSubgraphTimeout.js';
import { usePartialResults } from './plugins/usePartialResults.js';
import { useExecutionData } from './plugins/useExecutionData.js';
import { useDocumentRules } from './plugins/useDocumentRules.js';
import { useSubgraphHealth } from './plugins/useSubgraphHealth.js';
import { useSubgraphStatus } from './plugins/useSubgraphStatus.js';
import { loadSupergraph } from './supergraph.js';
import { useIdentity } from './plugins/useIdentity.js';
import { createUserTokenVerifier } from './identity/user-tokens.js';
import { clientAddressResolver } from './identity/client-address.js';
import { useOperationLimits } from './plugins/useOperationLimits.js';
import { useOperationCost } from './plugins/useOperationCost.js';
import { useRateLimit } from './plugins/useRateLimit.js';
import { useAudit } from './plugins/useAudit.js';
import { useWriteOutcome } from './plugins/useWriteOutcome.js';
import { useAuditRecords } from './plugins/useAuditRecords.js';
import { loadTrustedDocuments, persistedDocumentsOption } from './trusted-documents.js';
import { webRoutes } from './web/web-routes.js';
import { openGatewayState } from './state/gateway-state.js';
import { createExportHandler } from './export/handler.js';
import { operationIds } from './operation-ids.js';

/** How long requests in flight may take to finish when the gateway stops. */
const DRAIN_MS = 10_000;

/** The header that says who is asking; requests differing in it are never deduplicated. */
const AUTHORIZATION = 'authorization';
const GRAPHQL_ENDPOINT = '/graphql';

export interface RunningGateway extends RunningServer {
  /** The gateway's base URL, e.g. http://127.0.0.1:4000 (GraphQL at /graphql, health at /health). */
  baseUrl: string;
}

/**
 * Starts the gateway: the Hive Gateway runtime serving the committed supergraph at /graphql
 * (with its built-in GraphiQL, which needs no CDN), and /health (plugins/useSubgraphHealth.ts),
 * which answers 200 when every subgraph answers and 503 naming the ones that don't.
 */
export async function startGateway(env: Record<string, string | undefined> = process.env): Promise<RunningGateway> {
  const config = loadGatewayEnv(env);
  startTracing('gateway', env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const supergraph = loadSupergraph(config.SUPERGRAPH_PATH, config.subgraphUrls);
  const verifyUserToken = createUserTokenVerifier(config);
  const clientAddress = clientAddressResolver(config.TRUSTED_PROXIES);
  const identity = useIdentity({
    verifyUserToken,
    clientAddress,
    signer: await identitySignerFrom('gateway', config),
  });
  const operationIdFor = operationIds();
  // The audit chain and the rate-limit counts: this gateway's own, or shared by the replicas
  // (GATEWAY_STATE_URL). The chain is hash-chained either way, its anchor in DATA_DIR.
  const state = await openGatewayState(config, logger);
  logger.info({ state: state.kind }, 'gateway state opened');
  const trail = new AuditTrail({
    key: auditKeyFrom(config),
    applicantSecret: config.APPLICANT_ID_SECRET,
    transaction: state.auditTransaction,
    anchorFile: auditAnchorFile(config.DATA_DIR, 'gateway'),
    logger,
  });
  const record = trail.record.bind(trail);
  const gateway = createGatewayRuntime({
    supergraph,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    // The runtime's own GraphiQL loads from a CDN; this one is a single self-contained page,
    // because the center's network may not reach the internet.
    renderGraphiQL,
    graphiql: config.GRAPHIQL && {
      title: 'onewindow GraphiQL',
      defaultQuery: '{ departments { code name openCases overdueCases itemCount } }',
    },
    // The public may not list the schema; GraphiQL's documentation needs a signed-in caller's token.
    disableIntrospection: {
      disableIf: ({ context }) => (identity.identityOf(context.request)?.role ?? 'public') === 'public',
    },
    // A browser page of another site gets no access unless its origin is listed.
    cors: config.CORS_ORIGINS.length
      ? {
          origin: config.CORS_ORIGINS,
          credentials: true,
          methods: ['GET', 'POST'],
          allowedHeaders: ['authorization', 'content-type', REQUEST_ID_HEADER, ...CSRF_HEADERS],
          exposedHeaders: [REQUEST_ID_HEADER],
        }
      : false,
    // A GET, a form or a multipart post is run only with one of these headers (a JSON post needs none).
    csrfPrevention: { requestHeaders: CSRF_HEADERS },
    persistedDocuments: persistedDocumentsOption(
      loadTrustedDocuments(),
      config.PERSISTED_ONLY_ROLES,
      identity.identityOf,
    ),
    // Each subgraph request's estimated cost, added up as the plan runs; useOperationCost has
    // already refused an operation whose whole estimate is over the same limit.
    demandControl: { maxCost: config.MAX_COST, listSize: config.COST_LIST_SIZE, includeExtensionMetadata: false },
    maskedErrors: { maskError: createErrorMasker(logger) },
    ...(config.GATEWAY_PLANNER === 'rust' ? { unifiedGraphHandler: rustPlanner } : {}),
    // Only the Authorization header counts toward "the same request": two users never share an answer.
    inboundInflightRequestDeduplication: config.GATEWAY_DEDUPLICATE
      ? { shouldIncludeHeader: (name) => name.toLowerCase() === AUTHORIZATION }
      : false,
    // Subgraphs learn who asks from the gateway's signed identity token alone: the client's own
    // headers (its bearer token, cookies, X-Forwarded-For) never reach them. The token also keys
    // the runtime's merging of identical subgraph calls, so one caller's answer is never another's.
    // The operation ID tells the hub which calls one client operation made (its call budget).
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request }) => ({
        [IDENTITY_HEADER]: await identity.identityTokenFor(request),
        [OPERATION_ID_HEADER]: operationIdFor(request),
      }),
    },
    // The runtime also merges identical subgraph calls in flight by default; off means off.
    ...(config.GATEWAY_DEDUPLICATE
      ? {}
      : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
    plugins: ({ fetch }) => [
      identity.plugin,
      useRateLimit({
        perMinute: config.RATE_LIMIT_PER_MINUTE,
        publicPerMinute: config.RATE_LIMIT_PUBLIC_PER_MINUTE,
        identityOf: identity.identityOf,
        limiter: state.limiter,
      }),
      useSubgraphHealth({ subgraphUrls: config.subgraphUrls, timeoutMs: config.HEALTH_TIMEOUT_MS, fetch }),
      useSubgraphStatus({ subgraphUrls: config.subgraphUrls, timeoutMs: config.HEALTH_TIMEOUT_MS, fetch }),
      useAuditRecords({
        read: (after, first) => state.readAudit(after + 1, first),
        verifyUserToken,
        clientAddress,
        record,
      }),
      useDocumentRules({ maxTokens: config.MAX_TOKENS }),
      useOperationLimits({
        maxDepth: config.MAX_DEPTH,
        maxAliases: config.MAX_ALIASES,
        maxRootFields: config.MAX_ROOT_FIELDS,
      }),
      useOperationCost({ maxCost: config.MAX_COST, listSize: config.COST_LIST_SIZE }),
      useExecutionData(),
      usePartialResults(),
      useWriteOutcome(),
      useErrorCodes(),
      useSubgraphTimeout({
        departments: new Set(departments.map((d) => d.code)),
        departmentReadMs: config.DEPARTMENT_READ_TIMEOUT_MS,
        otherMs: config.SUBGRAPH_TIMEOUT_MS,
      }),
      // Last, so it records the result as the client gets it.
      useAudit({
        record,
        identityOf: identity.identityOf,
        clientAddress,
        graphqlEndpoint: GRAPHQL_ENDPOINT,
        variablesKey: auditKeyFrom(config),
        logger,
      }),
    ],
    // Hive's own log lines go through our logger: JSON like every other service's, clients' errors at debug.
    logging:
      config.LOG_LEVEL === 'silent'
        ? false
        : new HiveLogger({ level: 'warn', writers: [new GatewayLogWriter(logger)] }),
  });

  // The analysts' CSV and XLSX export (export/): its operations run through the runtime above, in process.
  const exportHandler = createExportHandler({ gateway, graphqlEndpoint: GRAPHQL_ENDPOINT, logger });

  // The web front (web/), on the same port as the API: same origin, so no CORS and one certificate.
  const web = webRoutes({
    distDir: config.WEB_DIST_DIR,
    developmentLogin: !config.AUTH_JWKS_URL && !config.AUTH_JWKS_FILE && config.NODE_ENV !== 'production',
    loginUrl: config.WEB_LOGIN_URL,
    graphiql: config.GRAPHIQL,
  });

  const server = createServer(
    measuredListener('gateway', (request: IncomingMessage, response: ServerResponse) => {
      // /livez, /readyz and /metrics, before anything else (no identity, no body).
      if (answerProbe(request, response)) return;
      // The subgraphs' body limit, so a client's oversized request is its own 413, not a subgraph failing.
      if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
        request.resume();
        sendError(response, 413, 'BAD_REQUEST', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
        return;
      }
      // The runtime reads a body as sent: an encoded one (gzip, br) would be read as if it were not.
      const encoding = request.headers['content-encoding']?.trim().toLowerCase();
      if (encoding && encoding !== 'identity') {
        request.resume();
        sendError(response, 415, 'BAD_REQUEST', `The request body is encoded (${encoding}); send it unencoded.`);
        return;
      }
      // One request ID: the runtime takes it from the header (and sends it to the subgraphs and back
      // to the client), and the error masker finds it to log an unexpected error with it.
      const requestId = requestIdOf(request);
      request.headers[REQUEST_ID_HEADER] = requestId;
      void runWithRequestId(requestId, async () => {
        // A body sent in chunks declares no length, so the check above cannot see its size: read it
        // here within the limit and hand it over whole (the runtime's Node adapter takes a read body).
        if (request.headers['content-length'] === undefined && request.method !== 'GET' && request.method !== 'HEAD') {
          const body = await readBody(request).catch(() => undefined);
          if (body === undefined) {
            response.destroy(); // the client broke off its own request
            return;
          }
          if (body === null) {
            sendError(response, 413, 'BAD_REQUEST', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
            return;
          }
          Object.assign(request, { body });
        }
        if (await web(request, response)) return;
        if (await exportHandler(request, response)) return;
        await gateway(request, response);
      });
    }),
  );
  keepIdleConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${config.HOST}:${port}`;
  setServiceState('gateway', 'ready');
  logger.info({ url: `${baseUrl}/graphql` }, 'gateway listening');
  return {
    url: `${baseUrl}/graphql`,
    baseUrl,
    stop: async () => {
      // Drain: /readyz says so at once (a load balancer stops sending), no new connection is
      // taken, idle ones close, and requests in flight may finish within DRAIN_MS; then the rest go.
      setServiceState('gateway', 'stopping');
      await new Promise<void>((resolve) => {
        const cutOff = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
        // A kept-alive connection whose request has just finished goes as soon as it is idle.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearTimeout(cutOff);
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      });
      await gateway.dispose();
      await trail.close();
      await state.close();
    },
  };
}
