import { GraphQLError } from 'graphql';
import { ErrorCode, currentRequestId, isClientErrorCode, type Logger } from '@onewindow/runtime';
import { SUBGRAPH_TIMED_OUT } from './plugins/useSubgraphTimeout.js';

/** Codes for a subgraph the gateway could not reach, that answered badly or too late (useSubgraphTimeout). */
const UNREACHABLE_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR', SUBGRAPH_TIMED_OUT]);
/**
 * Headers any of which lets a GET or a form post through CSRF prevention: a page on another site
 * cannot send them without a CORS preflight, which it fails. Ours, and the two Apollo Client sends.
 */
export const CSRF_HEADERS = ['x-graphql-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'];
/** The runtime's words for a GET or form post refused by CSRF prevention, which name no header. */
const CSRF_REFUSAL = /^Required CSRF header/;

/** The runtime's code for a request it could not read (bad JSON, wrong method). */
const BAD_REQUEST = 'BAD_REQUEST';

/**
 * The gateway's own refusals, which the subgraphs never give: an operation estimated too costly
 * (ours, and the runtime's demandControl, whose list-size directives can also be misused:
 * COST_QUERY_PARSE_FAILURE) and a document that is not a trusted one (trusted-documents.ts).
 * PERSISTED_QUERY_NOT_FOUND is a request code of the runtime's already.
 */
const GATEWAY_CODES = new Set(['COST_ESTIMATED_TOO_EXPENSIVE', 'COST_QUERY_PARSE_FAILURE', 'PERSISTED_QUERY_ONLY']);

/** Whether an error code reaches a gateway's client with its message: the runtime's, and the gateway's own. */
export const isPassedCode = (code: unknown) =>
  isClientErrorCode(code) || (typeof code === 'string' && GATEWAY_CODES.has(code));

/**
 * The code of a refusal the runtime or one of its plugins gives with an HTTP status but no code:
 * a 401 (a token not accepted), a 403 (CSRF prevention: a GET or form post without the header),
 * a 429; any other 4xx is a request the gateway could not read.
 */
function codeForStatus(status: number): string | undefined {
  if (status === 401) return ErrorCode.UNAUTHENTICATED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 429) return ErrorCode.RATE_LIMITED;
  return status >= 400 && status < 500 ? BAD_REQUEST : undefined;
}

interface HttpExtension {
  status?: number;
  spec?: boolean;
}

/**
 * The runtime may hand over errors made by another copy of graphql-js, so `instanceof` is not
 * enough: anything shaped like a GraphQLError counts as one.
 */
function asGraphQLError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Error && typeof (error as Partial<GraphQLError>).extensions === 'object')
    return error as GraphQLError;
  return null;
}

/** graphql-js words every error about a variable's value this way. */
export const isBadVariableMessage = (message: unknown) => typeof message === 'string' && /^Variable "\$/.test(message);
const isBadVariable = (error: GraphQLError) => isBadVariableMessage(error.message);

/** The code a request error without one should carry: bad variables are the client's input. */
function codeForRequestError(error: GraphQLError, status: number | undefined): string | undefined {
  if (error.extensions.code !== undefined) return undefined;
  if (isBadVariable(error)) return ErrorCode.BAD_USER_INPUT;
  return status === undefined ? undefined : codeForStatus(status);
}

/**
 * Request errors as the client should see them. The JavaScript planner reports variables that do
 * not fit their types with HTTP status 400 but no code; the Rust planner with a code but no
 * status, which the runtime then answers with 500. Each gets what it lacks, so every error has a
 * code and bad variables are a 400 on either planner.
 */
export function withRequestErrorCode(error: GraphQLError): GraphQLError {
  const http = error.extensions.http as { status?: number } | undefined;
  const code = codeForRequestError(error, http?.status);
  const needsStatus = isBadVariable(error) && http?.status === undefined;
  if (!code && !needsStatus) return error;
  const message = CSRF_REFUSAL.test(error.message)
    ? `A GET or a form post must send the header ${CSRF_HEADERS[0]} (any value): it proves the request does not come from another site's page (CSRF prevention).`
    : error.message;
  return new GraphQLError(message, {
    nodes: error.nodes,
    path: error.path,
    extensions: {
      ...error.extensions,
      ...(code ? { code } : {}),
      ...(needsStatus ? { http: { ...http, status: 400 } } : {}),
    },
  });
}

/**
 * The extensions a client error is sent with: never the runtime's `originalError` (the JSON
 * parser's own message, say) or the upstream `request`. A request the runtime could not read
 * (BAD_REQUEST) loses its `http.spec` mark: graphql-yoga answers such a "spec" error with 200
 * under `application/json` when no error carries an `originalError`, and it would carry none
 * once stripped, but a body that is not JSON must be a 400 (the GraphQL-over-HTTP spec).
 */
function clientExtensions(extensions: Record<string, unknown>): Record<string, unknown> {
  const { request: _request, originalError: _originalError, ...rest } = extensions;
  const http = rest.http as HttpExtension | undefined;
  if (rest.code !== BAD_REQUEST || !http?.spec) return rest;
  const { spec: _spec, ...status } = http;
  return { ...rest, http: status };
}

/**
 * What a client sees of an error: our own coded errors and the gateway's refusals pass as they
 * are; a subgraph that did not answer becomes DEPARTMENT_UNAVAILABLE naming it (never the
 * upstream request or a stack); anything else is logged with its request ID and becomes a bare
 * INTERNAL_SERVER_ERROR.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown): GraphQLError => {
    const raw = asGraphQLError(error);
    const graphqlError = raw && withRequestErrorCode(raw);
    const code = graphqlError?.extensions.code;
    if (graphqlError && typeof code === 'string' && UNREACHABLE_CODES.has(code)) {
      const service = String(graphqlError.extensions.serviceName);
      // A write's outcome (useWriteOutcome) stays: it tells the client whether to write again.
      const { outcome } = graphqlError.extensions;
      return new GraphQLError(`Service "${service}" did not answer; its data is missing from this result.`, {
        path: graphqlError.path,
        extensions: { code: ErrorCode.DEPARTMENT_UNAVAILABLE, department: service, ...(outcome ? { outcome } : {}) },
      });
    }
    if (graphqlError && isPassedCode(code)) {
      const extensions = clientExtensions(graphqlError.extensions as Record<string, unknown>);
      return new GraphQLError(graphqlError.message, { path: graphqlError.path, nodes: graphqlError.nodes, extensions });
    }
    logger.error({ err: error, requestId: currentRequestId() }, 'unexpected error');
    return new GraphQLError('Internal server error', {
      path: graphqlError?.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
  };
}
