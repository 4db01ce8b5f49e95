import http from 'node:http';
import https from 'node:https';
import { DepartmentUnavailableError, ErrorCode, OnewindowError, REQUEST_ID_HEADER, isClientErrorCode, type Logger } from '@onewindow/runtime';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Connections to the departments are kept open between requests. A department may still close an
 * idle one just as the hub reuses it: Node 20's agent reuses a connection up to the moment the
 * department closes it (measured: a request after 6 s of quiet on a 5 s keep-alive was reset),
 * so such a call is sent again once (see `retryable`). node:http rather than fetch: the hub makes
 * one call per department for every request, and fetch (undici) costs about three times the CPU
 * of http.request per call on this kind of machine (1.1 vs 0.35 ms), which the departments
 * sharing its cores pay for.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};

/**
 * A call that got no usable answer. `sent` tells whether the whole request had been handed to the
 * connection: a department cannot run a request it did not receive whole, so a failure before
 * that changed nothing, and one after it may have changed something. `retryable`: the connection
 * was a reused one and broke before any answer came, which is what a department closing an idle
 * connection under the request looks like; the call may be sent again on another connection
 * (a write too: it carries its idempotency key, so a second delivery returns the first result).
 */
class TransportError extends Error {
  constructor(
    readonly sent: boolean,
    readonly timedOut: boolean,
    cause: unknown,
    readonly retryable = false,
  ) {
    super(timedOut ? 'timed out' : 'transport failure', { cause });
  }
}

/** POSTs a JSON body and resolves with the parsed JSON answer (whatever its status). */
function postJson(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  const client = url.protocol === 'https:' ? https : http;
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
        agent: agents[url.protocol as keyof typeof agents],
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
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

/** What a write carries so that its caller can be told how to learn an unknown outcome. */
export interface WriteOptions {
  idempotencyKey: string;
}

export interface CallOptions {
  /** An instant (epoch ms) after which the call is given up: several rounds share one wait. */
  deadline?: number;
  /** Set for a mutation: a failure after the request went out leaves its outcome unknown. */
  write?: WriteOptions;
}

/** Calls department subgraphs over HTTP: the hub never opens a department's database. */
export class DepartmentClient {
  constructor(
    private readonly urls: Record<string, string>,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
    private readonly requestId: string,
  ) {}

  /** How long a department may take, for a caller that sets one deadline over several calls. */
  get timeout(): number {
    return this.timeoutMs;
  }

  /**
   * Runs a query or a mutation against one department. A department that is down, slow (past
   * the timeout or the deadline) or broken raises DEPARTMENT_UNAVAILABLE; an error the
   * department meant for the client (a bad argument, say) is passed on with its own code. For a
   * write, DEPARTMENT_UNAVAILABLE says in `outcome` whether the write is NOT_APPLIED (it never
   * reached the department) or UNKNOWN (it did, and may have been committed).
   */
  async query<T>(
    department: string,
    query: string,
    variables: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<T> {
    const { write } = options;
    const url = this.urls[department];
    if (!url) throw this.unavailable(department, 'no URL is configured', false, write);
    const late = `no answer within ${this.timeoutMs} ms`;
    // One wait for the call, a second attempt included.
    const deadline = Math.min(options.deadline ?? Infinity, Date.now() + this.timeoutMs);
    const text = JSON.stringify({ query, variables });
    const headers = { [REQUEST_ID_HEADER]: this.requestId };
    let body: GraphQLResponse<T>;
    // Whether any attempt reached the department: then a write's outcome is unknown.
    let reached = false;
    for (let attempt = 1; ; attempt += 1) {
      const left = deadline - Date.now();
      if (left <= 0) throw this.unavailable(department, late, reached, write);
      try {
        body = ((await postJson(new URL(url), text, headers, left)) ?? {}) as GraphQLResponse<T>;
        break;
      } catch (error) {
        const failure = error instanceof TransportError ? error : new TransportError(true, false, error);
        reached ||= failure.sent;
        if (failure.retryable && attempt === 1) {
          this.logger.debug({ department, err: failure.cause }, 'reused connection reset before an answer: sent again');
          continue;
        }
        const reason = failure.timedOut ? late : failure.sent ? 'no usable answer' : 'unreachable';
        this.logger.warn({ department, err: failure.cause ?? failure }, `department ${reason}`);
        throw this.unavailable(department, reason, reached, write);
      }
    }
    const first = body.errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      if (isClientErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') throw new OnewindowError(code as ErrorCode, first.message, { department });
      this.logger.warn({ department, errors: body.errors }, 'department answered with errors');
      throw this.unavailable(department, 'it answered with an internal error', true, write);
    }
    if (!body.data) throw this.unavailable(department, 'it answered with no data', true, write);
    return body.data;
  }

  /**
   * DEPARTMENT_UNAVAILABLE, told honestly for a write: one that reached the department may have
   * been committed even though no answer came back, and only a retry with the same idempotency
   * key (which the department answers with the first result) can tell.
   */
  private unavailable(department: string, reason: string, reached: boolean, write?: WriteOptions): OnewindowError {
    if (!write) return new DepartmentUnavailableError(department, reason);
    const { idempotencyKey } = write;
    if (!reached) {
      return new OnewindowError(
        ErrorCode.DEPARTMENT_UNAVAILABLE,
        `Department "${department}" did not answer (${reason}); the write did not reach it and was not applied. ` +
          'It can be sent again.',
        { department, outcome: 'NOT_APPLIED', idempotencyKey },
      );
    }
    return new OnewindowError(
      ErrorCode.DEPARTMENT_UNAVAILABLE,
      `Department "${department}" received the write but gave no answer (${reason}): its outcome is unknown, and it ` +
        'may have been committed. Retry with the same idempotencyKey: the department then answers with the committed ' +
        'result, or carries the write out once.',
      { department, outcome: 'UNKNOWN', idempotencyKey },
    );
  }
}
