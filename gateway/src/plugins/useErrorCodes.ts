import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GraphQLError } from 'graphql';
import { withRequestErrorCode } from '../errors.js';

interface ResultWithErrors {
  errors?: readonly GraphQLError[];
}

/**
 * A gateway plugin that gives every error of a finished result a code, including the request
 * errors the runtime answers before execution (see withRequestErrorCode).
 */
export function useErrorCodes(): GatewayPlugin {
  return {
    onResultProcess({ result, setResult }) {
      const single = result as ResultWithErrors | null;
      if (!single || Array.isArray(single) || !single.errors?.length) return;
      setResult({ ...single, errors: single.errors.map(withRequestErrorCode) } as typeof result);
    },
  };
}
