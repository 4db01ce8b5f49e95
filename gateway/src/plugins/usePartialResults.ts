import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, Kind, type DocumentNode, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, isClientErrorCode } from '@onewindow/runtime';

/** graphql-js words the error it raises when a non-null field resolved to null this way. */
const NULL_PROPAGATION = /^Cannot return null for non-nullable field /;

const isNullPropagation = (error: GraphQLFormattedError) =>
  NULL_PROPAGATION.test(error.message) && error.extensions?.code === undefined;
/** One error per department that did not answer, and otherwise one per code and path. */
const keyOf = (error: GraphQLFormattedError) =>
  error.extensions?.code === ErrorCode.DEPARTMENT_UNAVAILABLE
    ? `${ErrorCode.DEPARTMENT_UNAVAILABLE}:${String(error.extensions.department)}`
    : `${String(error.extensions?.code)}:${(error.path ?? []).join('.')}`;

/** How Hive's JavaScript planner aliases a root field in the request it sends a subgraph. */
const PLANNER_ALIAS = /^_v\d+_/;

/** The response key (alias or name) of each root field of the client's operation, by field name. */
function rootResponseKeys(document: DocumentNode, operationName: string | null | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return keys;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && !keys.has(selection.name.value)) {
      keys.set(selection.name.value, selection.alias?.value ?? selection.name.value);
    }
  }
  return keys;
}

/** A subgraph's error with its path in the client's terms: the planner's root alias undone. */
function inClientTerms(error: GraphQLError, rootKeys: Map<string, string>): GraphQLError {
  const [head, ...rest] = error.path ?? [];
  if (typeof head !== 'string' || !PLANNER_ALIAS.test(head)) return error;
  const field = head.replace(PLANNER_ALIAS, '');
  return new GraphQLError(error.message, {
    path: [rootKeys.get(field) ?? field, ...rest],
    extensions: error.extensions,
  });
}

/**
 * Keeps the errors subgraphs meant for the client when Hive's federation runtime would lose them.
 *
 * - **Partial lists.** The hub answers a cross-department list with the departments that did
 *   answer plus one DEPARTMENT_UNAVAILABLE error per department that did not. The runtime keeps
 *   a subgraph error only where the field came back null, so such an error would vanish and the
 *   client would not learn that the list is incomplete. They are added back.
 * - **Null root fields.** When a subgraph's non-null root field fails (`followUp(id)` with an
 *   unknown ID: NOT_FOUND), the subgraph answers `data: null`, so its other root fields in the
 *   same request are null too. Hive's JavaScript planner then reports "Cannot return null for
 *   non-nullable field Query.staff" for whichever of them it completes first and drops the
 *   subgraph's NOT_FOUND. The client would see an internal error instead of the real one. Such
 *   null-propagation errors are replaced by the coded errors the subgraphs sent. And when two
 *   fields under one root field failed (two FORBIDDEN under `natres`), the runtime keeps the
 *   first only: the others are added back.
 *
 * @apollo/gateway does both on its own; tests/reliability/differential.test.ts compares them.
 */
export function usePartialResults(): GatewayPlugin {
  const reported = new WeakMap<object, GraphQLError[]>();
  return {
    onSubgraphExecute({ executionRequest }) {
      const context = executionRequest.context as object | undefined;
      if (!context) return;
      return ({ result }) => {
        const errors = (result as ExecutionResult).errors ?? [];
        const coded = errors.filter(
          (e) => isClientErrorCode(e.extensions?.code) && e.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR,
        );
        if (!coded.length) return;
        const list = reported.get(context) ?? [];
        for (const error of coded) {
          const { code, department } = error.extensions as { code: string; department?: unknown };
          list.push(
            new GraphQLError(error.message, {
              path: error.path,
              extensions: { code, ...(department ? { department } : {}) },
            }),
          );
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
          const errors = single.errors ?? [];
          const lostRootCause = errors.some(isNullPropagation);
          const kept = lostRootCause ? errors.filter((e) => !isNullPropagation(e)) : errors;
          const present = new Set(kept.map(keyOf));
          // Paths in the client's terms either way: a planner's alias (`_v1_caseStats`) means nothing to it.
          const rootKeys = rootResponseKeys(args.document, args.operationName);
          // A root field that came back null lost every error below it but the one the runtime kept.
          const underNull = (e: GraphQLError) => {
            const head = e.path?.[0];
            return single.data == null || (typeof head === 'string' && single.data[head] === null);
          };
          const wanted = pending
            .map((e) => inClientTerms(e, rootKeys))
            .filter((e) => lostRootCause || e.extensions.code === ErrorCode.DEPARTMENT_UNAVAILABLE || underNull(e));
          // A subgraph's refusal of its whole request (no path: the public asking for a field it
          // may not use) is reported once, without a path, as that subgraph sent it: the runtime
          // places it at one root field of that request, which may be one the caller may use.
          const saying = (e: GraphQLFormattedError) => `${String(e.extensions?.code)}:${e.message}`;
          const wholeRequest = new Set(pending.filter((e) => !e.path?.length).map(saying));
          const placed = kept.map((e) =>
            e.path?.length && wholeRequest.has(saying(e))
              ? new GraphQLError(e.message, { extensions: e.extensions })
              : e,
          );
          const said = new Set(placed.filter((e) => !e.path?.length).map(saying));
          const missing = wanted.filter((e) => {
            const key = keyOf(e);
            if (present.has(key)) return false;
            if (!e.path?.length && said.has(saying(e))) return false;
            present.add(key);
            return true;
          });
          const changed = missing.length || kept.length !== errors.length || placed.some((e, i) => e !== kept[i]);
          if (changed) setResult({ ...single, errors: [...placed, ...missing] });
        },
      };
    },
  };
}
