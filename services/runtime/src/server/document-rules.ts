import { maxAliasesRule as armorMaxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule as armorMaxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type SelectionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

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

/** What graphql-armor's rules say when they refuse, turned into a coded error with our own words. */
function armorRejection(describe: (found: string) => string) {
  return {
    // Reported as a validation error (never thrown), so every problem of the document is listed.
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = /found (\d+)/.exec(error.message)?.[1] ?? 'too many';
        context?.reportError(new GraphQLError(describe(found), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      },
    ],
  };
}

/**
 * A validation rule: no operation nests more than `n` fields deep (`{ a { b } }` is 2). Fragments
 * count for the fields inside them, not as a level of their own, so a fragment cannot hide depth
 * and a query written with fragments is measured like the same query written without.
 */
export function maxDepthRule(n: number): ValidationRule {
  return armorMaxDepthRule({
    n,
    flattenFragments: true,
    ...armorRejection((found) => `The operation is nested ${found} fields deep; at most ${n} are allowed.`),
  });
}

/** A validation rule: an operation has at most `n` aliases (`a: field`), fragments included. */
export function maxAliasesRule(n: number): ValidationRule {
  return armorMaxAliasesRule({
    n,
    ...armorRejection((found) => `The operation has ${found} aliases; at most ${n} are allowed.`),
  });
}

/**
 * A validation rule: an operation selects at most `n` root fields (`__typename` and the like
 * aside), each of which may fan out to every department. Fragments on the root type count too.
 */
export function maxRootFieldsRule(n: number): ValidationRule {
  return (context) => {
    const countIn = (selections: readonly SelectionNode[], seen: Set<string>): number =>
      selections.reduce((count, selection) => {
        if (selection.kind === Kind.FIELD) return count + (selection.name.value.startsWith('__') ? 0 : 1);
        if (selection.kind === Kind.INLINE_FRAGMENT) return count + countIn(selection.selectionSet.selections, seen);
        const name = selection.name.value;
        const fragment = context.getFragment(name);
        if (!fragment || seen.has(name)) return count;
        seen.add(name);
        return count + countIn(fragment.selectionSet.selections, seen);
      }, 0);
    return {
      OperationDefinition(node) {
        const count = countIn(node.selectionSet.selections, new Set());
        if (count <= n) return;
        context.reportError(
          new GraphQLError(`The operation selects ${count} root fields; at most ${n} are allowed.`, {
            nodes: node,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        );
      },
    };
  };
}

/**
 * The shape limits every subgraph applies to whoever calls it. They are looser than the
 * gateway's (gateway/src/env.ts): a subgraph's documents come from the gateway's query planner,
 * which adds a level for entity fetches (`_entities`) and aliases of its own, and from the hub,
 * which adds the department's namespace field. A direct call still meets a limit.
 */
export const SUBGRAPH_LIMITS = { depth: 20, aliases: 100 } as const;

/** The validation rules of every subgraph server. */
export const subgraphValidationRules: ValidationRule[] = [
  knownOperationTypesRule,
  maxDepthRule(SUBGRAPH_LIMITS.depth),
  maxAliasesRule(SUBGRAPH_LIMITS.aliases),
];
