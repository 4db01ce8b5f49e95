import http from 'node:http';
import https from 'node:https';

/**
 * Connections to other services are kept open between requests, one pool per process. A service
 * may still close an idle one just as it is reused: Node 20's agent reuses a connection up to the
 * moment the other side closes it (measured: a request after 6 s of quiet on a 5 s keep-alive was
 * reset), so such a call is sent again once (see `retryable`). node:http rather than fetch: the
 * hub makes one call per department for every request, and fetch (undici) costs about three times
 * the CPU of http.request per call on this kind of machine (1.1 vs 0.35 ms), which the services
 * sharing its cores pay for.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
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

/** POSTs a JSON body and resolves with the parsed JSON answer, whatever its HTTP status. */
export function postJson(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  const client = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
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
