import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, OperationTypeNode } from 'graphql';

export interface SubgraphTimeoutOptions {
  /** How long a query waits for a subgraph's answer (ms). */
  readMs: number;
  /** How long a mutation waits (ms). */
  writeMs: number;
}

/** The runtime's code for a subgraph that answered too late; errors.ts names the subgraph to the client. */
export const SUBGRAPH_TIMED_OUT = 'GATEWAY_TIMEOUT';

/**
 * A gateway plugin that stops waiting for a subgraph that does not answer (a stopped process, a
 * lost network) and cancels the call: its part of the result is missing, with an error naming
 * it, as when it refuses the connection. Without it one hanging department holds every answer
 * that asks it, however long. The runtime's own upstreamTimeout loses the subgraph's name.
 */
export function useSubgraphTimeout({ readMs, writeMs }: SubgraphTimeoutOptions): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executionRequest, executor, setExecutor }) {
      const ms = executionRequest.operationType === OperationTypeNode.MUTATION ? writeMs : readMs;
      setExecutor(async (request) => {
        const timeout = AbortSignal.timeout(ms);
        const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
        let onTimeout = () => {};
        const timedOut = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          onTimeout = () =>
            resolve({
              errors: [
                new GraphQLError(`Service "${subgraphName}" did not answer within ${ms} ms.`, {
                  extensions: { code: SUBGRAPH_TIMED_OUT, serviceName: subgraphName },
                }),
              ],
            });
          timeout.addEventListener('abort', onTimeout, { once: true });
        });
        try {
          return await Promise.race([executor({ ...request, signal }), timedOut]);
        } finally {
          timeout.removeEventListener('abort', onTimeout);
        }
      });
    },
  };
}
