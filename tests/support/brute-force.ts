import { departments } from '../../schema/src/index.js';
import { openDepartmentDatabase } from './department-database.js';
import { isOverdue, supervisionLevel, type SupervisionLevel } from '../../services/kit/src/index.js';

/** A case as read straight from a department's database, for brute-force answers. */
export interface RawCase {
  id: string;
  departmentIndex: number;
  localId: number;
  number: string;
  itemCode: string;
  kind: string;
  applicantName: string;
  applicantIdNumber: string;
  status: string;
  submittedAt: Date;
  acceptedAt: Date | null;
  deadline: Date | null;
  concludedAt: Date | null;
  suspendedAt: Date | null;
  supplementRequestedAt: Date | null;
  workingDaysToConclude: number | null;
}

const date = (value: string | Date | null) => (value === null ? null : new Date(value));

/** Every case of every department, read from their databases (the brute-force side of a comparison). */
export async function readAllCases(dataDir: string): Promise<RawCase[]> {
  return (await Promise.all(departments.map((department) => readCases(dataDir, department.code)))).flat();
}

/** Every case of one department, read from its database. */
export async function readCases(dataDir: string, code: string): Promise<RawCase[]> {
  const departmentIndex = departments.findIndex((d) => d.code === code);
  const db = openDepartmentDatabase(dataDir, code);
  try {
    const rows = await db.query<Record<string, any>>(
      'SELECT c.*, i."kind" FROM "Case" c JOIN "Item" i ON i."code" = c."itemCode" ORDER BY c."id"',
    );
    return rows.map((row) => ({
      id: `${code}:${row.id}`,
      departmentIndex,
      localId: row.id,
      number: row.number,
      itemCode: row.itemCode,
      kind: row.kind,
      applicantName: row.applicantName,
      applicantIdNumber: row.applicantIdNumber,
      status: row.status,
      submittedAt: new Date(row.submittedAt),
      acceptedAt: date(row.acceptedAt),
      deadline: date(row.deadline),
      concludedAt: date(row.concludedAt),
      suspendedAt: date(row.suspendedAt),
      supplementRequestedAt: date(row.supplementRequestedAt),
      workingDaysToConclude: row.workingDaysToConclude,
    }));
  } finally {
    await db.close();
  }
}

export interface Filter {
  departments?: string[];
  statuses?: string[];
  itemCodes?: string[];
  kind?: string;
  submittedFrom?: string;
  submittedTo?: string;
  acceptedFrom?: string;
  concludedTo?: string;
  overdue?: boolean;
  supervisionLevels?: SupervisionLevel[];
  applicantIdNumber?: string;
  text?: string;
}

const inRange = (value: Date | null, from?: string, to?: string) =>
  (!from || (value !== null && value >= new Date(from))) && (!to || (value !== null && value < new Date(to)));

/** The filter's meaning, written plainly over rows in memory. */
export function matches(c: RawCase, filter: Filter, now: Date, warningDays = 3): boolean {
  const code = departments[c.departmentIndex]!.code;
  return (
    (!filter.departments || filter.departments.includes(code)) &&
    (!filter.statuses || filter.statuses.includes(c.status)) &&
    (!filter.itemCodes || filter.itemCodes.includes(c.itemCode)) &&
    (!filter.kind || c.kind === filter.kind) &&
    inRange(c.submittedAt, filter.submittedFrom, filter.submittedTo) &&
    inRange(c.acceptedAt, filter.acceptedFrom) &&
    inRange(c.concludedAt, undefined, filter.concludedTo) &&
    (filter.overdue === undefined || isOverdue(c, now) === filter.overdue) &&
    (!filter.supervisionLevels || filter.supervisionLevels.includes(supervisionLevel(c, now, warningDays))) &&
    (!filter.applicantIdNumber || c.applicantIdNumber === filter.applicantIdNumber) &&
    (!filter.text || c.number.includes(filter.text) || c.applicantName.includes(filter.text))
  );
}

export type OrderField = 'SUBMITTED_AT' | 'DEADLINE' | 'NUMBER';

/** The hub's total order: the sort key (cases without a deadline last), then registry position, then id. */
export function compareCases(field: OrderField, direction: 'ASC' | 'DESC') {
  const none = direction === 'ASC' ? '9999' : '0000';
  const key = (c: RawCase) =>
    field === 'NUMBER'
      ? c.number
      : field === 'DEADLINE'
        ? (c.deadline?.toISOString() ?? none)
        : c.submittedAt.toISOString();
  const sign = direction === 'ASC' ? 1 : -1;
  return (a: RawCase, b: RawCase) =>
    sign * (key(a).localeCompare(key(b)) || a.departmentIndex - b.departmentIndex || a.localId - b.localId);
}

/** A statistics dimension the brute force knows (DEPARTMENT and SUPERVISION_LEVEL are the hub test's). */
export type StatsDimension = 'ITEM' | 'STATUS' | 'KIND' | 'MONTH' | 'WEEK';

/** The measures of one group of cases, as CaseStatsRow names them. */
export interface BruteForceStats {
  count: number;
  concluded: number;
  decided: number;
  onTime: number;
  overdue: number;
  denials: number;
  supplements: number;
  durationSamples: number;
  averageWorkingDaysToConclude: number | null;
}

const DAY_MS = 86_400_000;
/** The China calendar day of an instant. */
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** What one case adds to each measure, by the measures' plain meaning. */
export function caseCounts(c: RawCase, now: Date) {
  const decided = ['APPROVED', 'DENIED'].includes(c.status) && c.deadline !== null;
  return {
    concluded: c.concludedAt !== null,
    decided,
    onTime: decided && c.concludedAt !== null && c.concludedAt <= c.deadline!,
    /** Concluded after its deadline: overdue for good. */
    late: c.concludedAt !== null && c.deadline !== null && c.concludedAt > c.deadline,
    /** Past the deadline when concluded, or now (or when suspended) for an open case. */
    overdue: c.deadline !== null && (c.concludedAt ?? c.suspendedAt ?? now).getTime() > c.deadline.getTime(),
    denial: c.status === 'DENIED' || c.status === 'NOT_ACCEPTED',
    supplement: c.supplementRequestedAt !== null,
  };
}

/** The ISO week (2026-W47) of a calendar day: the week belongs to the year of its Thursday. */
export function isoWeek(day: string): string {
  const date = Date.parse(`${day}T00:00:00.000Z`);
  const weekday = (new Date(date).getUTCDay() + 6) % 7;
  const thursday = new Date(date + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const DIMENSION_VALUE: Record<StatsDimension, (c: RawCase) => string> = {
  ITEM: (c) => c.itemCode,
  STATUS: (c) => c.status,
  KIND: (c) => c.kind,
  MONTH: (c) => chinaDay(c.submittedAt).slice(0, 7),
  WEEK: (c) => isoWeek(chinaDay(c.submittedAt)),
};

/**
 * Case statistics counted one case at a time, by the measures' plain meaning (caseCounts): groups
 * keyed by the dimensions' values joined with `|`, each with its measures.
 */
export function bruteForceStats(
  cases: readonly RawCase[],
  groupBy: readonly StatsDimension[],
  now: Date,
): Map<string, BruteForceStats> {
  const groups = new Map<string, RawCase[]>();
  for (const c of cases) {
    const key = groupBy.map((d) => DIMENSION_VALUE[d](c)).join('|');
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return new Map(
    [...groups].map(([key, group]) => {
      const durations = group.flatMap((c) => (c.workingDaysToConclude === null ? [] : [c.workingDaysToConclude]));
      const counts = group.map((c) => caseCounts(c, now));
      const total = (measure: keyof ReturnType<typeof caseCounts>) => counts.filter((c) => c[measure]).length;
      return [
        key,
        {
          count: group.length,
          concluded: total('concluded'),
          decided: total('decided'),
          onTime: total('onTime'),
          overdue: total('overdue'),
          denials: total('denial'),
          supplements: total('supplement'),
          durationSamples: durations.length,
          averageWorkingDaysToConclude: durations.length
            ? durations.reduce((a, b) => a + b, 0) / durations.length
            : null,
        },
      ];
    }),
  );
}
