/**
 * Requests for the security tests: a raw POST that keeps whatever the server answered (status,
 * headers, a body that may not be JSON), and the checks every refusal test makes: refused with
 * this code, and the service still answers the next valid request.
 */
import { expect } from 'vitest';
import type { GraphQLResult } from './graphql.js';

export interface Answer<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: GraphQLResult<T>;
  /** The body as sent, when it was not JSON. */
  text: string;
}

/** Sends `init` to `url` and reads the answer whatever it is. */
export async function send<T = Record<string, any>>(url: string, init: RequestInit = {}): Promise<Answer<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: GraphQLResult<T> = {};
  try {
    body = JSON.parse(text) as GraphQLResult<T>;
  } catch {
    // Not JSON: `text` has it.
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** POSTs one GraphQL request with JSON and the given headers. */
export function postGraphQL<T = Record<string, any>>(
  url: string,
  query: string,
  headers: Record<string, string> = {},
  variables: Record<string, unknown> = {},
): Promise<Answer<T>> {
  return send<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

/** The codes of an answer's errors. */
export const codesOf = (answer: { body: GraphQLResult }): unknown[] =>
  (answer.body.errors ?? []).map((error) => error.extensions?.code);

/** The value at `path` in `data` (undefined past a missing or null step). */
export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/**
 * The request was refused with `code` and what it asked was not answered: each such error's field
 * (its `path`) holds no value, and an error without a path (the whole request refused) comes with
 * no data. `status`, when given, is the HTTP status it must have come with.
 */
export function expectRefused(answer: Answer, code: string, status?: number): void {
  const summary = JSON.stringify({ status: answer.status, body: answer.body }).slice(0, 600);
  const refusals = (answer.body.errors ?? []).filter((error) => error.extensions?.code === code);
  expect(refusals.length, `expected ${code}: ${summary}`).toBeGreaterThan(0);
  for (const refusal of refusals) {
    if (refusal.path) expect(valueAt(answer.body.data, refusal.path) ?? null, summary).toBeNull();
    else expect(answer.body.data ?? null, summary).toBeNull();
  }
  if (status !== undefined) expect(answer.status, summary).toBe(status);
}

/** The request succeeded: no errors, and data. Returns the data. */
export function expectAnswered<T>(answer: Answer<T>): T {
  const summary = JSON.stringify({ status: answer.status, body: answer.body }).slice(0, 600);
  expect(answer.body.errors ?? [], summary).toEqual([]);
  expect(answer.status, summary).toBe(200);
  expect(answer.body.data, summary).toBeTruthy();
  return answer.body.data!;
}
