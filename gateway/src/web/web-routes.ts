import type { IncomingMessage, ServerResponse } from 'node:http';
import { developmentLogin } from './dev-login.js';
import { graphiqlPage } from './graphiql-page.js';
import { staticFileHandler } from './static-files.js';

export interface WebRouteOptions {
  /** The built web front. */
  distDir: string;
  /** Whether the development sign-in is offered (the gateway accepts the development issuer's tokens). */
  developmentLogin: boolean;
  /** The county identity provider's sign-in page, when there is one. */
  loginUrl: string | undefined;
  /** Whether GraphiQL is served (GRAPHIQL). */
  graphiql: boolean;
}

/** Paths the GraphQL runtime and its plugins answer; never a page of the web front. */
const RUNTIME_PATHS = new Set(['/graphql', '/health', '/subgraph-status', '/healthcheck', '/readiness', '/audit']);

/**
 * The web front's routes on the gateway's port: the pages at /, the analysts' GraphiQL at
 * /graphiql, the sign-in settings the pages read (/app-config.json) and the development sign-in
 * (/auth/dev-token). Answers true when it answered the request.
 */
export function webRoutes(options: WebRouteOptions) {
  const staticFiles = staticFileHandler(options.distDir);
  const graphiql = graphiqlPage();
  const appConfig = JSON.stringify({ developmentLogin: options.developmentLogin, loginUrl: options.loginUrl ?? null });
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const pathname = new URL(request.url ?? '/', 'http://gateway').pathname;
    if (RUNTIME_PATHS.has(pathname) || pathname.startsWith('/export/')) return false;
    if (pathname === '/auth/dev-token' && options.developmentLogin) {
      await developmentLogin(request, response);
      return true;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (pathname === '/app-config.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      response.end(appConfig);
      return true;
    }
    if (pathname === '/graphiql' && options.graphiql) {
      graphiql(request, response);
      return true;
    }
    return staticFiles(request, response, pathname);
  };
}
