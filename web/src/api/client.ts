import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { i18n } from '../i18n';
import { currentToken, signOut } from './session';

/** One GraphQL error as the gateway sends it. */
export interface ApiErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; department?: string; [key: string]: unknown };
}

/** A request that got no usable answer: its code (BAD_USER_INPUT, FORBIDDEN, …) and a message for the person. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly errors: ApiErrorEntry[] = [],
  ) {
    super(message);
  }
}

export interface Answer<T> {
  data: T;
  /** Errors that came with the data: parts of the answer are missing. */
  errors: ApiErrorEntry[];
  /** Departments that did not answer (DEPARTMENT_UNAVAILABLE): their numbers are missing, never zero. */
  unavailable: string[];
}

/**
 * Sends one operation of web/src/graphql (typed by codegen against the supergraph) with the
 * signed-in person's token. Resolves with the data and what is missing from it; rejects with an
 * ApiError when there is no data at all.
 */
export async function request<TResult, TVariables>(
  document: DocumentTypeDecoration<TResult, TVariables> & { toString(): string },
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<Answer<TResult>> {
  return send<TResult>(document.toString(), variables ?? {});
}

/**
 * Sends an operation written for one department's namespace (`{ housing { … } }`), which no
 * operation file can hold for departments the registry adds later. Its caller types the answer.
 */
export function requestInNamespace<TResult>(
  query: string,
  variables: Record<string, unknown>,
): Promise<Answer<TResult>> {
  return send<TResult>(query, variables);
}

async function send<TResult>(query: string, variables: unknown): Promise<Answer<TResult>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The hub cannot be reached. Check the network and try again.', 'NETWORK');
  }
  let body: { data?: TResult | null; errors?: ApiErrorEntry[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The hub answered ${response.status} without a readable body.`, 'INTERNAL_SERVER_ERROR');
  }
  const errors = body.errors ?? [];
  // A token the gateway no longer takes (expired, revoked): the person is signed out, and the
  // router sends them to sign in and back.
  if (token && (response.status === 401 || errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'))) signOut();
  // A write that was refused (or whose outcome is unknown, or whose answer was lost after it was
  // taken) answers its own root field null with its error, and leaves the others of the request in
  // place: for the page, that write failed, and the error says how.
  const failedWrite = /^\s*mutation\b/.test(query)
    ? errors.find((e) => e.path?.length && (body.data as Record<string, unknown> | null)?.[String(e.path[0])] == null)
    : undefined;
  if (body.data === null || body.data === undefined || failedWrite) {
    const first = failedWrite ?? errors[0];
    throw new ApiError(
      first?.message ?? `The hub answered ${response.status}.`,
      first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      errors,
    );
  }
  const unavailable = [
    ...new Set(
      errors
        .filter((e) => e.extensions?.code === 'DEPARTMENT_UNAVAILABLE' && typeof e.extensions.department === 'string')
        .map((e) => e.extensions!.department as string),
    ),
  ];
  return { data: body.data, errors, unavailable };
}

/**
 * The message a person reads for a failed request: what its code means in their language (the
 * API's own messages are English), followed by the API's words, which name what was wrong.
 */
export function messageOf(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const key = `apiError.${error.code}`;
  const { t, te } = i18n.global;
  return te(key) ? t('common.apiErrorDetail', { summary: t(key), detail: error.message }) : error.message;
}
