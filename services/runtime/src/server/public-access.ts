import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, valueFromASTUntyped, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Identity } from '../identity/roles.js';
import { UnauthenticatedError } from '../identity/identity-token.js';

/** What a caller without an identity may ask a subgraph for. Everything else is UNAUTHENTICATED. */
export interface PublicAccess {
  /**
   * Root fields, or fields under a namespace root, as dotted paths: `housing.trackCase` lets the
   * public call `{ housing { trackCase(...) { ... } } }` and nothing else under `housing`.
   */
  fields: readonly string[];
  /** Entity types the public may resolve through `_entities` (the catalog's, say). */
  entityTypes?: readonly string[];
}

/**
 * Refuses, before anything runs, an operation of a public caller that selects more than its
 * subgraph serves the public. Each field a resolver serves decides further for signed-in callers;
 * this gate keeps the public out of every field no one thought about.
 */
export function publicAccessPlugin<TContext extends { identity: Identity }>(
  access: PublicAccess,
): ApolloServerPlugin<TContext> {
  const fields = new Set(access.fields);
  const prefixes = new Set(
    access.fields.flatMap((path) =>
      path
        .split('.')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
    ),
  );
  const entityTypes = new Set(access.entityTypes ?? []);
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.identity.role !== 'public') return;
      return {
        async didResolveOperation({ operation, document, request }) {
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          const refuse = (what: string) => {
            throw new UnauthenticatedError(`Sign in to use ${what}: it is not served to the public.`);
          };
          // Each fragment is checked once per place it is spread at (a fragment bomb spreads each
          // fragment twice per level: walking every spread would take 2^levels steps). Validation
          // has refused fragment cycles already.
          const checked = new Set<string>();
          const walk = (selectionSet: SelectionSetNode, prefix: string) => {
            for (const selection of selectionSet.selections) {
              if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, prefix);
              else if (selection.kind === Kind.FRAGMENT_SPREAD) {
                const fragment = fragments.get(selection.name.value);
                const key = `${selection.name.value}|${prefix}`;
                if (fragment && !checked.has(key)) {
                  checked.add(key);
                  walk(fragment.selectionSet, prefix);
                }
              } else {
                const name = selection.name.value;
                if (name === '__typename') continue;
                const path = prefix ? `${prefix}.${name}` : name;
                if (fields.has(path)) continue;
                if (!prefix && name === '_entities') {
                  // The representations argument, whether a variable (as routers send it) or inline.
                  const argument = selection.arguments?.find((a) => a.name.value === 'representations');
                  const representations = argument && valueFromASTUntyped(argument.value, request.variables ?? {});
                  const typenames = Array.isArray(representations)
                    ? representations.map((r) => (r as { __typename?: unknown } | null)?.__typename)
                    : [undefined];
                  if (typenames.every((t) => typeof t === 'string' && entityTypes.has(t))) continue;
                  refuse('these entities');
                }
                if (prefixes.has(path) && selection.selectionSet) walk(selection.selectionSet, path);
                else refuse(path);
              }
            }
          };
          if (operation) walk(operation.selectionSet, '');
        },
      };
    },
  };
}
