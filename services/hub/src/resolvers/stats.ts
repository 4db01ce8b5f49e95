import type { CaseStatsRow } from '@onewindow/kit';
import type { DepartmentEntry } from '@onewindow/schema';
import type { HubContext } from '../context.js';
import { responsePathOf, type Selection } from '../pushdown.js';
import { selectionSetsAt } from '@onewindow/runtime';
import { fieldsSelectedOn } from '../selection.js';
import { fanOut, selectDepartments } from '../fan-out.js';
import type { QueryCaseStatsArgs } from '../__generated__/resolvers-types.js';

const KEYS = ['department', 'itemCode', 'status', 'kind', 'month', 'week', 'supervisionLevel'] as const;
const COUNTS = [
  'count',
  'concluded',
  'decided',
  'onTime',
  'overdue',
  'denials',
  'supplements',
  'durationSamples',
  'decidedAtWindow',
] as const;

/** Measures a department reports; the hub sums the counts and weighs the average. */
const MEASURES = [...COUNTS, 'averageWorkingDaysToConclude'] as const;

/** What the hub needs from the departments to compute a selected measure when merging. */
const NEEDS: Record<string, readonly (typeof MEASURES)[number][]> = {
  onTimeRate: ['decided', 'onTime'],
  averageWorkingDaysToConclude: ['averageWorkingDaysToConclude', 'durationSamples'],
};

/**
 * The row fields to ask each department for: every group key (a key not grouped by costs
 * nothing), `count`, and the measures the client selected with what merging them needs. A
 * department computes only the aggregates it is asked for, and each costs on every case of the
 * groups.
 */
function rowFields(selection: Selection): string {
  const selected = fieldsSelectedOn(selection, selectionSetsAt(selection, ['rows']), 'CaseStatsRow');
  const wanted = new Set<string>(['count']);
  for (const name of selected.keys()) for (const needed of NEEDS[name] ?? [name]) wanted.add(needed);
  return [...KEYS, ...MEASURES.filter((m) => wanted.has(m))].join(' ');
}

function statsQuery(department: DepartmentEntry, fields: string): string {
  return `query HubStats($filter: CaseFilter, $groupBy: [CaseStatsDimension!]!) {
  ${department.code} { caseStats(filter: $filter, groupBy: $groupBy) { ${fields} } }
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
    const total = (row.averageWorkingDaysToConclude ?? 0) * (row.durationSamples ?? 0);
    const group = groups.get(key);
    if (!group) {
      // A measure not asked of the departments (not selected) is missing from their rows.
      groups.set(key, {
        ...keyed,
        ...Object.fromEntries(COUNTS.map((field) => [field, row[field] ?? 0])),
        durationTotal: total,
      });
      continue;
    }
    for (const field of COUNTS) group[field] += row[field] ?? 0;
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
export async function crossDepartmentStats(args: QueryCaseStatsArgs, context: HubContext, selection: Selection) {
  const groupBy = args.groupBy ?? [];
  const fields = rowFields(selection);
  const asked = selectDepartments(args.filter?.departments);
  const { answers, incomplete } = await fanOut(
    context,
    asked,
    async (department) => {
      const data = await context.departments.request<Record<string, { caseStats: CaseStatsRow[] }>>(
        department.code,
        statsQuery(department, fields),
        {
          filter: args.filter ?? null,
          groupBy,
        },
      );
      return data[department.code]!.caseStats;
    },
    responsePathOf(selection),
  );
  return {
    rows: mergeStatsRows(
      answers.flatMap((a) => a.value),
      groupBy.includes('DEPARTMENT'),
    ),
    incompleteDepartments: incomplete,
  };
}
