import { GraphQLScalarType } from 'graphql';

/**
 * Merges resolver maps type by type; a later map's field wins over an earlier one's. Scalar
 * implementations (GraphQLScalarType) are taken whole, never spread.
 */
export function mergeResolvers(...maps: object[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [typeName, value] of Object.entries(map)) {
      const previous = merged[typeName];
      merged[typeName] =
        value instanceof GraphQLScalarType || previous instanceof GraphQLScalarType
          ? value
          : { ...(previous as object | undefined), ...(value as object) };
    }
  }
  return merged;
}
