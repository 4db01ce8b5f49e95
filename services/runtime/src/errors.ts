import { GraphQLError } from 'graphql';

/**
 * The error codes clients can see in `extensions.code`. Every expected failure carries one of
 * these; anything else is masked as INTERNAL_SERVER_ERROR with no details.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** No identity, or one that is not valid (a token that is forged, altered or expired). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** A valid identity that may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  DEPARTMENT_UNAVAILABLE: 'DEPARTMENT_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_BUSY: 'SERVICE_BUSY',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An expected failure a client may act on. */
export class OnewindowError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class BadUserInputError extends OnewindowError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, extensions);
  }
}

export class ForbiddenError extends OnewindowError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.FORBIDDEN, message, extensions);
  }
}

export class NotFoundError extends OnewindowError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.NOT_FOUND, message, extensions);
  }
}

export class DepartmentUnavailableError extends OnewindowError {
  constructor(department: string, reason: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.DEPARTMENT_UNAVAILABLE, `Department "${department}" did not answer: ${reason}`, {
      ...extensions,
      department,
    });
  }
}

/**
 * What a subgraph says when it cannot use its own database (refused, lost, not accepting
 * connections): unavailable, named as the gateway names a subgraph it cannot reach (the center as
 * `center`). It claims nothing about a write, which may have failed after its commit.
 */
export const databaseUnreachableError = (service: string): OnewindowError =>
  new DepartmentUnavailableError(
    service,
    'it cannot use its database. Try again shortly; a write that carried an idempotency key can be sent again ' +
      'with the same key, and is carried out once.',
    { reason: 'DATABASE_UNREACHABLE' },
  );

// INTERNAL_SERVER_ERROR is ours too, but its message is never shown: Apollo and graphql-yoga give
// that code to any unexpected error, whose message may be a database's.
const clientCodes = new Set<string>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
);
/**
 * Codes graphql-js, Apollo Server and the gateway runtime give to malformed requests (BAD_REQUEST:
 * an unreadable HTTP body or parameters); safe to show as they are.
 */
const requestCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * True when an error code may reach a client with its message: our own codes and the request
 * codes above. Never INTERNAL_SERVER_ERROR or a code we do not know: those are masked.
 */
export function isClientErrorCode(code: unknown): boolean {
  return typeof code === 'string' && (clientCodes.has(code) || requestCodes.has(code));
}

export class ConflictError extends OnewindowError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, extensions);
  }
}

export class InvalidTransitionError extends OnewindowError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.INVALID_TRANSITION, message, extensions);
  }
}
