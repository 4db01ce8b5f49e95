import { departments, findDepartment } from '@onewindow/schema';
import { NotFoundError, parseGlobalId } from '@onewindow/runtime';
import { caseObject, departmentObject } from '../entities.js';
import { caseQuery, caseSelection } from '../pushdown.js';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { crossDepartmentCases } from './cases.js';
import { crossDepartmentItems } from './items.js';
import { crossDepartmentStats } from './stats.js';

type CaseFields = Record<string, unknown> & { item?: Record<string, unknown> };

export const Query: QueryResolvers = {
  departments: () => departments.map(departmentObject),
  department: (_, { code }) => {
    const entry = findDepartment(code);
    if (!entry)
      throw new NotFoundError(`No department "${code}". Known: ${departments.map((d) => d.code).join(', ')}.`, {
        code,
      });
    return departmentObject(entry);
  },
  items: (_, args, context, info) => crossDepartmentItems(args, context, info),
  cases: (_, args, context, info) => crossDepartmentCases(args, context, info),
  caseStats: (_, args, context, info) => crossDepartmentStats(args, context, info),
  case: async (_, { id }, context, info) => {
    const entry = findDepartment(parseGlobalId(id).department);
    if (!entry) throw new NotFoundError(`No case "${id}": its prefix names no department.`, { id });
    const data = await context.departments.request<Record<string, { case: CaseFields | null }>>(
      entry.code,
      caseQuery(entry, caseSelection(entry, info, [])),
      { id },
    );
    const found = data[entry.code]?.case;
    if (!found) throw new NotFoundError(`No case "${id}".`, { id });
    return caseObject(entry, found);
  },
};
