/**
 * The legal procedures of a department's case lifecycle (issue 11), through a real department
 * subgraph with a clock the test moves: the §42 extension counted in working days across the
 * 2026 National Day holiday, the §45 special procedures (OTHER needs a legal basis), the §38
 * refusal notice, and the Chinese labels of every status, level and procedure. Working days are
 * checked against `chinese-days`, independently of the kit's calendar.
 */
import { isWorkday } from 'chinese-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housing } from '../services/housing/src/department.js';
import { CASE_STATUS_LABELS, SPECIAL_PROCEDURE_LABELS, SUPERVISION_LEVEL_LABELS } from '../services/kit/src/index.js';
import { post } from './support/graphql.js';
import { startTestDepartment, type TestDepartment } from './support/department.js';
import { WINDOW, headersFor, officerOf } from './support/callers.js';

/** 10:00 China time on a day. */
const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00.000Z`) + (hour - 8) * 3600_000);
const chinaDay = (instant: string) => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

/** The oracle: the n-th working day after `from` by chinese-days (the day itself never counts). */
function nthWorkday(from: string, n: number): string {
  let day = from;
  for (let found = 0; found < n;) if (isWorkday((day = nextDay(day)))) found += 1;
  return day;
}
/** Working days after `from` up to and including `to`, by chinese-days. */
function workdaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkday(day)) count += 1;
  return count;
}

let now = at('2026-09-21');
let department: TestDepartment;
let item: { code: string; committedLimitDays: number };

beforeAll(async () => {
  department = await startTestDepartment(housing, {}, () => now);
  const { body } = await post(
    department.url,
    '{ housing { items(first: 50) { edges { node { code kind committedLimitDays } } } } }',
  );
  const items = body.data!.housing.items.edges.map((e: { node: typeof item & { kind: string } }) => e.node);
  item = items.find(
    (i: { kind: string; committedLimitDays: number }) => i.kind === 'PROMISED' && i.committedLimitDays === 5,
  );
  expect(item).toBeTruthy();
});

afterAll(async () => {
  await department?.stop();
});

const CASE_FIELDS = `id version status statusLabel deadline deadlineExtended remainingWorkingDays supervisionLevel
  supervisionLevelLabel refusalNotice
  events { seq action fromStatus toStatus reason legalBasis procedure procedureLabel expectedEnd expectedWorkingDays
    approvedBy deadlineBefore deadlineAfter }`;

const INPUT_TYPES: Record<string, string> = {
  submit: 'SubmitApplicationInput',
  notAccept: 'DenialInput',
  deny: 'DenialInput',
  suspend: 'SuspendInput',
  extendDeadline: 'ExtendDeadlineInput',
};

let keys = 0;
const key = () => `legal-${++keys}`;

/** A GraphQL error as the kit codes it. */
type CodedError = {
  message: string;
  extensions: { code: string; transition?: string; problems?: { field: string }[] };
};

/** Window staff submit; the department's officer takes every step and reads the cases. */
const OFFICER = officerOf('housing');

async function mutate(name: string, input: Record<string, unknown>) {
  const { body } = await post(
    department.url,
    `mutation($input: ${INPUT_TYPES[name] ?? 'TransitionInput'}!) { housing { ${name}(input: $input) { ${CASE_FIELDS} } } }`,
    { input },
    await headersFor(name === 'submit' ? WINDOW : OFFICER),
  );
  return { data: body.data?.housing?.[name], error: body.errors?.[0] as CodedError | undefined };
}

type CaseAnswer = Record<string, unknown> & { id: string; version: number; events: Record<string, unknown>[] };

async function ok(name: string, input: Record<string, unknown>): Promise<CaseAnswer> {
  const { data, error } = await mutate(name, input);
  if (error) throw new Error(`${name} failed: ${JSON.stringify(error)}`);
  return data;
}

/** The next step on a case, on the version it is at. */
const step = (c: CaseAnswer, name: string, extra: Record<string, unknown> = {}) =>
  ok(name, { idempotencyKey: key(), caseId: c.id, expectedVersion: c.version, ...extra });

async function read(id: string): Promise<CaseAnswer> {
  const text = `query($id: ID!) { housing { case(id: $id) { ${CASE_FIELDS} } } }`;
  const { body } = await post(department.url, text, { id }, await headersFor(OFFICER));
  return body.data!.housing.case;
}

const applicant = { kind: 'PERSON', name: '王五', idNumber: '330102198803150021' };

/** A case submitted now and accepted now, optionally under review. */
async function acceptedCase(review = true): Promise<CaseAnswer> {
  const submitted = await ok('submit', { idempotencyKey: key(), itemCode: item.code, applicant });
  const accepted = await step(submitted, 'accept');
  return review ? step(accepted, 'startReview') : accepted;
}

const extension = { approvedBy: '县住房和城乡建设局局长 李明', reason: '需对施工现场的安全条件进行补充核查' };

/** Expects a coded refusal that changed nothing on the case. */
async function refused(c: CaseAnswer, name: string, extra: Record<string, unknown>, code: string, message?: RegExp) {
  const { error } = await mutate(name, {
    idempotencyKey: key(),
    caseId: c.id,
    expectedVersion: c.version,
    ...extra,
  });
  expect(error?.extensions?.code, JSON.stringify(error)).toBe(code);
  if (!error) throw new Error(`${name} was not refused`);
  if (message) expect(error.message).toMatch(message);
  const after = await read(c.id);
  expect(after.version).toBe(c.version);
  expect(after.deadline).toBe(c.deadline);
  expect(after.events).toHaveLength(c.events.length);
  return error;
}

describe('§42 extension', () => {
  it('moves the deadline by 10 working days across the National Day holiday, once, and supervision follows', async () => {
    now = at('2026-09-21');
    const c = await acceptedCase();
    // Mid-Autumn Festival (25 September) does not count: the fifth working day is 29 September.
    expect(chinaDay(c.deadline as string)).toBe(nthWorkday('2026-09-21', 5));
    now = at('2026-09-28');
    const before = await read(c.id);
    expect(before).toMatchObject({
      remainingWorkingDays: 1,
      supervisionLevel: 'YELLOW',
      supervisionLevelLabel: '黄牌',
      deadlineExtended: false,
    });

    const extended = await step(before, 'extendDeadline', extension);
    const oldDay = chinaDay(before.deadline as string);
    const newDay = chinaDay(extended.deadline as string);
    expect(newDay).toBe(nthWorkday(oldDay, 10));
    // Ten working days, not ten calendar days: the week of 1-7 October does not count.
    expect(newDay).not.toBe(new Date(Date.parse(`${oldDay}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10));
    expect(workdaysBetween(oldDay, newDay)).toBe(10);
    expect(extended).toMatchObject({
      status: 'IN_REVIEW',
      statusLabel: '审查中',
      deadlineExtended: true,
      remainingWorkingDays: 11,
      supervisionLevel: 'NONE',
      supervisionLevelLabel: '正常',
      version: before.version + 1,
    });
    expect(extended.events.at(-1)).toMatchObject({
      action: 'extendDeadline',
      fromStatus: 'IN_REVIEW',
      toStatus: 'IN_REVIEW',
      approvedBy: extension.approvedBy,
      reason: extension.reason,
      deadlineBefore: before.deadline,
      deadlineAfter: extended.deadline,
    });

    const error = await refused(
      extended,
      'extendDeadline',
      extension,
      'INVALID_TRANSITION',
      /already extended.*one extension/,
    );
    expect(error.extensions.transition).toBe('extendDeadline');
  });

  it('returns the first result for a retried key and writes one event', async () => {
    now = at('2026-09-21');
    const c = await acceptedCase(false);
    const input = {
      idempotencyKey: key(),
      caseId: c.id,
      expectedVersion: c.version,
      ...extension,
      workingDays: 3,
    };
    const first = await ok('extendDeadline', input);
    const again = await ok('extendDeadline', input);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ status: 'ACCEPTED', version: c.version + 1 });
    expect(chinaDay(first.deadline as string)).toBe(nthWorkday(chinaDay(c.deadline as string), 3));
    expect((await read(c.id)).events.filter((e) => e.action === 'extendDeadline')).toHaveLength(1);
  });

  it('is refused once the deadline has passed, and while suspended', async () => {
    now = at('2026-09-21');
    const late = await acceptedCase();
    now = at(nextDay(chinaDay(late.deadline as string)));
    const passed = new RegExp(`passed on ${chinaDay(late.deadline as string)}.*before the limit runs out`);
    await refused(await read(late.id), 'extendDeadline', extension, 'INVALID_TRANSITION', passed);

    now = at('2026-09-21');
    const suspended = await step(await acceptedCase(), 'suspend', {
      procedure: 'HEARING',
      reason: '利害关系人申请听证',
      expectedEnd: at('2026-09-30').toISOString(),
    });
    await refused(
      suspended,
      'extendDeadline',
      extension,
      'INVALID_TRANSITION',
      /case that is SUSPENDED cannot extendDeadline/,
    );
  });

  it('needs the approving head and a reason, and at most 10 working days', async () => {
    now = at('2026-09-21');
    const c = await acceptedCase();
    const bad: [Record<string, unknown>, string][] = [
      [{ ...extension, workingDays: 11 }, 'workingDays'],
      [{ ...extension, workingDays: 0 }, 'workingDays'],
      [{ ...extension, approvedBy: '  ' }, 'approvedBy'],
      [{ ...extension, approvedBy: '长'.repeat(101) }, 'approvedBy'],
      [{ ...extension, reason: '' }, 'reason'],
    ];
    for (const [input, field] of bad) {
      const error = await refused(c, 'extendDeadline', input, 'BAD_USER_INPUT');
      expect(error.extensions.problems?.map((p) => p.field)).toContain(field);
    }
    const { error } = await mutate('extendDeadline', {
      idempotencyKey: key(),
      caseId: c.id,
      expectedVersion: c.version,
      reason: 'r',
    });
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT'); // approvedBy is required by the schema
    expect(error?.message).toMatch(/approvedBy/);
  });
});

describe('§45 special procedures', () => {
  it('needs a legal basis for a procedure outside §45 (OTHER), and records it', async () => {
    now = at('2026-09-21');
    const c = await acceptedCase();
    const other = { procedure: 'OTHER', reason: '依法公示', expectedEnd: at('2026-10-12').toISOString() };
    const error = await refused(c, 'suspend', other, 'BAD_USER_INPUT', /legalBasis/);
    expect(error.extensions.problems).toEqual([expect.objectContaining({ field: 'legalBasis' })]);

    const basis = '《中华人民共和国城乡规划法》第四十条';
    const suspended = await step(c, 'suspend', { ...other, legalBasis: basis });
    expect(suspended).toMatchObject({ status: 'SUSPENDED', statusLabel: '特别程序中' });
    expect(suspended.events.at(-1)).toMatchObject({
      action: 'suspend',
      procedure: 'OTHER',
      procedureLabel: '其他特别程序',
      legalBasis: basis,
      expectedWorkingDays: workdaysBetween('2026-09-21', '2026-10-12'),
    });
  });

  it('names each statutory procedure in Chinese with the working days it needs', async () => {
    now = at('2026-09-21');
    const expectedEnd = at('2026-10-09');
    for (const [procedure, label] of [
      ['HEARING', '听证'],
      ['QUARANTINE', '检疫'],
      ['EXPERT_REVIEW', '专家评审'],
    ] as const) {
      const suspended = await step(await acceptedCase(), 'suspend', {
        procedure,
        reason: '依法需要',
        expectedEnd: expectedEnd.toISOString(),
      });
      expect(suspended.events.at(-1)).toMatchObject({
        procedure,
        procedureLabel: label,
        legalBasis: null,
        expectedWorkingDays: workdaysBetween('2026-09-21', '2026-10-09'),
      });
    }
    // The old codes that are not §45 procedures are gone from the API.
    const c = await acceptedCase();
    const { error } = await mutate('suspend', {
      idempotencyKey: key(),
      caseId: c.id,
      expectedVersion: c.version,
      procedure: 'PUBLIC_NOTICE',
      reason: '公示',
      expectedEnd: expectedEnd.toISOString(),
    });
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('§38 refusal notice', () => {
  it('states the reason, the legal basis and the remedies with their time limits, for denial and refusal', async () => {
    now = at('2026-09-21');
    const denial = { reason: '申请人不符合法定条件。', legalBasis: '《建筑工程施工许可管理办法》第四条' };
    const denied = await step(await acceptedCase(), 'deny', denial);
    const submitted = await ok('submit', { idempotencyKey: key(), itemCode: item.code, applicant });
    const refusal = {
      reason: '申请事项不属于本机关职权范围',
      legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
    };
    const notAccepted = await step(submitted, 'notAccept', refusal);
    for (const [c, decision, facts] of [
      [denied, '不予许可', denial],
      [notAccepted, '不予受理', refusal],
    ] as const) {
      const notice = c.refusalNotice as string;
      expect(c.statusLabel).toBe(decision);
      expect(notice).toContain(`决定对您的申请${decision}`);
      expect(notice).toContain(`理由：${facts.reason.replace(/。$/, '')}。`);
      expect(notice).toContain(`依据：${facts.legalBasis}。`);
      expect(notice).toMatch(/自收到本决定之日起六十日内依法申请行政复议/);
      expect(notice).toMatch(/自收到本决定之日起六个月内依法向人民法院提起行政诉讼/);
      expect(notice).not.toContain('。。');
    }
    const approved = await step(await acceptedCase(), 'approve');
    expect(approved).toMatchObject({ statusLabel: '准予许可', refusalNotice: null });
  });
});

describe('labels', () => {
  it('has a Chinese label for every value of every labelled enum in the schema', async () => {
    const tables: Record<string, Readonly<Record<string, string>>> = {
      CaseStatus: CASE_STATUS_LABELS,
      SupervisionLevel: SUPERVISION_LEVEL_LABELS,
      SpecialProcedure: SPECIAL_PROCEDURE_LABELS,
    };
    for (const [type, table] of Object.entries(tables)) {
      const text = `{ __type(name: "${type}") { enumValues { name } } }`;
      const { body } = await post(department.url, text, {}, await headersFor(OFFICER));
      const values = body.data!.__type.enumValues.map((v: { name: string }) => v.name) as string[];
      expect(values.length, type).toBeGreaterThan(3);
      for (const value of values) expect(table[value], `${type}.${value}`).toMatch(/^\p{Script=Han}+$/u);
      expect(Object.keys(table).sort(), `${type}: labels for values the schema lacks`).toEqual([...values].sort());
      expect(new Set(Object.values(table)).size, `${type}: two values share a label`).toBe(values.length);
    }
    expect(CASE_STATUS_LABELS).toMatchObject({
      SUBMITTED: '待受理',
      SUPPLEMENT_REQUESTED: '待补正',
      APPROVED: '准予许可',
      WITHDRAWN: '已撤回',
    });
    expect(SUPERVISION_LEVEL_LABELS).toEqual({ NONE: '正常', WARNING: '预警', YELLOW: '黄牌', RED: '红牌' });
  });

  it('labels the public tracking answer and its timeline', async () => {
    now = at('2026-09-21');
    const c = await acceptedCase();
    const { body } = await post(
      department.url,
      `query($id: ID!) { housing { case(id: $id) { number verificationCode } } }`,
      { id: c.id },
      await headersFor(OFFICER),
    );
    const { number, verificationCode } = body.data!.housing.case;
    const tracked = await post(
      department.url,
      `query($n: String!, $v: String!) { housing { trackCase(number: $n, verificationCode: $v) { status statusLabel timeline { status statusLabel } } } }`,
      { n: number, v: verificationCode },
    );
    expect(tracked.body.data!.housing.trackCase).toEqual({
      status: 'IN_REVIEW',
      statusLabel: '审查中',
      timeline: [
        { status: 'SUBMITTED', statusLabel: '待受理' },
        { status: 'ACCEPTED', statusLabel: '已受理' },
        { status: 'IN_REVIEW', statusLabel: '审查中' },
      ],
    });
  });
});
