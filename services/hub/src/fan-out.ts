import { GraphQLError } from 'graphql';
import { departments as registry, type DepartmentEntry } from '@onewindow/schema';
import { BadUserInputError, ErrorCode } from '@onewindow/runtime';
import type { HubContext } from './context.js';
import { spend } from './call-budget.js';

/** The departments a filter names (all when it names none); an unknown code is refused. */
export function selectDepartments(codes: readonly string[] | null | undefined): DepartmentEntry[] {
  if (!codes) return [...registry];
  const unknown = codes.filter((code) => !registry.some((d) => d.code === code));
  if (unknown.length) {
    throw new BadUserInputError(
      `Unknown department code(s): ${unknown.join(', ')}. Known: ${registry.map((d) => d.code).join(', ')}.`,
      {
        argument: 'filter.departments',
      },
    );
  }
  return registry.filter((d) => codes.includes(d.code));
}

export interface FanOutResult<T> {
  answers: { department: DepartmentEntry; index: number; value: T }[];
  /** Codes of departments that did not answer; their errors are on the context. */
  incomplete: string[];
}

/**
 * Asks every given department at once. A department that is unavailable is left out and
 * reported; an error meant for the client (bad input) fails the whole request, since every
 * department would say the same.
 */
export async function fanOut<T>(
  context: HubContext,
  departments: readonly DepartmentEntry[],
  ask: (department: DepartmentEntry) => Promise<T>,
  path: readonly (string | number)[],
): Promise<FanOutResult<T>> {
  spend(context.callBudget, departments.length);
  const settled = await Promise.allSettled(departments.map(ask));
  const result: FanOutResult<T> = { answers: [], incomplete: [] };
  settled.forEach((outcome, i) => {
    const department = departments[i]!;
    const index = registry.indexOf(department);
    if (outcome.status === 'fulfilled') {
      result.answers.push({ department, index, value: outcome.value });
      return;
    }
    const error = outcome.reason as unknown;
    if (!(error instanceof GraphQLError) || error.extensions.code !== ErrorCode.DEPARTMENT_UNAVAILABLE) throw error;
    result.incomplete.push(department.code);
    context.partialErrors.push(new GraphQLError(error.message, { path, extensions: error.extensions }));
  });
  return result;
}
