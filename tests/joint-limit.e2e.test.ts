/**
 * The joint-application limit (行政许可法 §42 second paragraph): 45 working days from acceptance at
 * the center, across the National Day holiday; the supervision level as the clock moves; the one
 * extension of up to 15 working days (supervisor only, before the deadline) and its notice; the
 * conclusion when every part has concluded; the bulletin's joint columns. The expected days are
 * counted independently with chinese-days, not with the kit's calendar.
 */
import chineseDays from 'chinese-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCenterEnv } from '../services/center/src/env.js';
import { enterprise } from './support/applicants.js';
import { atDepartment, readCase, walkTo } from './support/cases.js';
import { applicantWith, type Caller } from './support/callers.js';
import { query } from './support/graphql.js';
import { CENTER_SUPERVISOR, centerAs, clerk, type CenterAs } from './support/hall.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';

/** An hour of a China-time day, as an instant. */
const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00.000Z`) + (hour - 8) * 3600_000);
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The `n`-th working day after `day`, by chinese-days (the independent oracle). */
function workdaysAfter(day: string, n: number, workday = (d: string) => chineseDays.isWorkday(d)): string {
  let current = day;
  for (let left = n; left > 0;) {
    current = nextDay(current);
    if (workday(current)) left -= 1;
  }
  return current;
}
const weekday = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

const ACCEPTED = '2026-09-01';
let now = at(ACCEPTED);
let federation: Federation;
let center: CenterAs;
const SUPERVISOR = CENTER_SUPERVISOR;
const CLERK = clerk(1);
const APPLICANT = enterprise('城东建设有限公司');
const items: Record<string, string> = {};

beforeAll(async () => {
  // A county may set a shorter limit per kind (here 集中办理); the others keep the statute's 45.
  // Only the center is asked (and, through it, the departments and the hub): no router.
  federation = await startFederation({
    demoCases: 0,
    clock: () => now,
    env: { JOINT_LIMIT_WORKING_DAYS: 'CENTRALIZED=10' },
    services: SUBGRAPHS,
  });
  center = centerAs(federation.urls.center!);
  for (const code of ['natres', 'housing']) {
    items[code] = (
      await query(
        federation.urls[code]!,
        `{ ${code} { items(filter: {kind: JOINT}, first: 1) { edges { node { id } } } } }`,
      )
    )[code].items.edges[0].node.id;
  }
});

afterAll(async () => {
  await federation?.stop();
});

const FIELDS = `id kind status acceptedAt limitWorkingDays deadline deadlineProvisional concludedAt extended extensionWorkingDays
  extensionApprovedBy extensionReason overdue remainingWorkingDays supervisionLevel parts { caseId dispatch }
  notifications { kind caseId message }`;
const joint = async (id: string) =>
  (await center.query(SUPERVISOR, `query($id: ID!) { jointApplication(id: $id) { ${FIELDS} } }`, { id }))
    .jointApplication;
const listed = async (levels: string[]) =>
  (
    await center.query(
      SUPERVISOR,
      `query($l: [SupervisionLevel!]) { jointApplications(supervisionLevels: $l) { id } }`,
      { l: levels },
    )
  ).jointApplications.map((j: { id: string }) => j.id);
const EXTEND = `mutation($id: ID!, $days: Int!) {
  extendJointApplication(id: $id, approvedBy: "县人民政府县长 李某", reason: "涉及多部门现场联合踏勘，需延长", workingDays: $days) { ${FIELDS} } }`;
const extendCode = async (id: string, caller: Caller, days: number) => center.code(caller, EXTEND, { id, days });

let keys = 0;
async function create(leadDepartment: string, kind?: string) {
  const input = {
    idempotencyKey: `joint-limit-${++keys}`,
    projectName: `城东片区改造 ${keys}`,
    applicant: APPLICANT,
    leadDepartment,
    ...(kind ? { kind } : {}),
    parts: [{ itemId: items.natres }, { itemId: items.housing }],
  };
  return (
    await center.query(
      CLERK,
      `mutation($input: CreateJointApplicationInput!) { createJointApplication(input: $input) { ${FIELDS} } }`,
      { input },
    )
  ).createJointApplication;
}

/** Accepts and approves a department's case through its own lifecycle mutations. */
async function approve(caseId: string) {
  const code = caseId.split(':')[0]!;
  const target = atDepartment(code, federation.urls[code]!);
  await walkTo(target, await readCase(target, caseId), 'APPROVED');
}

describe('JOINT_LIMIT_WORKING_DAYS', () => {
  it('sets a limit per kind, 45 for a kind not named, and refuses a limit over 45 or an unknown kind at start', () => {
    expect(loadCenterEnv({ JOINT_LIMIT_WORKING_DAYS: 'UNIFIED=30' }).JOINT_LIMIT_WORKING_DAYS).toEqual({
      UNIFIED: 30,
      JOINT: 45,
      CENTRALIZED: 45,
    });
    expect(loadCenterEnv({}).JOINT_LIMIT_WORKING_DAYS).toEqual({ UNIFIED: 45, JOINT: 45, CENTRALIZED: 45 });
    expect(() => loadCenterEnv({ JOINT_LIMIT_WORKING_DAYS: 'JOINT=46' })).toThrow(/JOINT=46.*1 to 45/);
    expect(() => loadCenterEnv({ JOINT_LIMIT_WORKING_DAYS: 'PARALLEL=20,JOINT=x' })).toThrow(
      /PARALLEL=20[\s\S]*JOINT=x/,
    );
  });
});

describe('a joint application’s own deadline (§42)', () => {
  let id: string;
  const deadlineDay = workdaysAfter(ACCEPTED, 45);

  it('is 45 working days from acceptance, the National Day holiday not counted', async () => {
    const created = await create('natres', 'UNIFIED');
    id = created.id;
    expect(created).toMatchObject({
      kind: 'UNIFIED',
      limitWorkingDays: 45,
      extended: false,
      overdue: false,
      supervisionLevel: 'NONE',
      concludedAt: null,
    });
    expect(created.parts.map((p: { dispatch: string }) => p.dispatch)).toEqual(['DISPATCHED', 'DISPATCHED']);
    expect(chinaDay(created.deadline)).toBe(deadlineDay);
    // The holiday moved it: counting weekdays only would end earlier.
    expect(deadlineDay > workdaysAfter(ACCEPTED, 45, weekday)).toBe(true);
    expect(created.deadlineProvisional).toBe(false);
    expect(created.remainingWorkingDays).toBe(45);
    expect(await listed(['NONE'])).toContain(id);
  });

  it('goes WARNING at 3 working days left and YELLOW at 1, in the item and in the filtered list', async () => {
    now = at(workdaysAfter(ACCEPTED, 42));
    expect(await joint(id)).toMatchObject({ supervisionLevel: 'WARNING', remainingWorkingDays: 3, overdue: false });
    expect(await listed(['WARNING'])).toEqual([id]);
    expect(await listed(['RED', 'YELLOW'])).toEqual([]);
    now = at(workdaysAfter(ACCEPTED, 44));
    expect(await joint(id)).toMatchObject({ supervisionLevel: 'YELLOW', remainingWorkingDays: 1 });
    expect(await listed(['YELLOW'])).toEqual([id]);
  });

  it('is extended once, by a supervisor, before the deadline; the applicant is told the new deadline and why', async () => {
    expect(await extendCode(id, CLERK, 15)).toBe('FORBIDDEN');
    expect(await extendCode(id, SUPERVISOR, 16)).toBe('BAD_USER_INPUT');
    expect((await joint(id)).extended).toBe(false);

    const extended = (await center.query(SUPERVISOR, EXTEND, { id, days: 15 })).extendJointApplication;
    const newDay = workdaysAfter(ACCEPTED, 60);
    expect(extended).toMatchObject({
      extended: true,
      extensionWorkingDays: 15,
      extensionApprovedBy: '县人民政府县长 李某',
      supervisionLevel: 'NONE',
    });
    expect(chinaDay(extended.deadline)).toBe(newDay);
    expect(extended.remainingWorkingDays).toBe(16);
    expect(extended.notifications).toHaveLength(1);
    expect(extended.notifications[0]).toMatchObject({ kind: 'JOINT_DEADLINE_EXTENDED', caseId: id });
    expect(extended.notifications[0].message).toContain(newDay);
    expect(extended.notifications[0].message).toContain('涉及多部门现场联合踏勘');
    const byCase = (await center.query(SUPERVISOR, 'query($c: ID!) { notifications(caseId: $c) { kind } }', { c: id }))
      .notifications;
    expect(byCase).toEqual([{ kind: 'JOINT_DEADLINE_EXTENDED' }]);
    // The applicant finds it among their own notifications, signed in with their credit code.
    const theirs = (await center.query(applicantWith(APPLICANT.idNumber), '{ notifications { kind caseId } }'))
      .notifications;
    expect(theirs).toContainEqual({ kind: 'JOINT_DEADLINE_EXTENDED', caseId: id });

    expect(await extendCode(id, SUPERVISOR, 5)).toBe('INVALID_TRANSITION');
    expect((await joint(id)).extensionWorkingDays).toBe(15);
  });

  it('is RED past the extended deadline, and an application past its deadline cannot be extended', async () => {
    now = at(workdaysAfter(ACCEPTED, 44));
    const late = await create('housing', 'CENTRALIZED');
    expect(late).toMatchObject({ kind: 'CENTRALIZED', limitWorkingDays: 10 });
    expect(chinaDay(late.deadline)).toBe(workdaysAfter(ACCEPTED, 54));
    now = at(workdaysAfter(ACCEPTED, 61));
    expect(await joint(id)).toMatchObject({ supervisionLevel: 'RED', overdue: true, remainingWorkingDays: -1 });
    expect(await joint(late.id)).toMatchObject({ supervisionLevel: 'RED', overdue: true, remainingWorkingDays: -7 });
    expect(await extendCode(late.id, SUPERVISOR, 10)).toBe('INVALID_TRANSITION');
    expect((await joint(late.id)).extended).toBe(false);
    expect(await listed(['RED'])).toEqual([late.id, id]);
  });

  it('concludes when every part has, late; the bulletin counts it for its lead department and the other as open overdue', async () => {
    const first = await joint(id);
    for (const part of first.parts) await approve(part.caseId);
    await federation.center.followFeedsNow();
    const concluded = await joint(id);
    expect(concluded.status).toBe('APPROVED');
    expect(concluded.concludedAt).toBe(now.toISOString());
    expect(concluded).toMatchObject({ overdue: true, supervisionLevel: 'RED', remainingWorkingDays: null });
    // Open-only list (the default) no longer shows it; the whole list still does.
    expect(await listed(['RED'])).not.toContain(id);
    const all = (
      await center.query(SUPERVISOR, '{ jointApplications(openOnly: false, supervisionLevels: [RED]) { id } }')
    ).jointApplications;
    expect(all.map((j: { id: string }) => j.id)).toContain(id);

    const month = chinaDay(now.toISOString()).slice(0, 7);
    const bulletin = (
      await center.query(
        SUPERVISOR,
        `mutation { generateBulletin(month: "${month}") { rows { department jointConcludedLate jointOpenOverdue } } }`,
      )
    ).generateBulletin;
    const row = (code: string) => bulletin.rows.find((r: { department: string }) => r.department === code);
    expect(row('natres')).toEqual({ department: 'natres', jointConcludedLate: 1, jointOpenOverdue: 0 });
    expect(row('housing')).toEqual({ department: 'housing', jointConcludedLate: 0, jointOpenOverdue: 1 });
    expect(row('tax')).toEqual({ department: 'tax', jointConcludedLate: 0, jointOpenOverdue: 0 });
  });
});
