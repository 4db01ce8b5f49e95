import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestListener } from 'node:http';
import { graphqlErrors, httpRequestDuration, httpRequests, secondsSince } from './metrics.js';
import { incomingContext, startServerSpan, traceApi, traceContext } from './tracing.js';

/**
 * Counts and times every request a listener answers, once its response is sent, and traces it:
 * a server span, child of the caller's trace (`traceparent`), active while the request is handled.
 */
export function measuredListener(service: string, listener: RequestListener): RequestListener {
  return (request, response) => {
    const started = performance.now();
    const path = (request.url ?? '/').split('?')[0];
    const span = startServerSpan(
      service,
      `${service} ${request.method ?? 'GET'} ${path}`,
      incomingContext(request.headers),
    );
    response.once('finish', () => {
      httpRequests.inc({ service, status: String(response.statusCode) });
      httpRequestDuration.observe({ service }, secondsSince(started));
      span.setAttribute('http.response.status_code', response.statusCode);
      span.end();
    });
    traceContext.with(traceApi.setSpan(traceContext.active(), span), () => listener(request, response));
  };
}

/** Counts the GraphQL errors of a subgraph's answers by their code. */
export function errorMetricsPlugin<TContext extends BaseContext>(service: string): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors)
            graphqlErrors.inc({ service, code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
      };
    },
  };
}
