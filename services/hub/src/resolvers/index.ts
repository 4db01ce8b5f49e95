import { departments } from '@onewindow/schema';
import type {
  ApprovalItemResolvers,
  CaseResolvers,
  DepartmentResolvers,
  Resolvers,
} from '../__generated__/resolvers-types.js';
import { Mutation } from './mutations.js';
import { Query } from './Query.js';
import { crossDepartmentCases } from './cases.js';

/** The concrete types an interface's __resolveType may answer (the generated union of names). */
type Concrete<R extends { __resolveType: (...args: never[]) => unknown }> = NonNullable<
  Awaited<ReturnType<R['__resolveType']>>
>;

/**
 * Interface results carry their concrete department type (see entities.ts): `<Prefix><kind>`,
 * one of the types the hub's SDL declares for each registered department (T, generated from the
 * same registry). Any other name is no type of this schema: null, which graphql-js reports.
 */
function byTypename<T extends string>(kind: 'Case' | 'Item' | 'Department') {
  const names: ReadonlySet<string> = new Set(departments.map((d) => d.prefix + kind));
  const isDeclared = (name: string): name is T => names.has(name);
  return (value: { __typename: string }): T | null => (isDeclared(value.__typename) ? value.__typename : null);
}

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Applicant: {
    __resolveReference: (reference) => ({ id: reference.id }),
    // An applicant's cases are a case list with one more condition, pushed down like any other.
    cases: (applicant, args, context, info) =>
      crossDepartmentCases({ ...args, filter: { ...args.filter, applicantId: applicant.id } }, context, info),
  },
  Case: { __resolveType: byTypename<Concrete<CaseResolvers>>('Case') },
  ApprovalItem: { __resolveType: byTypename<Concrete<ApprovalItemResolvers>>('Item') },
  Department: { __resolveType: byTypename<Concrete<DepartmentResolvers>>('Department') },
};
