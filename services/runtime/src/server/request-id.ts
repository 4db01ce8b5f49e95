import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header that carries a request ID from the gateway to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller's request ID may look like; anything else (huge, control characters) is replaced. */
const REQUEST_ID = /^[\w.:@-]{1,128}$/;

const current = new AsyncLocalStorage<string>();

/** The request ID a request carries in X-Request-ID (set by the gateway or the caller), or a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Runs `handle` as the handling of request `requestId`: code it calls, however asynchronously,
 * finds the ID with currentRequestId. Error formatters get no request context, yet an
 * unexpected error must be logged with its request's ID so that it can be found.
 */
export function runWithRequestId<T>(requestId: string, handle: () => T): T {
  return current.run(requestId, handle);
}

/** The ID of the request being handled (see runWithRequestId), if any. */
export function currentRequestId(): string | undefined {
  return current.getStore();
}
