/**
 * The lifecycle table says which notice each transition causes; the center takes that from the
 * table (noticeOf) and writes the text from the event it reads in the feed. Every declared notice
 * must come out as a notification of its kind, and no other transition may notify, so the table
 * (and docs/lifecycle.md) tells the truth about what an applicant is told.
 */
import { describe, expect, it } from 'vitest';
import { notificationFor, type FeedEvent } from '../services/center/src/feed/notifications.js';
import { LIFECYCLE, SUBMIT } from '../services/kit/src/index.js';

/** An event of `action` into `toStatus`, with every field a notice may need. */
function feedEvent(action: string, toStatus: string): FeedEvent {
  return {
    cursor: 'c1',
    event: {
      seq: 2,
      action,
      at: '2026-09-21T02:00:00.000Z',
      toStatus,
      materials: ['营业执照'],
      reason: '需要补充调查',
      legalBasis: '《中华人民共和国行政许可法》第三十八条第二款',
      procedureLabel: '检验',
      expectedEnd: '2026-09-28T02:00:00.000Z',
      expectedWorkingDays: 5,
      deadlineBefore: '2026-09-28T02:00:00.000Z',
      deadlineAfter: '2026-10-15T02:00:00.000Z',
    },
    case: {
      id: 'housing:1',
      number: 'HOUSING-20260921-000001',
      deadline: '2026-10-15T02:00:00.000Z',
      applicant: { id: 'applicant:x' },
      item: { name: '建筑工程施工许可' },
      jointApplication: null,
    },
  };
}

describe("the lifecycle table's notices", () => {
  it('are the notifications the center sends for each transition, and none where it says none', () => {
    const declared = [
      { name: SUBMIT.name, toStatus: SUBMIT.to, notice: SUBMIT.notice },
      ...Object.values(LIFECYCLE).map((t) => ({ name: t.name, toStatus: t.to ?? t.from[0]!, notice: t.notice })),
    ];
    const sent = declared.map(({ name, toStatus }) => [
      name,
      notificationFor(feedEvent(name, toStatus), '住房和城乡建设局')?.kind ?? null,
    ]);
    expect(sent).toEqual(declared.map(({ name, notice }) => [name, notice?.kind ?? null]));
    expect(sent.filter(([, kind]) => kind)).toHaveLength(8);
  });
});
