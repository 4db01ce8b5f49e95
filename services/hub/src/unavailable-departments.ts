import type { ApolloServerPlugin } from '@apollo/server';
import type { HubContext } from './context.js';

/**
 * Adds the errors of departments that did not answer to a response that otherwise succeeded:
 * the client gets the other departments' data plus DEPARTMENT_UNAVAILABLE naming the missing one.
 * (The gateway's usePartialResults is what keeps these errors on their way to the client.)
 */
export function unavailableDepartmentsPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || contextValue.partialErrors.length === 0) return;
          const extra = contextValue.partialErrors.map((error) => error.toJSON());
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...extra];
        },
      };
    },
  };
}
