import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/** Decides whether a fragment's type condition (none, an interface, a concrete type) applies. */
export type FragmentApplies = (typeCondition: string | undefined) => boolean;

const always: FragmentApplies = () => true;

/**
 * The fields of some selection sets, directly and through inline and named fragments whose type
 * condition applies (every fragment by default). Aliases and directives are ignored: a field
 * under `@skip` still counts, which is merely more than needed.
 */
export function fieldsOf(
  sets: readonly SelectionSetNode[],
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  applies: FragmentApplies = always,
): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment && applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return fields;
}

/** The selection sets below some fields. */
export function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** The selection sets found at `path` below the resolver's field (`['edges', 'node']` for a connection's nodes). */
export function selectionSetsAt(info: SelectionInfo, path: readonly string[]): SelectionSetNode[] {
  let sets = subSelections(info.fieldNodes);
  for (const name of path) sets = subSelections(fieldsOf(sets, info).filter((field) => field.name.value === name));
  return sets;
}

/**
 * The names of the fields the client selected on the current field's value (on each item of a
 * list), or at `path` below it, whatever their fragments' type conditions: a superset of what
 * will be resolved. A resolver uses it to compute only what is asked for.
 */
export function selectedFieldNames(info: SelectionInfo, path: readonly string[] = []): Set<string> {
  return new Set(fieldsOf(selectionSetsAt(info, path), info).map((field) => field.name.value));
}
