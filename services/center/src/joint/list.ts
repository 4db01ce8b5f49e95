import type { SupervisionLevel } from '@onewindow/kit';
import type { Prisma, PrismaClient } from '../__generated__/prisma/client.js';
import type { JointApplicationRow } from './types.js';
import { jointClock } from './limit.js';

/**
 * Joint applications for supervision, oldest deadline first, at the levels asked for. A county has
 * hundreds of them a year, not millions, and their deadlines follow the calendar in force, so the
 * levels are computed here rather than stored.
 */
export async function jointApplications(
  db: PrismaClient,
  args: {
    levels: readonly SupervisionLevel[] | null;
    openOnly: boolean;
    first: number;
    /** Those the caller may see (access.ts): all, their own, their department's. */
    scope: Prisma.JointApplicationWhereInput;
  },
  now: Date,
  warningDays: number,
): Promise<JointApplicationRow[]> {
  const rows = await db.jointApplication.findMany({
    where: { ...(args.openOnly ? { concludedAt: null } : {}), ...args.scope },
    include: { parts: true },
  });
  return rows
    .map((row) => ({ row, clock: jointClock(row, now, warningDays) }))
    .filter(({ clock }) => !args.levels || args.levels.includes(clock.supervisionLevel))
    .sort((a, b) => a.clock.deadline.getTime() - b.clock.deadline.getTime() || a.row.id - b.row.id)
    .slice(0, args.first)
    .map(({ row }) => row);
}
