import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { knownOperationTypesRule } from '@onewindow/kit';

/**
 * Refuses an operation type the supergraph does not have (`subscription { … }`) at validation,
 * as GRAPHQL_VALIDATION_FAILED. Without it the Rust planner fails to plan such an operation and
 * the JavaScript planner fails to execute it: an INTERNAL_SERVER_ERROR for a client's mistake.
 */
export function operationTypesPlugin(): GatewayPlugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(knownOperationTypesRule);
    },
  };
}
