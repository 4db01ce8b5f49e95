import http from 'node:http';
import https from 'node:https';

/**
 * Connections to other services are kept open between requests, one pool per process. An idle one
 * is closed after IDLE_MS, or a second before the server's announced keep-alive timeout
 * (`Keep-Alive: timeout=5` from a plain Node server or a proxy) if that is sooner: Node applies the
 * server's hint only when the agent has a timeout of its own, and without it reuses a connection
 * up to the moment the server closes it (measured: a request after 6 s of quiet on a 5 s
 * keep-alive was reset). A call that still meets a connection closing under it is sent again once,
 * on a new connection (see `retryable`). node:http rather than fetch: the hub makes one call per
 * department for every request, and fetch (undici) costs about three times the CPU of
 * http.request per call on this kind of machine (1.1 vs 0.35 ms), which the services sharing its
 * cores pay for.
 */
const IDLE_MS = 30_000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_MS }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_MS }),
};

/**
 * A call that got no usable answer. `sent` tells whether the whole request had been handed to the
 * connection: a service cannot run a request it did not receive whole, so a failure before that
 * changed nothing, and one after it may have changed something. `retryable`: the connection was a
 * reused one and broke before any answer came, which is what a service closing an idle connection
 * under the request looks like; the call may be sent again on another connection (a write too: it
 * carries its idempotency key, so a second delivery returns the first result).
 */
export class TransportError extends Error {
  constructor(
    readonly sent: boolean,
    readonly timedOut: boolean,
    cause: unknown,
    readonly retryable = false,
  ) {
    super(timedOut ? 'timed out' : 'transport failure', { cause });
  }
}

/**
 * POSTs a JSON body and resolves with the parsed JSON answer, whatever its HTTP status.
 * `newConnection`: on a connection of its own, not one from the pool (for a call sent again: the
 * pool's other idle connections may be closing at the same moment as the one that failed).
 */
export function postJson(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  newConnection = false,
): Promise<unknown> {
  const client = url.protocol === 'https:' ? https : http;
  const agent = newConnection ? false : url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve, reject) => {
    let sent = false;
    let timedOut = false;
    let answered = false;
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(new TransportError(sent, timedOut, error, request.reusedSocket && !answered && !timedOut));
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(timer);
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            // An answer that is not JSON (a proxy's error page, a cut body) is no answer at all.
            reject(new TransportError(true, false, new Error(`HTTP ${response.statusCode}: the answer is not JSON`)));
          }
        });
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new Error('timed out'));
    }, timeoutMs);
    request.on('finish', () => (sent = true));
    request.on('error', fail);
    request.end(body);
  });
}
