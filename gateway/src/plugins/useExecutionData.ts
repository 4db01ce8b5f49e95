import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  Kind,
  valueFromASTUntyped,
  type DefinitionNode,
  type DirectiveNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Gives every execution result its `data` entry, as the GraphQL spec requires of an executed
 * operation, where Hive's Rust planner runtime leaves it out:
 *
 * - A failed non-null root field: the Rust runtime answers without `data`, and the runtime's HTTP
 *   layer then takes it for a request error and answers 500, so a client asking for a case that
 *   does not exist saw a server failure instead of 200 with NOT_FOUND. Here: `data: null`.
 * - An operation whose every root field is skipped (`@skip`, `@include`): the Rust planner answers
 *   500 or `data: null`. Here: `data: {}`, without asking any subgraph.
 *
 * The JavaScript planner and @apollo/gateway answer so already.
 */
export function useExecutionData(): GatewayPlugin {
  return {
    onExecute({ args, setExecuteFn }) {
      const definitions: readonly DefinitionNode[] = args.document.definitions;
      const operation = definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION &&
          (args.operationName == null || definition.name?.value === args.operationName),
      );
      if (operation && selectsNothing(operation, definitions, args.variableValues ?? {})) {
        setExecuteFn(() => ({ data: {} }));
      }
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

/** Whether every root selection of `operation` is skipped, with the variables given or their defaults. */
function selectsNothing(
  operation: OperationDefinitionNode,
  definitions: readonly DefinitionNode[],
  given: Readonly<Record<string, unknown>>,
): boolean {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    variables[name] =
      name in given ? given[name] : definition.defaultValue && valueFromASTUntyped(definition.defaultValue);
  }
  const fragments = new Map(
    definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const included = (directives: readonly DirectiveNode[] | undefined): boolean | undefined => {
    let result = true;
    for (const directive of directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const argument = directive.arguments?.find((a) => a.name.value === 'if');
      const value = argument && valueFromASTUntyped(argument.value, variables);
      // Not a boolean: leave the operation to validation and execution, which say what is wrong.
      if (typeof value !== 'boolean') return undefined;
      if (name === 'skip' ? value : !value) result = false;
    }
    return result;
  };
  const empty = (selectionSet: SelectionSetNode, seen: Set<string>): boolean =>
    selectionSet.selections.every((selection) => {
      const shown = included(selection.directives);
      if (shown === undefined) return false;
      if (!shown) return true;
      if (selection.kind === Kind.FIELD) return false;
      if (selection.kind === Kind.INLINE_FRAGMENT) return empty(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return false;
      return empty(fragment.selectionSet, new Set([...seen, fragment.name.value]));
    });
  return empty(operation.selectionSet, new Set());
}
