import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Mutation } from './mutations.js';
import { Query } from './Query.js';
import { crossDepartmentCases } from './cases.js';

/** Interface results carry their concrete department type (see entities.ts). */
const byTypename = (value: { __typename?: string }) => value.__typename ?? null;

export const resolvers: Resolvers = {
  Query,
  Mutation: Mutation as Resolvers['Mutation'],
  Applicant: {
    __resolveReference: (reference) => ({ id: reference.id }) as never,
    // An applicant's cases are a case list with one more condition, pushed down like any other.
    cases: (applicant, args, context, info) =>
      crossDepartmentCases({ ...args, filter: { ...args.filter, applicantId: applicant.id } }, context, info) as never,
  },
  Case: { __resolveType: byTypename as never },
  ApprovalItem: { __resolveType: byTypename as never },
  Department: { __resolveType: byTypename as never },
};
