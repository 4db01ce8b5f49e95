import { describe, expect, it } from 'vitest';
import { departments } from '@onewindow/schema';
import { rateLines, type RatedFollowUp } from './rates.js';

const NOW = new Date('2026-03-20T02:00:00.000Z');
const PAST = new Date('2026-03-16T15:59:59.999Z');
const FUTURE = new Date('2026-03-30T15:59:59.999Z');

function row(fields: Partial<RatedFollowUp>): RatedFollowUp {
  return {
    department: 'housing',
    stage: 'VERIFYING',
    dueAt: FUTURE,
    dueCovers: 'RECTIFICATION',
    founded: null,
    rectifiedAt: null,
    feedbackAt: null,
    ...fields,
  };
}

describe('follow-up and rectification rates', () => {
  const rows = [
    // Founded, rectified on time, closed.
    row({ stage: 'CLOSED', founded: true, dueAt: PAST, rectifiedAt: new Date('2026-03-10T02:00:00.000Z') }),
    // Founded, rectified after the deadline, feedback pending.
    row({ stage: 'FEEDBACK', founded: true, dueAt: PAST, rectifiedAt: new Date('2026-03-18T02:00:00.000Z') }),
    // Unfounded, closed.
    row({ stage: 'CLOSED', founded: false, dueAt: PAST }),
    // Still being verified past the deadline.
    row({ stage: 'VERIFYING', dueAt: PAST }),
    // Founded, being rectified, deadline ahead.
    row({ stage: 'RECTIFYING', founded: true }),
    // The center's own window: a bad review still without feedback past its deadline.
    row({ department: null, stage: 'FEEDBACK', dueCovers: 'FEEDBACK', dueAt: PAST }),
  ];
  const lines = rateLines(rows, NOW);

  it("has a line per department in registry order, then the center's own windows", () => {
    expect(lines.map((line) => line.department)).toEqual([...departments.map((d) => d.code), null]);
    expect(lines.at(-1)!.departmentName).toBe('服务中心');
  });

  it("counts a department's follow-ups: closed of opened, rectified on time of founded, open past the deadline", () => {
    expect(lines.find((line) => line.department === 'housing')).toMatchObject({
      opened: 5,
      closed: 2,
      followUpRate: 2 / 5,
      founded: 3,
      rectifiedOnTime: 1,
      rectificationRate: 1 / 3,
      overdue: 1,
    });
    expect(lines.find((line) => line.department === null)).toMatchObject({
      opened: 1,
      closed: 0,
      followUpRate: 0,
      founded: 0,
      rectificationRate: null,
      overdue: 1,
    });
  });

  it('gives no rate where there is nothing to divide by', () => {
    expect(lines.find((line) => line.department === 'tax')).toEqual({
      department: 'tax',
      departmentName: departments.find((d) => d.code === 'tax')!.name,
      opened: 0,
      closed: 0,
      followUpRate: null,
      founded: 0,
      rectifiedOnTime: 0,
      rectificationRate: null,
      overdue: 0,
    });
  });
});
