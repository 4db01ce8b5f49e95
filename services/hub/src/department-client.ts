import http from 'node:http';
import https from 'node:https';
import { DepartmentUnavailableError, OnewindowError, REQUEST_ID_HEADER, isClientErrorCode, type ErrorCode, type Logger } from '@onewindow/kit';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Connections to the departments are kept open between requests. Node's agent stops reusing a
 * connection a second before the department's announced keep-alive timeout, so a reused one is
 * not closed under a request. node:http rather than fetch: the hub makes one call per department
 * for every request, and fetch (undici) costs about three times the CPU of http.request per call
 * on this kind of machine (1.1 vs 0.35 ms), which the departments sharing its cores pay for.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};

class TimeoutError extends Error {}

/** POSTs a JSON body and resolves with the parsed JSON answer (whatever its status). */
function postJson(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as keyof typeof agents],
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(timer);
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    const timer = setTimeout(() => request.destroy(new TimeoutError()), timeoutMs);
    request.on('error', fail);
    request.end(body);
  });
}

/** Calls department subgraphs over HTTP: the hub never opens a department's database. */
export class DepartmentClient {
  constructor(
    private readonly urls: Record<string, string>,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
    private readonly requestId: string,
  ) {}

  /**
   * Runs a query against one department. A department that is down, slow (past the timeout) or
   * broken raises DEPARTMENT_UNAVAILABLE; an error the department meant for the client (a bad
   * argument, say) is passed on with its own code.
   */
  async query<T>(department: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const url = this.urls[department];
    if (!url) throw new DepartmentUnavailableError(department, 'no URL is configured');
    let body: GraphQLResponse<T>;
    try {
      body = ((await postJson(new URL(url), JSON.stringify({ query, variables }), { [REQUEST_ID_HEADER]: this.requestId }, this.timeoutMs)) ?? {}) as GraphQLResponse<T>;
    } catch (error) {
      const reason = error instanceof TimeoutError ? `no answer within ${this.timeoutMs} ms` : 'unreachable';
      this.logger.warn({ department, err: error }, `department ${reason}`);
      throw new DepartmentUnavailableError(department, reason);
    }
    const first = body.errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      if (isClientErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') throw new OnewindowError(code as ErrorCode, first.message, { department });
      this.logger.warn({ department, errors: body.errors }, 'department answered with errors');
      throw new DepartmentUnavailableError(department, 'it answered with an internal error');
    }
    if (!body.data) throw new DepartmentUnavailableError(department, 'it answered with no data');
    return body.data;
  }
}
