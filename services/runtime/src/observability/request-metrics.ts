import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestListener } from 'node:http';
import { graphqlErrors, httpRequestDuration, httpRequests, secondsSince } from './metrics.js';

/** Counts and times every request a listener answers, once its response is sent. */
export function measuredListener(service: string, listener: RequestListener): RequestListener {
  return (request, response) => {
    const started = performance.now();
    response.once('finish', () => {
      httpRequests.inc({ service, status: String(response.statusCode) });
      httpRequestDuration.observe({ service }, secondsSince(started));
    });
    listener(request, response);
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
