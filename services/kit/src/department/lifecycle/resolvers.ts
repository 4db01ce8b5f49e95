import type { DepartmentEntry } from '@onewindow/schema';
import type { Resolvers } from '../../__generated__/resolvers-types.js';
import type { DepartmentContext } from '../context.js';
import type { CaseRow } from '../parents.js';
import { LIFECYCLE, SUBMIT } from './transitions.js';

type LifecycleMutation = typeof SUBMIT.name | keyof typeof LIFECYCLE;
type MutationResolver = (parent: unknown, args: { input: unknown }, context: DepartmentContext) => Promise<CaseRow>;

/** The case lifecycle of one department, as the template's mutation resolvers: one per record of the table. */
export function lifecycleResolvers(department: DepartmentEntry): Pick<Resolvers, 'TemplateMutation' | 'Mutation'> {
  const mutations: Partial<Record<LifecycleMutation, MutationResolver>> = {};
  for (const record of [SUBMIT, ...Object.values(LIFECYCLE)]) {
    mutations[record.name] = (_, { input }, context) => record.perform(context, department, input);
  }
  return { TemplateMutation: mutations, Mutation: { template: () => ({}) } };
}
