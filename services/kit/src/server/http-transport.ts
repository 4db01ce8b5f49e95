import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext as ApolloContext } from '@apollo/server';

/** The largest request body a subgraph reads; a GraphQL request is a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Reads a request body whole, or null when it is larger than MAX_BODY_BYTES. */
function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * The HTTP side of a subgraph: node:http handing each request to Apollo Server, with a JSON body
 * parser and nothing else. Apollo's standalone server also runs CORS, body-parser and
 * finalhandler middleware on every request, about a tenth of a department's CPU per list
 * request on this kind of machine; subgraphs are called by the gateway, the hub and the center,
 * never by browsers, so they need no CORS. Apollo still applies its own checks (CSRF prevention,
 * methods, content types) in executeHTTPGraphQLRequest.
 */
export function graphqlHttpServer<TContext extends ApolloContext>(
  server: ApolloServer<TContext>,
  context: (request: IncomingMessage) => Promise<TContext>,
  onUnexpected: (error: unknown) => void,
): Server {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    if (raw === null) return sendError(response, 413, 'BAD_REQUEST', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    let body: unknown;
    if (raw.length && /^application\/(graphql-response\+)?json/i.test(request.headers['content-type'] ?? '')) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendError(response, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = request.url ?? '/';
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (request.method ?? 'GET').toUpperCase(), headers, search: url.includes('?') ? url.slice(url.indexOf('?')) : '', body },
      context: () => context(request),
    });
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      response.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) response.write(chunk);
    response.end();
  };
  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      onUnexpected(error);
      if (!response.headersSent) sendError(response, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else response.destroy();
    });
  });
}
