import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext as ApolloContext } from '@apollo/server';
import { MAX_JSON_DEPTH, nestsDeeperThan, tooDeepMessage } from './json-depth.js';
import { requestIdOf, runWithRequestId } from './request-id.js';
import { runWithIdentityToken } from '../identity/current-identity.js';

export * from './request-id.js';

/** The largest request body a subgraph (or the gateway) reads; a GraphQL request is a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Answers a request that never reached GraphQL with one coded error, as GraphQL servers do. */
export function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Reads a request body whole, or null when it is larger than MAX_BODY_BYTES. */
export function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** How long an idle connection to a subgraph (or to the gateway) stays open. */
const IDLE_CONNECTION_MS = 65_000;

/**
 * How long a request may take to arrive: its headers, and the whole of it. Node's default is
 * 300 s for the whole, so a caller trickling a body a byte at a time held a connection and its
 * buffers for five minutes. Node checks every 30 s, so such a request ends with 408 within 30–60 s.
 * Both count from a request's first byte, not from the end of the one before it on a kept-alive
 * connection. The headers' limit must not be the longer one: Node then swaps the two.
 */
const HEADERS_ARRIVAL_MS = 20_000;
const REQUEST_ARRIVAL_MS = 30_000;

/**
 * Keeps idle connections open longer than any caller does. If a server closes an idle connection
 * first, a request sent at that moment is reset (ECONNRESET); Node's agent, undici and
 * @apollo/gateway's fetcher all give up on an idle connection within 15 s. A request itself must
 * arrive within REQUEST_ARRIVAL_MS.
 */
export function keepIdleConnections(httpServer: Server): void {
  httpServer.keepAliveTimeout = IDLE_CONNECTION_MS;
  httpServer.headersTimeout = HEADERS_ARRIVAL_MS;
  httpServer.requestTimeout = REQUEST_ARRIVAL_MS;
}

/** Request errors that are well-formed GraphQL responses: a document that does not parse or validate. */
const DOCUMENT_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

/**
 * The status to answer with. Apollo Server answers a document that does not parse or validate
 * with 400 whatever the client accepts; the GraphQL-over-HTTP spec (and graphql-http's audits)
 * want 200 when the response is `application/json`, as the gateway answers. 400 stays for
 * `application/graphql-response+json`, for unreadable requests and for variables of the wrong type
 * (the gateway answers those 400 on every planner).
 */
function statusFor(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !/^application\/json/i.test(contentType ?? '')) return status;
  try {
    const errors = (JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] }).errors;
    const codes = errors?.map((error) => error.extensions?.code as string) ?? [];
    return codes.length && codes.every((code) => DOCUMENT_ERRORS.has(code)) ? 200 : status;
  } catch {
    return status;
  }
}

/**
 * The HTTP side of a subgraph: node:http handing each request to Apollo Server, with a JSON body
 * parser and nothing else. Apollo's standalone server also runs CORS, body-parser and
 * finalhandler middleware on every request, about a tenth of a department's CPU per list
 * request on this kind of machine; subgraphs are called by the gateway, the hub and the center,
 * never by browsers, so they need no CORS. Apollo still applies its own checks (methods, content
 * types, no mutations over GET) in executeHTTPGraphQLRequest.
 *
 * Each request is handled under its request ID (the caller's X-Request-ID, or a new one), which
 * the context gets and currentRequestId() finds, so that errors are logged with it.
 */
export interface GraphqlHttpHandlers<TContext, TCaller> {
  /**
   * Decides who is asking before anything else is read: a refusal (a thrown error with a code and
   * an HTTP status, such as a forged identity token) is answered at once. `token` is what calls
   * made while handling the request forward (see current-identity.ts).
   */
  authenticate: (request: IncomingMessage) => Promise<{ caller: TCaller; token?: string }>;
  context: (request: IncomingMessage, requestId: string, caller: TCaller) => Promise<TContext>;
  onUnexpected: (error: unknown, requestId: string) => void;
}

/** An error that says how to answer it: a code and an HTTP status (UnauthenticatedError, say). */
function refusalOf(error: unknown): { status: number; code: string; message: string } | undefined {
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } }).extensions;
  const status = extensions?.http?.status;
  if (typeof extensions?.code !== 'string' || typeof status !== 'number') return undefined;
  return { status, code: extensions.code, message: (error as Error).message };
}

export function graphqlHttpServer<TContext extends ApolloContext, TCaller>(
  server: ApolloServer<TContext>,
  handlers: GraphqlHttpHandlers<TContext, TCaller>,
): Server {
  const httpServer = createServer(graphqlRequestListener(server, handlers));
  keepIdleConnections(httpServer);
  return httpServer;
}

/** The request handling of graphqlHttpServer, for a server of its own or a path of a SubgraphHost. */
export function graphqlRequestListener<TContext extends ApolloContext, TCaller>(
  server: ApolloServer<TContext>,
  handlers: GraphqlHttpHandlers<TContext, TCaller>,
): RequestListener {
  const handle = async (request: IncomingMessage, response: ServerResponse, requestId: string) => {
    let authenticated: { caller: TCaller; token?: string };
    try {
      authenticated = await handlers.authenticate(request);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      request.resume();
      return sendError(response, refusal.status, refusal.code, refusal.message);
    }
    return runWithIdentityToken(authenticated.token, () => respond(request, response, requestId, authenticated.caller));
  };
  const respond = async (request: IncomingMessage, response: ServerResponse, requestId: string, caller: TCaller) => {
    const raw = await readBody(request);
    if (raw === null)
      return sendError(response, 413, 'BAD_REQUEST', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    let body: unknown;
    if (raw.length && /^application\/(graphql-response\+)?json/i.test(request.headers['content-type'] ?? '')) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendError(response, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
      }
      if (nestsDeeperThan(body, MAX_JSON_DEPTH)) return sendError(response, 400, 'BAD_REQUEST', tooDeepMessage);
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = request.url ?? '/';
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (request.method ?? 'GET').toUpperCase(),
        headers,
        search: url.includes('?') ? url.slice(url.indexOf('?')) : '',
        body,
      },
      context: () => handlers.context(request, requestId, caller),
    });
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    if (answer.body.kind === 'complete') {
      response.statusCode = statusFor(answer.status ?? 200, answer.headers.get('content-type'), answer.body.string);
      response.end(answer.body.string);
      return;
    }
    response.statusCode = answer.status ?? 200;
    for await (const chunk of answer.body.asyncIterator) response.write(chunk);
    response.end();
  };
  return (request, response) => {
    const requestId = requestIdOf(request);
    runWithRequestId(requestId, () => handle(request, response, requestId)).catch((error: unknown) => {
      // A client that hung up mid-request is not a failure of ours.
      if (request.destroyed && !request.complete) return;
      handlers.onUnexpected(error, requestId);
      if (!response.headersSent) sendError(response, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else response.destroy();
    });
  };
}
