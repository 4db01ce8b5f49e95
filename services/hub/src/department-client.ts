import { DepartmentUnavailableError, OnewindowError, REQUEST_ID_HEADER, isClientErrorCode, type ErrorCode, type Logger } from '@onewindow/kit';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
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
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', [REQUEST_ID_HEADER]: this.requestId },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await response.json()) as GraphQLResponse<T>;
    } catch (error) {
      const reason = error instanceof DOMException && error.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : 'unreachable';
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
