import type { OverviewQuery, OverviewVoiceQuery } from '../../__generated__/operations';

type Counts = OverviewQuery['todayIn']['rows'][number];

/** One department's line on the overview; null where its figure is missing (shown as —, never 0). */
export interface OverviewRow {
  code: string;
  name: string;
  nameEn: string | null;
  answered: boolean;
  todayReceived: number | null;
  todayConcluded: number | null;
  monthReceived: number | null;
  monthConcluded: number | null;
  open: number | null;
  overdue: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  windowDecisionRate: number | null;
}

/** Departments whose data is missing anywhere in the answer. */
export function missingDepartments(data: OverviewQuery, unavailable: readonly string[]): string[] {
  const missing = new Set(unavailable);
  for (const part of [data.todayIn, data.todayOut, data.monthIn, data.monthOut, data.trend])
    for (const code of part.incompleteDepartments) missing.add(code);
  for (const d of data.departments) if (d.openCases === null || d.openCases === undefined) missing.add(d.code);
  return [...missing];
}

/**
 * The overview's lines: a department with no row in a statistic had no such case (0); one that
 * did not answer gets nulls. The on-time and window rates are of the month's concluded cases.
 */
export function overviewRows(
  data: OverviewQuery,
  voice: OverviewVoiceQuery['publicVoice'] | null,
  missing: readonly string[],
): OverviewRow[] {
  const row = (part: { rows: readonly Counts[] }, code: string) => part.rows.find((r) => r.department === code);
  return data.departments.map((d) => {
    const answered = !missing.includes(d.code);
    const count = (part: { rows: readonly Counts[] }) => (answered ? (row(part, d.code)?.count ?? 0) : null);
    const concluded = row(data.monthOut, d.code);
    const said = voice?.find((v) => v.department === d.code);
    return {
      code: d.code,
      name: d.name,
      nameEn: d.nameEn ?? null,
      answered,
      todayReceived: count(data.todayIn),
      todayConcluded: count(data.todayOut),
      monthReceived: count(data.monthIn),
      monthConcluded: count(data.monthOut),
      open: answered ? (d.openCases ?? null) : null,
      overdue: answered ? (d.overdueCases ?? null) : null,
      onTimeRate: answered ? (concluded?.onTimeRate ?? null) : null,
      satisfactionRate: said?.satisfactionRate ?? null,
      windowDecisionRate:
        answered && concluded && concluded.decided ? concluded.decidedAtWindow / concluded.decided : null,
    };
  });
}

/** The last `count` months (YYYY-MM), oldest first, ending with `month`. */
export function monthsEndingWith(month: string, count: number): string[] {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(year, number - count + i, 1));
    return at.toISOString().slice(0, 7);
  });
}

/** A rate as a percentage with one decimal, or — when there is none. */
export const percent = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;

/** A count, or — when it is missing. */
export const countText = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toLocaleString('zh-CN');
