import { Kind, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema, type GraphQLUnionType, type SelectionSetNode } from 'graphql';

type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * True when the client's selection on the current field includes `name` directly, in an inline
 * fragment or in a named fragment. The hub asks departments only for what will be used.
 */
export function selects(info: SelectionInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      return visit(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

/** Decides whether a fragment's type condition (none, an interface, a concrete type) applies. */
type Applies = (typeCondition: string | undefined) => boolean;

const always: Applies = () => true;

/**
 * The fields of some selection sets, through inline and named fragments whose type condition
 * applies, by field name (aliases and directives are ignored: a field under `@skip` is still
 * asked for, which is merely more than needed).
 */
function fieldsOf(sets: readonly SelectionSetNode[], info: SelectionInfo, applies: Applies): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const seenFragments = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const list = fields.get(selection.name.value);
        if (list) list.push(selection);
        else fields.set(selection.name.value, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (!fragment || seenFragments.has(fragment.name.value)) continue;
        seenFragments.add(fragment.name.value);
        if (applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return fields;
}

const subSelections = (nodes: readonly FieldNode[] | undefined): SelectionSetNode[] => (nodes ?? []).flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));

/** The selection sets found at `path` below the resolver's field (`['edges', 'node']` for a connection's nodes). */
export function selectionSetsAt(info: SelectionInfo, path: readonly string[]): SelectionSetNode[] {
  let sets = subSelections(info.fieldNodes);
  for (const name of path) sets = subSelections(fieldsOf(sets, info, always).get(name));
  return sets;
}

/** For each schema and concrete type: the names a fragment may use for it (itself, its interfaces, its unions). */
const namesOfType = new WeakMap<GraphQLSchema, Map<string, ReadonlySet<string>>>();

function typeNames(schema: GraphQLSchema, typeName: string): ReadonlySet<string> {
  let bySchema = namesOfType.get(schema);
  if (!bySchema) namesOfType.set(schema, (bySchema = new Map()));
  let names = bySchema.get(typeName);
  if (!names) {
    // Duck-typed rather than isObjectType()/isUnionType(): those refuse types built by another
    // copy of graphql-js, as @apollo/subgraph's can be under a test runner.
    const type = schema.getType(typeName) as Partial<GraphQLObjectType> | undefined;
    const unions = Object.values(schema.getTypeMap()).filter(
      (candidate) => 'getTypes' in candidate && (candidate as GraphQLUnionType).getTypes().some((member) => member.name === typeName),
    );
    names = new Set([typeName, ...(type?.getInterfaces?.() ?? []).map((i) => i.name), ...unions.map((u) => u.name)]);
    bySchema.set(typeName, names);
  }
  return names;
}

/**
 * A fragment condition test for objects of the concrete type `typeName`: no condition, the type
 * itself, or an interface or union it belongs to (by the resolver's schema). A fragment on
 * another department's type does not apply to this department's objects.
 */
export function appliesTo(info: Pick<GraphQLResolveInfo, 'schema'>, typeName: string): Applies {
  const names = typeNames(info.schema, typeName);
  return (condition) => condition === undefined || names.has(condition);
}

/**
 * The fields selected on objects of type `typeName` in some selection sets, and for each the
 * selection sets below it (to follow nested objects).
 */
export function fieldsSelectedOn(info: SelectionInfo & Pick<GraphQLResolveInfo, 'schema'>, sets: readonly SelectionSetNode[], typeName: string): Map<string, SelectionSetNode[]> {
  const fields = fieldsOf(sets, info, appliesTo(info, typeName));
  return new Map([...fields].map(([name, nodes]) => [name, subSelections(nodes)]));
}
