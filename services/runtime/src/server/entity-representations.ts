import {
  Kind,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';
import { BadUserInputError } from '../errors.js';

type EntityDefinition = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode;

/** A definition that may carry `@key`: an object type, an extension of one, an interface. */
const mayBeEntity = (definition: DefinitionNode): definition is EntityDefinition =>
  definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
  definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
  definition.kind === Kind.INTERFACE_TYPE_DEFINITION;

/**
 * The keys by which this subgraph resolves each entity type, as the top-level fields of each
 * `@key(fields: …)` (`HousingCase` → [['id']]). A `resolvable: false` key is left out: the
 * subgraph only refers to such an entity (the hub to a department's case) and cannot load it.
 */
export function entityKeys(typeDefs: DocumentNode): Map<string, string[][]> {
  const keys = new Map<string, string[][]>();
  for (const definition of typeDefs.definitions) {
    if (!mayBeEntity(definition)) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'key' && directive.name.value !== 'federation__key') continue;
      const argument = (name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
      const fields = argument('fields');
      const resolvable = argument('resolvable');
      if (fields?.kind !== Kind.STRING || (resolvable?.kind === Kind.BOOLEAN && !resolvable.value)) continue;
      // Top-level names only: `a b { c }` → [a, b]; nested selections are checked by the resolver.
      const topLevel = fields.value
        .replace(/\{[^{}]*\}/g, ' ')
        .split(/[\s,]+/)
        .filter(Boolean);
      keys.set(definition.name.value, [...(keys.get(definition.name.value) ?? []), topLevel]);
    }
  }
  return keys;
}

interface LeafType {
  parseValue(value: unknown): unknown;
}

/**
 * The leaf (scalar or enum) type of field `field` of `typename`, or undefined for an object or
 * no field. Duck-typed rather than isObjectType()/getNamedType(): those refuse types built by
 * another copy of graphql-js, as @apollo/subgraph's schema may be.
 */
function leafTypeOf(schema: GraphQLSchema, typename: string, field: string): LeafType | undefined {
  const type = schema.getType(typename) as { getFields?: () => Record<string, { type: unknown }> } | undefined;
  let named = type?.getFields?.()[field]?.type as
    { ofType?: unknown; getFields?: unknown; parseValue?: unknown } | undefined;
  while (named?.ofType) named = named.ofType as typeof named;
  return named && !named.getFields && typeof named.parseValue === 'function' ? (named as LeafType) : undefined;
}

/**
 * Whether `value` can be the value of key field `field` of `typename`: what the field's scalar
 * or enum accepts as input (an ID is a string or an integer), or an object for a nested key
 * (checked by the resolver). A reference resolver that gets a number where it splits a string
 * would fail with an internal error instead of refusing the representation.
 */
function fitsKeyField(schema: GraphQLSchema, typename: string, field: string, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const leaf = leafTypeOf(schema, typename, field);
  if (!leaf) return typeof value === 'object' && !Array.isArray(value);
  try {
    leaf.parseValue(value);
    return true;
  } catch {
    return false;
  }
}

/** A representation with its leaf keys as the resolvers expect them (an ID given as 12 becomes "12"). */
function coerced(schema: GraphQLSchema, representation: Record<string, unknown>): Record<string, unknown> {
  const typename = representation.__typename as string;
  return Object.fromEntries(
    Object.entries(representation).map(([field, value]) => {
      const leaf = field === '__typename' ? undefined : leafTypeOf(schema, typename, field);
      if (!leaf) return [field, value];
      try {
        return [field, leaf.parseValue(value)];
      } catch {
        return [field, value];
      }
    }),
  );
}

/** What is wrong with one representation, or null. */
function representationProblem(
  schema: GraphQLSchema,
  representation: unknown,
  index: number,
  keys: Map<string, string[][]>,
): string | null {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
    return `representations[${index}] is not an object.`;
  }
  const { __typename: typename, ...fields } = representation as Record<string, unknown>;
  const typeKeys = typeof typename === 'string' ? keys.get(typename) : undefined;
  if (!typeKeys) {
    return `representations[${index}]: ${JSON.stringify(typename ?? null)} is not an entity this subgraph resolves.`;
  }
  const complete = typeKeys.filter((key) =>
    key.every((field) => fields[field] !== undefined && fields[field] !== null),
  );
  if (!complete.length) {
    return `representations[${index}] has no key of ${typename} (${typeKeys.map((key) => key.join(' ')).join(' or ')}).`;
  }
  if (complete.some((key) => key.every((field) => fitsKeyField(schema, typename as string, field, fields[field])))) {
    return null;
  }
  const wrong = complete[0]!.filter((field) => !fitsKeyField(schema, typename as string, field, fields[field]));
  return `representations[${index}]: ${wrong.map((field) => `"${field}"`).join(' and ')} of ${typename} has the wrong type.`;
}

/**
 * Checks `_entities(representations:)` before Apollo's entity resolver runs. The gateway only
 * sends well-formed representations, but anyone who reaches a subgraph can call `_entities`, and
 * Apollo answers a representation of an unknown type, of a type that is no entity, or one that
 * is not an object with a plain Error (an INTERNAL_SERVER_ERROR); one of an entity the subgraph
 * only refers to (`resolvable: false`) fails on its first non-null field; reference resolvers
 * would get references without their key. Such a call is BAD_USER_INPUT naming each bad one.
 */
export function checkEntityRepresentations(schema: GraphQLSchema, typeDefs: DocumentNode): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve as GraphQLFieldResolver<unknown, unknown, { representations?: unknown }> | undefined;
  if (!field || !resolve) return;
  const keys = entityKeys(typeDefs);
  field.resolve = (source, args, context, info) => {
    const representations: unknown[] = Array.isArray(args.representations) ? args.representations : [];
    const problems = representations.flatMap(
      (representation, index) => representationProblem(schema, representation, index, keys) ?? [],
    );
    if (problems.length) throw new BadUserInputError(problems.slice(0, 10).join(' '), { argument: 'representations' });
    const representationsAsKeys = representations.map((r) => coerced(schema, r as Record<string, unknown>));
    return resolve(source, { ...args, representations: representationsAsKeys }, context, info);
  };
}
