import { departments } from '@onewindow/schema';
import { BadUserInputError, DepartmentUnavailableError, type ServiceClient } from '@onewindow/runtime';
import { startOfChinaDay } from '@onewindow/kit';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import {
  CenterBulletinStatsDocument,
  type CaseFilter,
  type CenterBulletinStatsQuery,
} from '../__generated__/hub-operations.js';
import { isBadReview } from '../quality/grades.js';
import { jointDeadline } from '../joint/limit.js';

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
  complaints: number;
  evaluations: number;
  satisfactionRate: number | null;
  rank: number;
  /** Added with issue 11: bulletins stored before lack them (the API shows null). */
  decidedAtWindow?: number;
  windowDecisionRate?: number | null;
  jointConcludedLate?: number;
  jointOpenOverdue?: number;
}

/** The first year a month may name. */
const FIRST_YEAR = 1970;

/** The first instants of a YYYY-MM month and of the next one, China time. */
export function monthRange(month: string, now: Date): { from: Date; to: Date } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new BadUserInputError(`"${month}" is not a month; write it as YYYY-MM.`, { field: 'month' });
  const [year, number] = month.split('-').map(Number) as [number, number];
  // No case, complaint or evaluation dates from before 1970: an earlier month is a typo.
  if (year < FIRST_YEAR)
    throw new BadUserInputError(`"${month}" is before ${FIRST_YEAR}; write the month as YYYY-MM.`, { field: 'month' });
  const from = startOfChinaDay(`${month}-01`);
  const next = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  if (from > now)
    throw new BadUserInputError(`${month} has not begun; a bulletin reports a past or current month.`, {
      field: 'month',
    });
  return { from, to: startOfChinaDay(`${next}-01`) };
}

type StatsRow = CenterBulletinStatsQuery['caseStats']['rows'][number];

async function hubStats(services: ServiceClient, filter: CaseFilter): Promise<StatsRow[]> {
  // The hub's DEPARTMENT_UNAVAILABLE for a department it lacks is passed on as it is, naming that department.
  const { caseStats: stats } = await services.request(
    'hub',
    CenterBulletinStatsDocument,
    { filter },
    { timeoutMs: 30_000 },
  );
  // A bulletin is published: it must cover every department or not exist.
  if (stats.incompleteDepartments.length)
    throw new DepartmentUnavailableError(stats.incompleteDepartments.join(', '), 'a bulletin needs every department');
  return stats.rows;
}

/** The center's own numbers of a month per department: complaints received, evaluations given and how many were good. */
export async function publicVoice(db: PrismaClient, from: Date, to: Date) {
  const [complaints, evaluations] = await Promise.all([
    db.complaint.groupBy({ by: ['department'], where: { receivedAt: { gte: from, lt: to } }, _count: { _all: true } }),
    db.evaluation.groupBy({
      by: ['department', 'grade'],
      where: { evaluatedAt: { gte: from, lt: to } },
      _count: { _all: true },
    }),
  ]);
  return (department: string) => {
    const graded = evaluations.filter((e) => e.department === department);
    const total = graded.reduce((sum, e) => sum + e._count._all, 0);
    const satisfied = graded.filter((e) => !isBadReview(e.grade)).reduce((sum, e) => sum + e._count._all, 0);
    return {
      complaints: complaints.find((c) => c.department === department)?._count._all ?? 0,
      evaluations: total,
      satisfactionRate: total ? satisfied / total : null,
    };
  };
}

/**
 * Per lead department, the joint applications concluded in the month after their deadline, and
 * those still open past it at the month's end (or now, in the current month), so a bulletin of a
 * past month generated again says the same.
 */
async function jointLateness(db: PrismaClient, from: Date, to: Date, now: Date) {
  const asOf = new Date(Math.min(to.getTime(), now.getTime()));
  const rows = await db.jointApplication.findMany({
    where: { createdAt: { lt: asOf }, OR: [{ concludedAt: null }, { concludedAt: { gte: from } }] },
    select: {
      leadDepartment: true,
      createdAt: true,
      limitWorkingDays: true,
      extensionWorkingDays: true,
      concludedAt: true,
    },
  });
  return (department: string) => {
    const led = rows
      .filter((row) => row.leadDepartment === department)
      .map((row) => ({ ...row, deadline: jointDeadline(row) }));
    return {
      jointConcludedLate: led.filter((row) => row.concludedAt && row.concludedAt < to && row.concludedAt > row.deadline)
        .length,
      jointOpenOverdue: led.filter((row) => (!row.concludedAt || row.concludedAt > asOf) && row.deadline < asOf).length,
    };
  };
}

/**
 * A month's numbers per department: through the hub's federated statistics, what was received
 * in the month and what was concluded in it (on time, late, refused or denied); from the
 * center's own records, the complaints and evaluations. Ranked by on-time rate, then
 * satisfaction, then fewer complaints, then fewer late, then more concluded.
 */
export async function computeBulletin(
  services: ServiceClient,
  db: PrismaClient,
  month: string,
  now: Date,
): Promise<BulletinLine[]> {
  const { from, to } = monthRange(month, now);
  const [received, concluded, voiceOf, jointOf] = await Promise.all([
    hubStats(services, { submittedFrom: from.toISOString(), submittedTo: to.toISOString() }),
    hubStats(services, { concludedFrom: from.toISOString(), concludedTo: to.toISOString() }),
    publicVoice(db, from, to),
    jointLateness(db, from, to, now),
  ]);
  const lines = departments.map((d) => {
    const r = received.find((row) => row.department === d.code);
    const c = concluded.find((row) => row.department === d.code);
    return {
      ...voiceOf(d.code),
      department: d.code,
      departmentName: d.name,
      received: r?.count ?? 0,
      supplements: r?.supplements ?? 0,
      concluded: c?.concluded ?? 0,
      onTimeRate: c?.decided ? c.onTime / c.decided : null,
      overdue: c?.overdue ?? 0,
      denials: c?.denials ?? 0,
      rank: 0,
      decidedAtWindow: c?.decidedAtWindow ?? 0,
      windowDecisionRate: c?.decided ? c.decidedAtWindow / c.decided : null,
      ...jointOf(d.code),
    };
  });
  const ranked = [...lines].sort(
    (a, b) =>
      (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
      (b.satisfactionRate ?? -1) - (a.satisfactionRate ?? -1) ||
      a.complaints - b.complaints ||
      a.overdue - b.overdue ||
      b.concluded - a.concluded,
  );
  return lines.map((line) => ({ ...line, rank: ranked.indexOf(line) + 1 }));
}
