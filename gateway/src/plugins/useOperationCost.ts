import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** The code of an operation refused for its estimated cost: the runtime's demandControl uses the same. */
export const COST_ESTIMATED_TOO_EXPENSIVE = 'COST_ESTIMATED_TOO_EXPENSIVE';

export interface OperationCostOptions {
  /** The highest estimated cost an operation may have. */
  maxCost: number;
  /** How many items a list without a `first` argument is assumed to hold. */
  listSize: number;
}

/** Past this the estimate stops counting: the operation is refused either way. */
const CEILING = 1e12;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** The operation's variables' default values (literal numbers only: all `first` needs). */
  defaults: Map<string, number>;
  listSize: number;
  /** Fragments being expanded, so a cycle (which validation refuses anyway) cannot loop. */
  expanding: Set<string>;
  /**
   * Each fragment's cost met once, by its page size: a cost is proportional to how often its
   * selection is met, so a fragment spread many times (a fragment bomb: each spreading the next
   * twice) is walked once, not 2^levels times.
   */
  fragmentCosts: Map<string, number>;
}

/*
 * The schema is read by its methods and by printed type names only, never with graphql-js's
 * instanceof checks (isListType and the like): the runtime may hand over a schema built by
 * another copy of graphql-js (tests do), to which those checks throw.
 */

type AnyField = GraphQLField<unknown, unknown>;

/** The field `name` of an object or interface type (a union has none but `__typename`). */
function fieldOf(type: GraphQLNamedType, name: string): AnyField | undefined {
  return 'getFields' in type ? (type.getFields()[name] as AnyField | undefined) : undefined;
}

/** The `first` a client gave a field (literally, by a variable, or the argument's default), when it has one. */
function firstOf(walk: Walk, field: AnyField, node: FieldNode): number | undefined {
  const argument = field.args.find((arg) => arg.name === 'first');
  if (!argument) return undefined;
  const value = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
  let first: unknown = argument.defaultValue;
  if (value?.kind === Kind.INT) first = Number(value.value);
  else if (value?.kind === Kind.VARIABLE)
    first = walk.variables[value.name.value] ?? walk.defaults.get(value.name.value);
  return typeof first === 'number' && Number.isFinite(first) && first >= 0 ? first : undefined;
}

/** How many list levels wrap a field's type (`[[A!]!]!` is 2), and the type inside them. */
function unwrap(walk: Walk, field: AnyField): { lists: number; named: GraphQLNamedType | undefined } {
  const printed = String(field.type);
  return { lists: printed.split('[').length - 1, named: walk.schema.getType(printed.replace(/[[\]!]/g, '')) };
}

const isComposite = (type: GraphQLNamedType | undefined): type is GraphQLNamedType =>
  type !== undefined && ('getFields' in type || 'getTypes' in type) && !('getValues' in type);

/**
 * The cost of a selection set met `times` times: each object field costs 1 for each time it is
 * expected to occur, leaves cost nothing. `sized` is the `first` of the page (a connection, a feed
 * page) whose fields these are: it sizes the page's lists.
 */
function selectionCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  times: number,
  sized: number | undefined,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (cost > CEILING) return cost;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) cost += selectionCost(walk, selection.selectionSet, type, times, sized);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (!fragment || !type || walk.expanding.has(name)) continue;
      const key = `${name}|${sized ?? ''}`;
      let once = walk.fragmentCosts.get(key);
      if (once === undefined) {
        walk.expanding.add(name);
        once = selectionCost(walk, fragment.selectionSet, type, 1, sized);
        walk.expanding.delete(name);
        walk.fragmentCosts.set(key, once);
      }
      cost += times * once;
      continue;
    }
    if (selection.name.value.startsWith('__')) continue;
    const field = fieldOf(parent, selection.name.value);
    if (!field) continue;
    const first = firstOf(walk, field, selection);
    const { lists, named } = unwrap(walk, field);
    // A list holds its own `first` items, else its page's (`cases(first: 20) { edges { … } }`), else
    // the assumed list size; lists in lists multiply.
    const outer = first ?? sized ?? walk.listSize;
    const occurs = times * (lists > 0 ? outer * walk.listSize ** (lists - 1) : 1);
    if (!isComposite(named)) continue;
    cost += occurs;
    if (selection.selectionSet)
      cost += selectionCost(walk, selection.selectionSet, named, occurs, lists > 0 ? undefined : first);
  }
  return cost;
}

/**
 * Estimates what an operation costs to answer, before anything runs: every object it asks for,
 * times how many of it are expected (the product of the sizes of the lists around it). A list's
 * size is its `first` argument (a page's `first` sizes the page's lists: `edges`), else `listSize`.
 * Leaves are free, as in the runtime's demandControl; unlike demandControl, which estimates each
 * subgraph request as the plan unfolds, this sees the whole operation at once, so nested lists
 * (`cases { … applicant { cases { … } } }`) multiply as they will when they run.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  listSize: number,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const defaults = new Map<string, number>();
  for (const definition of operation.variableDefinitions ?? []) {
    const value = definition.defaultValue;
    if (value?.kind === Kind.INT) defaults.set(definition.variable.name.value, Number(value.value));
  }
  const walk: Walk = {
    schema,
    fragments,
    variables,
    defaults,
    listSize,
    expanding: new Set(),
    fragmentCosts: new Map(),
  };
  return selectionCost(walk, operation.selectionSet, root, 1, undefined);
}

/**
 * Refuses an operation whose estimated cost (estimateCost) is over `maxCost` before it runs: no
 * subgraph is asked anything. The error is the client's (COST_ESTIMATED_TOO_EXPENSIVE, 400),
 * with the estimate and the limit, so a dashboard can ask for smaller pages.
 */
export function useOperationCost({ maxCost, listSize }: OperationCostOptions): GatewayPlugin {
  return {
    onExecute({ args }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const estimated = estimateCost(args.schema, args.document, args.operationName, variables, listSize);
      if (estimated <= maxCost) return;
      const shown = estimated > CEILING ? `more than ${CEILING}` : String(Math.round(estimated));
      throw new GraphQLError(
        `The operation's estimated cost is ${shown}, over the limit of ${maxCost}: ask for fewer items ` +
          '(a smaller `first`) or nest fewer lists.',
        {
          extensions: {
            code: COST_ESTIMATED_TOO_EXPENSIVE,
            cost: { estimated: Math.min(Math.round(estimated), CEILING), max: maxCost },
            // Like a validation error: 400, or 200 to a client asking for plain application/json.
            http: { status: 400, spec: true },
          },
        },
      );
    },
  };
}
