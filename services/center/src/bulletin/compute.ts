import { departments } from '@onewindow/schema';
import { BadUserInputError, DepartmentUnavailableError, startOfChinaDay } from '@onewindow/kit';

/** One department's line of a bulletin, before ranking. */
export interface BulletinLine {
  department: string;
  departmentName: string;
  received: number;
  concluded: number;
  onTimeRate: number | null;
  overdue: number;
  denials: number;
  supplements: number;
  rank: number;
}

/** The first instants of a YYYY-MM month and of the next one, China time. */
export function monthRange(month: string, now: Date): { from: Date; to: Date } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new BadUserInputError(`"${month}" is not a month; write it as YYYY-MM.`, { field: 'month' });
  const [year, number] = month.split('-').map(Number) as [number, number];
  const from = startOfChinaDay(`${month}-01`);
  const next = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  if (from > now) throw new BadUserInputError(`${month} has not begun; a bulletin reports a past or current month.`, { field: 'month' });
  return { from, to: startOfChinaDay(`${next}-01`) };
}

interface StatsRow {
  department: string;
  count: number;
  concluded: number;
  decided: number;
  onTime: number;
  overdue: number;
  denials: number;
  supplements: number;
}

async function hubStats(hubUrl: string, filter: Record<string, string>): Promise<StatsRow[]> {
  const response = await fetch(hubUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `query Bulletin($filter: CaseFilter) { caseStats(filter: $filter, groupBy: [DEPARTMENT]) {
        incompleteDepartments rows { department count concluded decided onTime overdue denials supplements } } }`,
      variables: { filter },
    }),
    signal: AbortSignal.timeout(30_000),
  }).catch(() => null);
  const body = (await response?.json().catch(() => null)) as { data?: { caseStats: { incompleteDepartments: string[]; rows: StatsRow[] } } } | null;
  const stats = body?.data?.caseStats;
  if (!stats) throw new DepartmentUnavailableError('hub', 'the statistics could not be read');
  // A bulletin is published: it must cover every department or not exist.
  if (stats.incompleteDepartments.length) throw new DepartmentUnavailableError(stats.incompleteDepartments.join(', '), 'a bulletin needs every department');
  return stats.rows;
}

/**
 * A month's numbers per department through the hub's federated statistics: what was received in
 * the month, and what was concluded in it (on time, late, refused or denied). Ranked by on-time
 * rate, then fewer late, then more concluded.
 */
export async function computeBulletin(hubUrl: string, month: string, now: Date): Promise<BulletinLine[]> {
  const { from, to } = monthRange(month, now);
  const [received, concluded] = await Promise.all([
    hubStats(hubUrl, { submittedFrom: from.toISOString(), submittedTo: to.toISOString() }),
    hubStats(hubUrl, { concludedFrom: from.toISOString(), concludedTo: to.toISOString() }),
  ]);
  const lines = departments.map((d) => {
    const r = received.find((row) => row.department === d.code);
    const c = concluded.find((row) => row.department === d.code);
    return {
      department: d.code,
      departmentName: d.name,
      received: r?.count ?? 0,
      supplements: r?.supplements ?? 0,
      concluded: c?.concluded ?? 0,
      onTimeRate: c?.decided ? c.onTime / c.decided : null,
      overdue: c?.overdue ?? 0,
      denials: c?.denials ?? 0,
      rank: 0,
    };
  });
  const ranked = [...lines].sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.overdue - b.overdue || b.concluded - a.concluded);
  return lines.map((line) => ({ ...line, rank: ranked.indexOf(line) + 1 }));
}
