/**
 * The export's GraphQL operations, run through the gateway runtime itself, in this process: the
 * same identity check, operation limits, rate limit, planning, masking, error codes and audit
 * record as any client's operation. The caller's Authorization header, request ID and
 * X-Forwarded-For go with each, and the caller's connection is the operation's, so the identity and
 * audit plugins see the same client address as for the API. Nothing here calls a department.
 */
import type { IncomingMessage } from 'node:http';
import { ErrorCode, REQUEST_ID_HEADER } from '@onewindow/runtime';
import { isPassedCode } from '../errors.js';
import { CASE_SELECTION, STATS_SELECTION } from './columns.js';

/** An error as a GraphQL response carries it. */
export interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface OperationResult<T> {
  /** The runtime's HTTP status. */
  status: number;
  /** The runtime's Retry-After, when it refused for the rate limit. */
  retryAfter: string | null;
  data: T | null;
  errors: GraphQLErrorJson[];
}

/** The runtime's `fetch` (graphql-yoga's server adapter): a request handled in process, with its server context. */
export type RuntimeFetch = (
  url: string,
  init: RequestInit,
  serverContext: { req: IncomingMessage },
) => Response | Promise<Response>;

/** The operations' name: the gateway's audit records name each page of an export by it. */
export const CASES_OPERATION = 'ExportCases';
export const STATS_OPERATION = 'ExportCaseStats';
export const DEPARTMENTS_OPERATION = 'ExportDepartments';

/** A page of cases; the total only on the first page (each department counts its cases for it). */
export const casesDocument = (withCount: boolean) =>
  `query ${CASES_OPERATION}($filter: CaseFilter, $orderBy: CaseOrder, $first: Int!, $after: String) {
  cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    ${withCount ? 'totalCount ' : ''}incompleteDepartments
    pageInfo { hasNextPage endCursor }
    edges { node { ${CASE_SELECTION} } }
  }
}`;

export const STATS_DOCUMENT = `query ${STATS_OPERATION}($filter: CaseFilter, $groupBy: [CaseStatsDimension!]!) {
  caseStats(filter: $filter, groupBy: $groupBy) { incompleteDepartments rows { ${STATS_SELECTION} } }
}`;

/** The registered departments (public): whom a list without a department filter covers. */
export const DEPARTMENTS_DOCUMENT = `query ${DEPARTMENTS_OPERATION} { departments { code } }`;

/** Headers of the caller's request that an operation run for it carries. */
const PASSED_HEADERS = ['authorization', REQUEST_ID_HEADER, 'x-forwarded-for'];

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** Runs operations for one client request, as that client. */
export function operationRunner(fetch: RuntimeFetch, graphqlEndpoint: string) {
  return async function run<T>(
    request: IncomingMessage,
    document: string,
    variables: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<OperationResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    for (const name of PASSED_HEADERS) {
      const value = header(request, name);
      if (value !== undefined) headers[name] = value;
    }
    const response = await fetch(
      `http://gateway${graphqlEndpoint}`,
      { method: 'POST', headers, body: JSON.stringify({ query: document, variables }), ...(signal ? { signal } : {}) },
      { req: request },
    );
    const text = await response.text();
    let body: { data?: T | null; errors?: GraphQLErrorJson[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = {
        errors: [
          {
            message: 'The gateway answered something that is not GraphQL.',
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ],
      };
    }
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      data: body.data ?? null,
      errors: body.errors ?? [],
    };
  };
}

export const codeOf = (error: GraphQLErrorJson): string => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');

/** Codes of a failure on our side or a department's, not the client's: 502. */
const SERVER_SIDE = new Set<string>([
  ErrorCode.DEPARTMENT_UNAVAILABLE,
  ErrorCode.SERVICE_BUSY,
  ErrorCode.INTERNAL_SERVER_ERROR,
]);

/**
 * The HTTP status of an export that failed before its first row, as the API maps the same errors:
 * the runtime's own 4xx refusal as it is (a bad token's 401, the rate limit's 429, an unreadable
 * request's 400), else UNAUTHENTICATED 401, FORBIDDEN 403, RATE_LIMITED 429, any other error of the
 * client's (bad input, a document refused) 400, and a failure of ours or a department's 502.
 */
export function failureStatus(status: number, errors: readonly GraphQLErrorJson[]): number {
  if (status >= 400 && status < 500) return status;
  const codes = errors.map(codeOf);
  if (codes.includes(ErrorCode.UNAUTHENTICATED)) return 401;
  if (codes.includes(ErrorCode.FORBIDDEN)) return 403;
  if (codes.includes(ErrorCode.RATE_LIMITED)) return 429;
  if (codes.some((code) => isPassedCode(code) && !SERVER_SIDE.has(code))) return 400;
  return 502;
}

/**
 * Whether a result's errors are only the partial-answer kind: each a DEPARTMENT_UNAVAILABLE of a
 * department the answer names as left out. Anything else (a field a department did not complete,
 * a refusal) means the rows cannot be trusted whole.
 */
export function onlyLeftOutDepartments(errors: readonly GraphQLErrorJson[], incomplete: readonly string[]): boolean {
  return errors.every(
    (error) =>
      codeOf(error) === ErrorCode.DEPARTMENT_UNAVAILABLE && incomplete.includes(String(error.extensions?.department)),
  );
}

/** Why an operation failed, in one line for the file and the log: each message with its code. */
export function reasonOf(errors: readonly GraphQLErrorJson[]): string {
  return [...new Set(errors.map((error) => `${error.message} (${codeOf(error)})`))].join('; ');
}
