import { GraphQLError } from 'graphql';
import { ErrorCode, isClientErrorCode, type Logger } from '@onewindow/kit';

/** Codes the gateway runtime gives to a subgraph it could not reach or that answered badly. */
const UNREACHABLE_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);
/** The runtime's code for a request it could not read (bad JSON, wrong method). */
const BAD_REQUEST = 'BAD_REQUEST';

/**
 * The runtime may hand over errors made by another copy of graphql-js, so `instanceof` is not
 * enough: anything shaped like a GraphQLError counts as one.
 */
function asGraphQLError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Error && typeof (error as Partial<GraphQLError>).extensions === 'object') return error as GraphQLError;
  return null;
}

/**
 * What a client sees of an error: our own coded errors pass as they are; a subgraph that did
 * not answer becomes DEPARTMENT_UNAVAILABLE naming it (never the upstream request or a stack);
 * anything else is logged and becomes a bare INTERNAL_SERVER_ERROR.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown): GraphQLError => {
    const graphqlError = asGraphQLError(error);
    const code = graphqlError?.extensions.code;
    if (graphqlError && typeof code === 'string' && UNREACHABLE_CODES.has(code)) {
      const service = String(graphqlError.extensions.serviceName);
      return new GraphQLError(`Service "${service}" did not answer; its data is missing from this result.`, {
        path: graphqlError.path,
        extensions: { code: ErrorCode.DEPARTMENT_UNAVAILABLE, department: service },
      });
    }
    if (graphqlError && (isClientErrorCode(code) || code === BAD_REQUEST) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { request: _request, originalError: _originalError, ...extensions } = graphqlError.extensions as Record<string, unknown>;
      return new GraphQLError(graphqlError.message, { path: graphqlError.path, nodes: graphqlError.nodes, extensions });
    }
    if (code !== ErrorCode.INTERNAL_SERVER_ERROR) logger.error({ err: error }, 'unexpected error');
    return new GraphQLError('Internal server error', { path: graphqlError?.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  };
}
