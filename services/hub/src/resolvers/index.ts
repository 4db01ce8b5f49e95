import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Mutation } from './mutations.js';
import { Query } from './Query.js';

/** Interface results carry their concrete department type (see entities.ts). */
const byTypename = (value: { __typename?: string }) => value.__typename ?? null;

export const resolvers: Resolvers = {
  Query,
  Mutation: Mutation as Resolvers['Mutation'],
  Case: { __resolveType: byTypename as never },
  ApprovalItem: { __resolveType: byTypename as never },
  Department: { __resolveType: byTypename as never },
};
