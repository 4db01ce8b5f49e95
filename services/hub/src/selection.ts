import type { GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, GraphQLUnionType, SelectionSetNode } from 'graphql';
import { fieldsOf, subSelections, type FragmentApplies } from '@onewindow/runtime';

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
      (candidate) =>
        'getTypes' in candidate &&
        (candidate as GraphQLUnionType).getTypes().some((member) => member.name === typeName),
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
export function appliesTo(info: Pick<GraphQLResolveInfo, 'schema'>, typeName: string): FragmentApplies {
  const names = typeNames(info.schema, typeName);
  return (condition) => condition === undefined || names.has(condition);
}

/**
 * The fields selected on objects of type `typeName` in some selection sets, and for each the
 * selection sets below it (to follow nested objects).
 */
export function fieldsSelectedOn(
  info: Pick<GraphQLResolveInfo, 'fragments' | 'schema'>,
  sets: readonly SelectionSetNode[],
  typeName: string,
): Map<string, SelectionSetNode[]> {
  const selected = new Map<string, SelectionSetNode[]>();
  for (const field of fieldsOf(sets, info, appliesTo(info, typeName))) {
    selected.set(field.name.value, [...(selected.get(field.name.value) ?? []), ...subSelections([field])]);
  }
  return selected;
}
