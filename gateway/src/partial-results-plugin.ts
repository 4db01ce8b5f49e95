import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '@onewindow/kit';

/**
 * Keeps DEPARTMENT_UNAVAILABLE errors that a subgraph (the hub) reports beside partial data.
 *
 * The hub answers a cross-department list with the departments that did answer plus one error
 * per department that did not. Hive's federation runtime keeps a subgraph error only where the
 * field came back null, so such an error would vanish and the client would not learn that the
 * list is incomplete. This plugin notes those errors as subgraph answers arrive and adds any that
 * the final result lacks. (@apollo/gateway passes them through on its own.)
 */
export function partialResultsPlugin(): GatewayPlugin {
  const reported = new WeakMap<object, GraphQLError[]>();
  return {
    onSubgraphExecute({ executionRequest }) {
      const context = executionRequest.context as object | undefined;
      if (!context) return;
      return ({ result }) => {
        const errors = (result as ExecutionResult).errors ?? [];
        const unavailable = errors.filter((e) => e.extensions?.code === ErrorCode.DEPARTMENT_UNAVAILABLE);
        if (!unavailable.length) return;
        const list = reported.get(context) ?? [];
        for (const error of unavailable) {
          list.push(new GraphQLError(error.message, { path: error.path, extensions: { code: ErrorCode.DEPARTMENT_UNAVAILABLE, department: error.extensions?.department } }));
        }
        reported.set(context, list);
      };
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const pending = reported.get(args.contextValue as object);
          if (!pending?.length || Symbol.asyncIterator in (result as object)) return;
          const single = result as ExecutionResult;
          const present = new Set((single.errors ?? []).map((e) => `${e.extensions?.code}:${e.extensions?.department}`));
          const missing = pending.filter((e) => !present.has(`${e.extensions.code}:${e.extensions.department}`));
          if (missing.length) setResult({ ...single, errors: [...(single.errors ?? []), ...missing] });
        },
      };
    },
  };
}
