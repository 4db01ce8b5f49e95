import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../feed/notifications.js';
import { concludedLate } from './feed-handler.js';

const DEADLINE = '2026-03-16T15:59:59.999Z';

function event(toStatus: string, at: string, deadline: string | null = DEADLINE): Pick<FeedEvent, 'event' | 'case'> {
  return {
    event: {
      seq: 7,
      action: 'approve',
      at,
      toStatus,
      materials: [],
      reason: null,
      legalBasis: null,
      procedureLabel: null,
      expectedEnd: null,
      expectedWorkingDays: null,
      deadlineBefore: null,
      deadlineAfter: null,
    },
    case: {
      id: 'housing:1',
      number: 'HOUSING-20260302-000001',
      deadline,
      applicant: { id: 'housing:A1' },
      item: { name: '商品房预售许可' },
      jointApplication: null,
    },
  };
}

describe('a late decision (超期办结), which opens a rectification', () => {
  it('is an approval or denial made after the committed deadline', () => {
    expect(concludedLate(event('APPROVED', '2026-03-16T16:00:00.000Z'))).toBe(true);
    expect(concludedLate(event('DENIED', '2026-04-01T02:00:00.000Z'))).toBe(true);
  });

  it('is not a decision on its last instant or before', () => {
    expect(concludedLate(event('APPROVED', DEADLINE))).toBe(false);
    expect(concludedLate(event('APPROVED', '2026-03-10T02:00:00.000Z'))).toBe(false);
  });

  it('is not a conclusion without a decision on the merits, nor a case without a deadline', () => {
    expect(concludedLate(event('NOT_ACCEPTED', '2026-04-01T02:00:00.000Z'))).toBe(false);
    expect(concludedLate(event('WITHDRAWN', '2026-04-01T02:00:00.000Z'))).toBe(false);
    expect(concludedLate(event('IN_REVIEW', '2026-04-01T02:00:00.000Z'))).toBe(false);
    expect(concludedLate(event('APPROVED', '2026-04-01T02:00:00.000Z', null))).toBe(false);
  });
});
