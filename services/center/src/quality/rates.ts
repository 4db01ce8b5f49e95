import { departments } from '@onewindow/schema';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { monthRange } from '../bulletin/compute.js';
import { isFollowUpOpenPastDue } from './follow-ups.js';

const rate = (part: number, whole: number) => (whole ? part / whole : null);

/**
 * Follow-up (跟进率) and on-time rectification (按期整改率) rates per department, of the
 * follow-ups opened in a month or ever; the center's own windows form a line of their own.
 * Follow-ups are few (a county has thousands a year, not millions), so they are read and counted.
 */
export async function followUpRates(db: PrismaClient, month: string | null | undefined, now: Date) {
  const opened = month ? monthRange(month, now) : null;
  const rows = await db.followUp.findMany({ where: opened ? { openedAt: { gte: opened.from, lt: opened.to } } : {} });
  const lines = [...departments.map((d) => ({ code: d.code as string | null, name: d.name })), { code: null, name: '服务中心' }];
  return lines.map(({ code, name }) => {
    const own = rows.filter((row) => row.department === code);
    const closed = own.filter((row) => row.stage === 'CLOSED').length;
    const founded = own.filter((row) => row.founded === true);
    const rectifiedOnTime = founded.filter((row) => row.rectifiedAt && row.rectifiedAt <= row.dueAt).length;
    return {
      department: code,
      departmentName: name,
      opened: own.length,
      closed,
      followUpRate: rate(closed, own.length),
      founded: founded.length,
      rectifiedOnTime,
      rectificationRate: rate(rectifiedOnTime, founded.length),
      overdue: own.filter((row) => isFollowUpOpenPastDue(row, now)).length,
    };
  });
}
