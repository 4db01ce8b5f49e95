import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header that carries a request ID from the gateway to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The header in which the gateway names the client operation a subgraph call serves: a new ID for
 * each operation it runs, the same on all of that operation's subgraph calls. The request ID cannot
 * say this: a client may send one X-Request-ID with all its requests, and the gateway's export sends
 * its one ID with every page.
 */
export const OPERATION_ID_HEADER = 'x-onewindow-operation';

/** What a caller's request ID may look like; anything else (huge, control characters) is replaced. */
const REQUEST_ID = /^[\w.:@-]{1,128}$/;

const current = new AsyncLocalStorage<string>();

/** The request ID a request carries in X-Request-ID (set by the gateway or the caller), or a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** The client operation a request serves: the gateway's OPERATION_ID_HEADER, else the request's own ID. */
export function operationIdOf(request: IncomingMessage, requestId: string): string {
  const header = request.headers[OPERATION_ID_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : requestId;
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
