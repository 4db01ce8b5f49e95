import { GraphQLError } from 'graphql';
import { DepartmentUnavailableError, ErrorCode, OnewindowError, isClientErrorCode } from '../errors.js';

/** A GraphQL response as it comes over the wire. */
export interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** What a call came to: the data, or the one error that stands for its failure. */
export type CallResult<TData> = { ok: true; data: TData } | { ok: false; error: GraphQLError };

/** What a write carries so that its caller can be told how to learn an unknown outcome. */
export interface WriteOptions {
  idempotencyKey: string;
}

/** How a call ended before the mapping: what the other service said, or why it said nothing. */
export type CallEnding<TData> =
  { kind: 'answered'; response: GraphQLResponse<TData> } | { kind: 'silent'; reason: string; reached: boolean };

/**
 * THE mapping of every inter-service call's ending to its result, so that the hub, the center and
 * whoever comes next tell failures apart the same way:
 * - no usable answer (unreachable, timed out, not JSON, no URL) is DEPARTMENT_UNAVAILABLE naming
 *   the service;
 * - an error the service meant for its client (a coded one: NOT_FOUND, BAD_USER_INPUT, CONFLICT,
 *   INVALID_TRANSITION, or a DEPARTMENT_UNAVAILABLE of its own naming another department) is passed
 *   on with its code, message and extensions; the called service is named unless the error names
 *   a department itself;
 * - an internal error, or an answer with neither data nor errors, is DEPARTMENT_UNAVAILABLE: the
 *   service is broken, not the request.
 * The first error decides: a department's nullable field that failed comes back as null data plus
 * an error, and reading the null would turn a CONFLICT into NOT_FOUND.
 */
export function settle<TData>(service: string, ending: CallEnding<TData>, write?: WriteOptions): CallResult<TData> {
  if (ending.kind === 'silent') return { ok: false, error: unavailable(service, ending.reason, ending.reached, write) };
  const { response } = ending;
  const first = response.errors?.[0];
  if (first) {
    const code = first.extensions?.code;
    if (isClientErrorCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const extensions: Record<string, unknown> = { department: service, ...first.extensions };
      // A department that says it is unavailable (its database out of reach) may have failed after
      // its commit: a write's outcome is unknown unless it says otherwise.
      if (write && code === ErrorCode.DEPARTMENT_UNAVAILABLE && extensions.outcome === undefined)
        Object.assign(extensions, { outcome: 'UNKNOWN', idempotencyKey: write.idempotencyKey });
      return { ok: false, error: new GraphQLError(first.message, { extensions }) };
    }
    return { ok: false, error: unavailable(service, 'it answered with an internal error', true, write) };
  }
  if (response.data == null) return { ok: false, error: unavailable(service, 'it answered with no data', true, write) };
  return { ok: true, data: response.data };
}

/**
 * DEPARTMENT_UNAVAILABLE, told honestly for a write: one that reached the service may have been
 * committed even though no answer came back, and only a retry with the same idempotency key (which
 * the service answers with the first result) can tell.
 */
function unavailable(service: string, reason: string, reached: boolean, write?: WriteOptions): OnewindowError {
  if (!write) return new DepartmentUnavailableError(service, reason);
  const { idempotencyKey } = write;
  if (!reached) {
    return new OnewindowError(
      ErrorCode.DEPARTMENT_UNAVAILABLE,
      `Department "${service}" did not answer (${reason}); the write did not reach it and was not applied. ` +
        'It can be sent again.',
      { department: service, outcome: 'NOT_APPLIED', idempotencyKey },
    );
  }
  return new OnewindowError(
    ErrorCode.DEPARTMENT_UNAVAILABLE,
    `Department "${service}" received the write but gave no answer (${reason}): its outcome is unknown, and it ` +
      'may have been committed. Retry with the same idempotencyKey: the department then answers with the committed ' +
      'result, or carries the write out once.',
    { department: service, outcome: 'UNKNOWN', idempotencyKey },
  );
}
