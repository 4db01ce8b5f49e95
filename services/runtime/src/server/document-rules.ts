import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * The most tokens a GraphQL document may have, at the gateway and in every subgraph. The largest
 * real queries (a dashboard, GraphiQL's introspection) have a few hundred; a document of
 * thousands of nested selections or aliases is an attack on the parser, whose recursion
 * overflows the stack somewhere past a few thousand levels.
 */
export const MAX_DOCUMENT_TOKENS = 10_000;

/**
 * A validation rule: an operation whose type (query, mutation, subscription) the schema does not
 * have is invalid. graphql-js 16 leaves it to execution, which fails with an internal error (and
 * Hive's Rust planner with "Schema type 'Subscription' not found"); the client should get
 * GRAPHQL_VALIDATION_FAILED. graphql-js 17 has this rule as KnownOperationTypesRule.
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(new GraphQLError(`This schema has no ${node.operation} operations.`, { nodes: node }));
    },
  };
}
