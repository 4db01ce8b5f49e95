import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getOperationAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** What an error of a write says when the write was taken and only a field of its answer was lost. */
export const APPLIED = 'APPLIED';

/**
 * Marks the errors of a write whose answer lost a field after the write was taken. A write field
 * that resolved has done its write; a field the gateway then fetches from another subgraph (a
 * department's `version` or `events`, from the department that just committed) may fail, and its
 * null goes up to the write field or to the whole answer (`data: null`). Without a word more, the
 * client would read that as a write that did not happen and might send it again under a new key.
 * An error below a write field gets `outcome: "APPLIED"`: read the case again, or send the same key
 * for its answer. An error of the write field itself (a refusal, a CONFLICT) keeps what its service
 * said (the hub's `outcome: "UNKNOWN"` for a write that got no answer).
 *
 * A write is a root field of the mutation, or, under a department's namespace (`housing { withdraw }`,
 * a root field without arguments whose type has fields), a field of that namespace.
 */
export function useWriteOutcome(): GatewayPlugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== OperationTypeNode.MUTATION) return;
      const writeDepth = writeDepths(args.schema, args.document, operation.selectionSet);
      const belowAWrite = (error: GraphQLError) => {
        const path = error.path ?? [];
        const depth = writeDepth.get(String(path[0]));
        return depth !== undefined && path.length > depth && error.extensions?.outcome === undefined;
      };
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

/**
 * How deep in its path each root field's write sits, by the root field's response key (its alias,
 * if it has one): 1 for a write at the root, 2 for a namespace. The schema is read by its methods
 * only, never with graphql-js's instanceof checks: the runtime may hand over a schema built by
 * another copy of graphql-js.
 */
function writeDepths(schema: GraphQLSchema, document: DocumentNode, selectionSet: SelectionSetNode) {
  const rootFields = schema.getMutationType()?.getFields() ?? {};
  const depths = new Map<string, number>();
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = rootFields[selection.name.value];
        let type: unknown = field?.type;
        while (type && typeof type === 'object' && 'ofType' in type) type = type.ofType;
        const namespace = field !== undefined && field.args.length === 0 && hasFields(type);
        depths.set(selection.alias?.value ?? selection.name.value, namespace ? 2 : 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = document.definitions.find(
          (definition) =>
            definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
        );
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) visit(fragment.selectionSet, seen);
      }
    }
  };
  visit(selectionSet, new Set());
  return depths;
}

const hasFields = (type: unknown) =>
  typeof type === 'object' && type !== null && 'getFields' in type && typeof type.getFields === 'function';
