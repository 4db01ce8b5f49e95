import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, OperationTypeNode, getOperationAST, type ExecutionResult } from 'graphql';

/** What an error of a write says when the write was taken and only a field of its answer was lost. */
export const APPLIED = 'APPLIED';

/**
 * Marks the errors of a write whose answer lost a field after the write was taken. A mutation's
 * root field that resolved has done its write; a field the gateway then fetches from another
 * subgraph (a department's `version` or `events`, from the department that just committed) may
 * fail, and its null goes up to the root field or to the whole answer (`data: null`). Without a
 * word more, the client would read that as a write that did not happen and might send it again
 * under a new key. An error below a root field (its path longer than one) is such a case, and gets
 * `outcome: "APPLIED"`: read the case again, or send the same key for its answer. An error of the
 * root field itself keeps what its service said (the hub's `outcome: "UNKNOWN"` for a write that
 * got no answer).
 */
export function useWriteOutcome(): GatewayPlugin {
  return {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== OperationTypeNode.MUTATION) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in (result as object)) return;
          const single = result as ExecutionResult;
          if (!single.errors?.some(belowAWrite)) return;
          setResult({
            ...single,
            errors: single.errors.map((error) =>
              belowAWrite(error)
                ? new GraphQLError(error.message, {
                    nodes: error.nodes,
                    path: error.path,
                    originalError: error.originalError,
                    extensions: { ...error.extensions, outcome: APPLIED },
                  })
                : error,
            ),
          });
        },
      };
    },
  };
}

const belowAWrite = (error: GraphQLError) => (error.path?.length ?? 0) > 1 && error.extensions?.outcome === undefined;
