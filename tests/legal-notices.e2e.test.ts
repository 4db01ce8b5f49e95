/**
 * The applicant's written notices for the legal procedures (issue 11), on the real federation with
 * a clock the test moves: a §42 extension routed through the gateway and the hub, a §45 special
 * procedure and a §38 denial, each seen in the department's change feed by the center, which
 * writes one notification per event. The department's and the center's databases are read
 * directly (read-only) as the oracle.
 */
import Database from 'better-sqlite3';
import { isWorkday } from 'chinese-days';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person } from './support/applicants.js';
import {
  findItem,
  step,
  submitCase,
  throughHub,
  walkTo,
  type CaseState,
  type CaseTarget,
  type Item,
} from './support/cases.js';
import { applicantWith, headersFor, officerOf } from './support/callers.js';
import { post, query } from './support/graphql.js';
import { startFederation, type Federation } from './support/federation.js';

/** 10:00 China time on a day. */
const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00.000Z`) + (hour - 8) * 3600_000);
const chinaDay = (instant: string | number) =>
  new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
/** The oracle: the n-th working day after `from` by chinese-days. */
function nthWorkday(from: string, n: number): string {
  let day = from;
  for (let found = 0; found < n;) if (isWorkday((day = nextDay(day)))) found += 1;
  return day;
}

let now = at('2026-09-21');
let federation: Federation;
let hub: CaseTarget;
let item: Item;
/** Housing's officer takes the steps; the applicant reads what they were told. */
const officer = officerOf('housing', 'staff-3');
const staff = { as: officer };
const applicant = person('赵六');

beforeAll(async () => {
  // Housing's cases through the hub's routed mutations, and the center's notices: no other department is asked.
  federation = await startFederation({
    demoCases: 0,
    clock: () => now,
    services: ['housing', 'hub', 'center', 'gateway'],
  });
  hub = throughHub(federation.gateway.url);
  item = await findItem(hub, { department: 'housing', kind: 'PROMISED', where: (i) => i.committedLimitDays === 5 });
}, 120_000);

afterAll(async () => {
  await federation?.stop();
});

/** A housing case in review, made through the gateway: the hub sends each mutation to housing. */
async function reviewedCase(): Promise<CaseState> {
  const submitted = await submitCase(hub, { item, applicant });
  return walkTo(hub, submitted, 'IN_REVIEW', staff);
}

/** The center's notifications of a case, oldest first, as the gateway serves them to the applicant signed in. */
async function notices(caseId: string): Promise<{ kind: string; message: string }[]> {
  await federation.center.followFeedsNow();
  const data = await query(
    federation.gateway.url,
    'query($id: ID!) { notifications(caseId: $id) { kind message } }',
    { id: caseId },
    await headersFor(applicantWith(applicant.idNumber)),
  );
  return [...data.notifications].reverse();
}

const readOnly = (file: string) =>
  new Database(join(federation.dataDir, file), { readonly: true, fileMustExist: true });

describe('notices of the legal procedures', () => {
  it('§42: an extension routed through the hub moves the deadline by working days, and the applicant is told why', async () => {
    now = at('2026-09-21');
    const c = await reviewedCase();
    now = at('2026-09-28');
    const extended = await step(
      hub,
      c,
      'extendDeadline',
      { approvedBy: '局长 李明', reason: '需补充核查施工现场安全条件。' },
      staff,
    );
    const oldDay = chinaDay(c.deadline!);
    const newDay = nthWorkday(oldDay, 10);
    expect(chinaDay(extended.deadline!)).toBe(newDay);
    expect(extended).toMatchObject({ status: 'IN_REVIEW', version: c.version + 1 });

    // Through the gateway the hub answers the contract, the department its own fields.
    const view = await query(
      federation.gateway.url,
      'query($id: ID!) { case(id: $id) { statusLabel deadlineExtended supervisionLevelLabel } }',
      { id: c.id },
      await headersFor(officer),
    );
    expect(view.case).toEqual({ statusLabel: '审查中', deadlineExtended: true, supervisionLevelLabel: '正常' });

    const second = await post(
      federation.gateway.url,
      'mutation($input: ExtendDeadlineInput!) { extendDeadline(input: $input) { id } }',
      {
        input: {
          idempotencyKey: 'notice-extend-again',
          caseId: c.id,
          expectedVersion: extended.version,
          approvedBy: '局长 李明',
          reason: '再延',
        },
      },
      await headersFor(officer),
    );
    expect(second.body.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');

    const db = readOnly('housing.db');
    try {
      const localId = Number(c.id.split(':')[1]);
      // Prisma stores instants as ISO text.
      const row = db.prepare('SELECT extendedAt, deadline, version FROM "Case" WHERE id = ?').get(localId) as Record<
        string,
        string
      >;
      expect(Date.parse(row.extendedAt!)).toBe(now.getTime());
      expect(Date.parse(row.deadline!)).toBe(Date.parse(extended.deadline!));
      expect(row.version).toBe(extended.version);
      const events = db
        .prepare(
          'SELECT approvedBy, reason, deadlineBefore, deadlineAfter FROM CaseEvent WHERE caseId = ? AND action = ?',
        )
        .all(localId, 'extendDeadline') as Record<string, string>[];
      expect(
        events.map((e) => ({
          ...e,
          deadlineBefore: Date.parse(e.deadlineBefore!),
          deadlineAfter: Date.parse(e.deadlineAfter!),
        })),
      ).toEqual([
        {
          approvedBy: '局长 李明',
          reason: '需补充核查施工现场安全条件。',
          deadlineBefore: Date.parse(c.deadline!),
          deadlineAfter: Date.parse(extended.deadline!),
        },
      ]);
    } finally {
      db.close();
    }

    const told = (await notices(c.id)).filter((n) => n.kind === 'DEADLINE_EXTENDED');
    expect(told).toHaveLength(1);
    expect(told[0]!.message).toContain('办理期限延长10个工作日');
    expect(told[0]!.message).toContain(`由${oldDay}延至${newDay}`);
    expect(told[0]!.message).toContain('延期理由：需补充核查施工现场安全条件。');
    expect(told[0]!.message).not.toContain('。。');
  });

  it('§45: the applicant is told the procedure in Chinese, its legal basis and the working days it needs', async () => {
    now = at('2026-09-21');
    const c = await reviewedCase();
    const expertReview = {
      procedure: 'EXPERT_REVIEW',
      reason: '涉及结构安全',
      expectedEnd: at('2026-10-09').toISOString(),
    };
    await step(hub, c, 'suspend', expertReview, staff);
    const other = await reviewedCase();
    const basis = '《中华人民共和国城乡规划法》第四十条';
    const expectedEnd = at('2026-10-12').toISOString();
    const publicNotice = { procedure: 'OTHER', legalBasis: basis, reason: '依法公示', expectedEnd };
    await step(hub, other, 'suspend', publicNotice, staff);

    const [statutory] = (await notices(c.id)).filter((n) => n.kind === 'SPECIAL_PROCEDURE');
    expect(statutory!.message).toContain('需进行专家评审（涉及结构安全）');
    expect(statutory!.message).toContain('依据《中华人民共和国行政许可法》第四十五条');
    // 22-24, 28-30 September, 8-9 October: Mid-Autumn and the National Day week do not count.
    expect(statutory!.message).toContain('预计需要8个工作日，至2026-10-09结束');
    const [otherNotice] = (await notices(other.id)).filter((n) => n.kind === 'SPECIAL_PROCEDURE');
    expect(otherNotice!.message).toContain(`需进行其他特别程序（依法公示），依据${basis}，所需时间不计入办理期限`);
  });

  it('§38: a denial notice names the reason, the legal basis and the remedies, the same text the department serves', async () => {
    now = at('2026-09-21');
    const c = await reviewedCase();
    await step(
      hub,
      c,
      'deny',
      { reason: '申请人不符合法定条件', legalBasis: '《建筑工程施工许可管理办法》第四条' },
      staff,
    );
    const [denial] = (await notices(c.id)).filter((n) => n.kind === 'CONCLUDED');
    const served = await query(
      federation.gateway.url,
      'query($id: ID!) { case(id: $id) { refusalNotice statusLabel } }',
      { id: c.id },
      await headersFor(officer),
    );
    expect(served.case.statusLabel).toBe('不予许可');
    expect(denial!.message).toContain(served.case.refusalNotice);
    expect(denial!.message).toMatch(/理由：申请人不符合法定条件。依据：《建筑工程施工许可管理办法》第四条。/);
    expect(denial!.message).toMatch(/六十日内依法申请行政复议.*六个月内依法向人民法院提起行政诉讼/);

    // One notification per event, however often the feed is read.
    await federation.center.followFeedsNow();
    const center = federation.centerDatabase();
    try {
      const rows = await center.query(
        'SELECT "kind", COUNT(*) AS n FROM "Notification" WHERE "caseId" = ? GROUP BY "kind"',
        [c.id],
      );
      expect(rows).toEqual([{ kind: 'CONCLUDED', n: 1 }]);
    } finally {
      await center.close();
    }
  });

  it('the public tracking page shows statuses in Chinese', async () => {
    now = at('2026-09-21');
    const c = await reviewedCase();
    const tracked = await query(
      federation.gateway.url,
      'query($n: String!, $v: String!) { trackCase(number: $n, verificationCode: $v) { statusLabel timeline { statusLabel } } }',
      { n: c.number, v: c.verificationCode },
    );
    expect(tracked.trackCase).toEqual({
      statusLabel: '审查中',
      timeline: [{ statusLabel: '待受理' }, { statusLabel: '已受理' }, { statusLabel: '审查中' }],
    });
  });
});
