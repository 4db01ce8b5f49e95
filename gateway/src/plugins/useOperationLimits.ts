import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import {
  MAX_JSON_DEPTH,
  maxAliasesRule,
  maxDepthRule,
  maxRootFieldsRule,
  nestsDeeperThan,
  tooDeepMessage,
} from '@onewindow/runtime';

export interface OperationLimitsOptions {
  /** How deep fields may nest (`{ a { b } }` is 2); fragments do not count as a level. */
  maxDepth: number;
  /** How many aliases an operation may carry. */
  maxAliases: number;
  /** How many root fields an operation may select. */
  maxRootFields: number;
}

/**
 * The shape of an operation, checked when it is validated, before anything runs: its depth, its
 * aliases and its root fields each have a limit, and an operation over any of them is refused
 * with 400 GRAPHQL_VALIDATION_FAILED saying which and by how much (the rules are the runtime's,
 * which every subgraph applies too, with looser limits). The token limit is useDocumentRules's.
 */
export function useOperationLimits({ maxDepth, maxAliases, maxRootFields }: OperationLimitsOptions): GatewayPlugin {
  // One instance of each rule: the runtime caches validation results by the rules' identity.
  const rules = [maxDepthRule(maxDepth), maxAliasesRule(maxAliases), maxRootFieldsRule(maxRootFields)];
  return {
    // Before anything walks the variables (the runtime's coercion and its deduplication key): a few
    // thousand levels of nesting overflow the stack of each. At parse, not before, so that the
    // audit (useAudit's onParams) has the request's document to record the refusal with.
    onParse({ context }) {
      const { params } = context as { params?: { variables?: unknown; extensions?: unknown } };
      if (nestsDeeperThan(params?.variables, MAX_JSON_DEPTH) || nestsDeeperThan(params?.extensions, MAX_JSON_DEPTH))
        throw new GraphQLError(tooDeepMessage, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}
