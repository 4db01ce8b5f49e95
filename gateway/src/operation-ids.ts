import { randomUUID } from 'node:crypto';

/**
 * Names the client operations the runtime runs, for the subgraphs (OPERATION_ID_HEADER): a new ID
 * for each request it runs, the same on every subgraph call of that request. The hub counts a
 * client operation's department calls by it; the request ID cannot serve, since a client may send
 * the same X-Request-ID with every request and the export sends its own with every page.
 */
export function operationIds(): (request: Request) => string {
  const ids = new WeakMap<Request, string>();
  return (request) => {
    let id = ids.get(request);
    if (!id) {
      id = randomUUID();
      ids.set(request, id);
    }
    return id;
  };
}
