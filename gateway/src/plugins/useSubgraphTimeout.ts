import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, OperationTypeNode } from 'graphql';

export interface SubgraphTimeoutOptions {
  /** The subgraphs that are departments: a query to one waits `departmentReadMs`. */
  departments: ReadonlySet<string>;
  /** How long a query waits for a department's answer (ms). */
  departmentReadMs: number;
  /**
   * How long anything else waits (ms): a mutation, and a query to the hub or the center, which
   * wait for the departments themselves within their own timeouts and answer with what they got.
   */
  otherMs: number;
}

/** The runtime's code for a subgraph that answered too late; errors.ts names the subgraph to the client. */
export const SUBGRAPH_TIMED_OUT = 'GATEWAY_TIMEOUT';

/**
 * A gateway plugin that stops waiting for a subgraph that does not answer (a stopped process, a
 * lost network) and cancels the call: its part of the result is missing, with an error naming
 * it, as when it refuses the connection. Without it one hanging department holds every answer
 * that asks it, however long. The runtime's own upstreamTimeout loses the subgraph's name.
 */
export function useSubgraphTimeout({ departments, departmentReadMs, otherMs }: SubgraphTimeoutOptions): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executionRequest, executor, setExecutor }) {
      const read = executionRequest.operationType !== OperationTypeNode.MUTATION;
      const ms = read && departments.has(subgraphName) ? departmentReadMs : otherMs;
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
