import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionResult } from 'graphql';

/**
 * Gives every execution result its `data` entry (null when a non-null root field failed), as the
 * GraphQL spec requires of an executed operation. Hive's Rust planner runtime leaves `data` out
 * of such a result, and the runtime's HTTP layer then takes it for a request error and answers
 * 500: a client asking for a case that does not exist would see a server failure instead of
 * 200 with NOT_FOUND. The JavaScript planner and @apollo/gateway answer `data: null`.
 */
export function useExecutionData(): GatewayPlugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in (result as object)) return;
          const single = result as ExecutionResult;
          if (!('data' in single)) setResult({ data: null, ...single });
        },
      };
    },
  };
}
