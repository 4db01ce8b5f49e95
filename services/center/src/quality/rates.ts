import { departments } from '@onewindow/schema';
import { scrapedGauge } from '@onewindow/runtime';
import type { FollowUp, PrismaClient } from '../__generated__/prisma/client.js';
import { monthRange, publicVoice } from '../bulletin/compute.js';
import { isFollowUpOpenPastDue, type FollowUpClock } from './follow-ups.js';

const rate = (part: number, whole: number) => (whole ? part / whole : null);

/** What the rates are counted from. */
export type RatedFollowUp = FollowUpClock & Pick<FollowUp, 'department' | 'founded'>;

/** The lines of the rates: each department in registry order, then the center's own windows. */
const LINES: readonly { code: string | null; name: string }[] = [
  ...departments.map((d) => ({ code: d.code, name: d.name })),
  { code: null, name: '服务中心' },
];

/**
 * Follow-up (跟进率) and on-time rectification (按期整改率) rates per department of the given
 * follow-ups: closed / opened, and of those found real, rectified by the deadline / founded; and
 * how many are open past the deadline `now`.
 */
export function rateLines(rows: readonly RatedFollowUp[], now: Date) {
  return LINES.map(({ code, name }) => {
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

/**
 * The rates of the follow-ups opened in a month or ever; the center's own windows form a line of
 * their own. Follow-ups are few (a county has thousands a year, not millions), so they are read
 * and counted.
 */
export async function followUpRates(db: PrismaClient, month: string | null | undefined, now: Date) {
  const opened = month ? monthRange(month, now) : null;
  const rows = await db.followUp.findMany({ where: opened ? { openedAt: { gte: opened.from, lt: opened.to } } : {} });
  return rateLines(rows, now);
}

/**
 * 好差评 and complaints per department (registry order) of the month or ever: the same counts a
 * bulletin freezes for its month (bulletin/compute.ts), read live.
 */
export async function publicVoiceLines(db: PrismaClient, month: string | null | undefined, now: Date) {
  const { from, to } = month ? monthRange(month, now) : { from: new Date(0), to: new Date('9999-12-31T00:00:00Z') };
  const voiceOf = await publicVoice(db, from, to);
  return departments.map((d) => ({ department: d.code, departmentName: d.name, ...voiceOf(d.code) }));
}

/**
 * Open follow-ups past their deadline per department ('center' for the center's own windows),
 * read when Prometheus scrapes: what supervision chases (onewindow_follow_ups_overdue).
 */
export function watchOverdueFollowUps(db: PrismaClient, clock: () => Date) {
  return scrapedGauge(
    'onewindow_follow_ups_overdue',
    'Open follow-ups (complaints, bad reviews, late conclusions) past their deadline, by department.',
    ['department'],
    async () => {
      const open = await db.followUp.findMany({ where: { stage: { not: 'CLOSED' } } });
      const now = clock();
      return LINES.map(({ code }) => [
        { department: code ?? 'center' },
        open.filter((row) => row.department === code && isFollowUpOpenPastDue(row, now)).length,
      ]);
    },
  );
}
