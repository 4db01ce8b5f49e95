import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { withRequestErrorCode } from '../errors.js';

interface ResultWithErrors {
  errors?: readonly GraphQLError[];
}

/**
 * A request error for parameters that are not JSON. The runtime answers a POST body that is not
 * JSON with a 400 itself, but lets JSON.parse's own error escape from a GET's (or a form post's)
 * `variables` and `extensions`, which would then be masked as an internal error.
 */
function notJsonParameters(cause: SyntaxError): GraphQLError {
  return new GraphQLError('The request\'s "variables" or "extensions" parameter is not valid JSON.', {
    originalError: cause,
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}

/**
 * A gateway plugin that gives every error of a finished result a code, including the request
 * errors the runtime answers before execution (see withRequestErrorCode), and makes parameters
 * that are not JSON a request error of the client's.
 */
export function useErrorCodes(): GatewayPlugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          throw error instanceof SyntaxError ? notJsonParameters(error) : error;
        }
      });
    },
    onResultProcess({ result, setResult }) {
      const single = result as ResultWithErrors | null;
      if (!single || Array.isArray(single) || !single.errors?.length) return;
      setResult({ ...single, errors: single.errors.map(withRequestErrorCode) } as typeof result);
    },
  };
}
