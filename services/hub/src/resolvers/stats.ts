import type { CaseStatsRow } from '@onewindow/kit';
import type { DepartmentEntry } from '@onewindow/schema';
import type { HubContext } from '../context.js';
import { fanOut, selectDepartments } from '../fan-out.js';
import type { QueryCaseStatsArgs } from '../__generated__/resolvers-types.js';

const KEYS = ['department', 'itemCode', 'status', 'kind', 'month', 'week', 'supervisionLevel'] as const;
const COUNTS = ['count', 'concluded', 'decided', 'onTime', 'overdue', 'denials', 'supplements', 'durationSamples'] as const;
const ROW_FIELDS = [...KEYS, ...COUNTS, 'onTimeRate', 'averageWorkingDaysToConclude'].join(' ');

function statsQuery(department: DepartmentEntry): string {
  return `query HubStats($filter: CaseFilter, $groupBy: [CaseStatsDimension!]!) {
  ${department.code} { caseStats(filter: $filter, groupBy: $groupBy) { ${ROW_FIELDS} } }
}`;
}

/**
 * Adds department rows of the same group together: counts are summed, the on-time rate is
 * recomputed from the summed base, and the average duration is weighted by its samples.
 */
export function mergeStatsRows(rows: readonly CaseStatsRow[], keepDepartment: boolean): CaseStatsRow[] {
  const groups = new Map<string, CaseStatsRow & { durationTotal: number }>();
  for (const row of rows) {
    const keyed = keepDepartment ? row : { ...row, department: null };
    const key = JSON.stringify(KEYS.map((k) => keyed[k]));
    const total = (row.averageWorkingDaysToConclude ?? 0) * row.durationSamples;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { ...keyed, durationTotal: total });
      continue;
    }
    for (const field of COUNTS) group[field] += row[field];
    group.durationTotal += total;
  }
  return [...groups.values()]
    .map(({ durationTotal, ...group }) => ({
      ...group,
      onTimeRate: group.decided ? group.onTime / group.decided : null,
      averageWorkingDaysToConclude: group.durationSamples ? durationTotal / group.durationSamples : null,
    }))
    .sort((a, b) => {
      for (const k of KEYS) {
        const order = String(a[k] ?? '').localeCompare(String(b[k] ?? ''));
        if (order) return order;
      }
      return 0;
    });
}

/** Statistics across departments: GROUP BY in each department, merged here, never by fetching cases. */
export async function crossDepartmentStats(args: QueryCaseStatsArgs, context: HubContext) {
  const groupBy = args.groupBy ?? [];
  const asked = selectDepartments(args.filter?.departments);
  const { answers, incomplete } = await fanOut(
    context,
    asked,
    async (department) => {
      const data = await context.departments.query<Record<string, { caseStats: CaseStatsRow[] }>>(department.code, statsQuery(department), {
        filter: args.filter ?? null,
        groupBy,
      });
      return data[department.code]!.caseStats;
    },
    ['caseStats'],
  );
  return { rows: mergeStatsRows(answers.flatMap((a) => a.value), groupBy.includes('DEPARTMENT')), incompleteDepartments: incomplete };
}
