/**
 * 好差评 timing (国办发〔2019〕51号) and 窗口办结率, on the real federation with a movable clock: a bad
 * review's follow-up is due 15 working days later (the National Day holiday not counted, by
 * chinese-days), feedback included, and late when the feedback comes after; the 回访 records its
 * contact; a review grades the window staff member too; decidedAtWindow matches a count read
 * straight from the departments' databases.
 */
import Database from 'better-sqlite3';
import chineseDays from 'chinese-days';
import { join } from 'node:path';
import { departments } from '../schema/src/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransitionName } from '../services/kit/src/index.js';
import { person } from './support/applicants.js';
import { atDepartment, findItem, listItems, submitCase, walk, type CaseState, type Item } from './support/cases.js';
import {
  ANALYST as ANALYST_CALLER,
  SUPERVISOR as HUB_SUPERVISOR,
  chiefOf,
  headersFor,
  officerOf,
  type Caller,
} from './support/callers.js';
import { post, query } from './support/graphql.js';
import { CENTER_SUPERVISOR, centerAs, clerk, type CenterAs } from './support/hall.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';

const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00.000Z`) + (hour - 8) * 3600_000);
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** The `n`-th working day after `day`, by chinese-days (independent of the kit's calendar). */
function workdaysAfter(day: string, n: number): string {
  let current = day;
  for (let left = n; left > 0;) {
    current = nextDay(current);
    if (chineseDays.isWorkday(current)) left -= 1;
  }
  return current;
}

const REVIEWED = '2026-09-24';
let now = at(REVIEWED);
let federation: Federation;
let center: string;
let as: CenterAs;
const SUPERVISOR = CENTER_SUPERVISOR;

beforeAll(async () => {
  // Statistics through our gateway; no other router.
  federation = await startFederation({ demoCases: 20, clock: () => now, services: [...SUBGRAPHS, 'gateway'] });
  center = federation.urls.center!;
  as = centerAs(center);
});

afterAll(async () => {
  await federation?.stop();
});

const FOLLOW_UP = 'id source stage department dueAt dueCovers overdue feedbackAt revisitContact windowStaff { id }';
const EVALUATE = `mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) {
  id grade windowGrade windowStaff { id name } followUp { ${FOLLOW_UP} } } }`;
const step = (name: string, args: string) => `mutation($id: ID!) { ${name}(id: $id, ${args}) { ${FOLLOW_UP} } }`;
const VERIFY = step('verifyFollowUp', 'founded: true, note: "属实"');
const RECTIFY = step('recordRectification', 'measures: "窗口人员培训"');
const FEEDBACK = step('giveFollowUpFeedback', 'message: "已整改，向您致歉"');
const REVISIT = step('recordRevisit', 'satisfied: true, contact: "电话 138-0013-8000", note: "满意"');
/** The code of a refusal; `evaluateCase` is the public's (no token). */
const errorCode = async (text: string, variables: Record<string, unknown>) =>
  (await post(center, text, variables)).body.errors?.[0]?.extensions?.code;
/** Grades a case by its receipt, as the public does. */
const evaluate = async (input: Record<string, unknown>) => {
  const { body } = await post(center, EVALUATE, { input });
  if (!body.data?.evaluateCase) throw new Error(`evaluateCase failed: ${JSON.stringify(body.errors)}`);
  return body.data.evaluateCase;
};

/** A department's own lifecycle mutations. */
const department = (code: string) => atDepartment(code, federation.urls[code]!);

/** A new case of the item, taken through the given transitions by `caller` (the department's officer unless given). */
async function driveCase(item: Item, steps: TransitionName[], caller?: Caller): Promise<CaseState> {
  const target = department(item.department);
  return walk(
    target,
    await submitCase(target, { item, applicant: person('吴九') }),
    steps,
    caller ? { as: caller } : {},
  );
}

const housingPromised = () => findItem(department('housing'), { kind: 'PROMISED' });

describe('a bad review’s follow-up (国办发〔2019〕51号)', () => {
  let promised: Item;
  beforeAll(async () => {
    promised = await housingPromised();
  });

  it('is due 15 working days after the review, feedback included, and late when the feedback comes after', async () => {
    const done = await driveCase(promised, ['accept', 'approve']);
    const input = {
      number: done.number,
      verificationCode: done.verificationCode,
      grade: 'DISSATISFIED',
      comment: '等待时间过长',
    };
    const followUp = (await evaluate(input)).followUp;
    expect(followUp).toMatchObject({ source: 'EVALUATION', dueCovers: 'FEEDBACK', overdue: false });
    expect(chinaDay(followUp.dueAt)).toBe(workdaysAfter(REVIEWED, 15));

    const chief = chiefOf('housing');
    await as.query(SUPERVISOR, VERIFY, { id: followUp.id });
    now = at(workdaysAfter(REVIEWED, 14));
    // Put right in time, but the applicant has not been answered yet.
    expect((await as.query(chief, RECTIFY, { id: followUp.id })).recordRectification).toMatchObject({
      stage: 'FEEDBACK',
      overdue: false,
    });
    now = at(workdaysAfter(REVIEWED, 16));
    const chased = (await as.query(SUPERVISOR, `{ followUps(overdueOnly: true) { id overdue } }`)).followUps;
    expect(chased).toContainEqual({ id: followUp.id, overdue: true });
    // The department answers the applicant itself here: its chief may, as a supervisor may.
    const answered = (await as.query(chief, FEEDBACK, { id: followUp.id })).giveFollowUpFeedback;
    expect(answered).toMatchObject({ stage: 'REVISIT', overdue: true });
    const revisited = (await as.query(SUPERVISOR, REVISIT, { id: followUp.id })).recordRevisit;
    expect(revisited).toMatchObject({ stage: 'CLOSED', overdue: true, revisitContact: '电话 ***-****-8000' });
    // The analyst reads no contact at all.
    const seen = (
      await as.query(ANALYST_CALLER, 'query($id: ID!) { followUp(id: $id) { revisitContact } }', { id: followUp.id })
    ).followUp;
    expect(seen).toEqual({ revisitContact: null });
    // The rates count it among the follow-ups that are not open past due any more.
    const rates = (await as.query(SUPERVISOR, '{ followUpRates { department overdue closed } }')).followUpRates;
    expect(rates.find((r: { department: string }) => r.department === 'housing')).toMatchObject({
      overdue: 0,
      closed: 1,
    });
  });

  it('is on time when the feedback is given by the deadline; a complaint keeps the rectification deadline', async () => {
    now = at(REVIEWED);
    const done = await driveCase(promised, ['accept', 'approve']);
    const input = { number: done.number, verificationCode: done.verificationCode, grade: 'VERY_DISSATISFIED' };
    const followUp = (await evaluate(input)).followUp;
    await as.query(SUPERVISOR, step('verifyFollowUp', 'founded: false, note: "经核实不属实"'), { id: followUp.id });
    now = at(workdaysAfter(REVIEWED, 15), 17);
    expect((await as.query(SUPERVISOR, FEEDBACK, { id: followUp.id })).giveFollowUpFeedback).toMatchObject({
      overdue: false,
    });
    now = at(workdaysAfter(REVIEWED, 20));
    expect(
      (await as.query(SUPERVISOR, `query($id: ID!) { followUp(id: $id) { overdue } }`, { id: followUp.id })).followUp
        .overdue,
    ).toBe(false);
    expect(await as.code(SUPERVISOR, step('recordRevisit', 'satisfied: true, contact: ""'), { id: followUp.id })).toBe(
      'BAD_USER_INPUT',
    );

    now = at(REVIEWED);
    const complaint = (
      await as.query(
        clerk(1),
        `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { followUp { ${FOLLOW_UP} } } }`,
        {
          input: {
            idempotencyKey: 'qt-complaint',
            department: 'housing',
            channel: 'PHONE',
            complainant: '吴九',
            content: '推诿',
          },
        },
      )
    ).fileComplaint.followUp;
    expect(complaint.dueCovers).toBe('RECTIFICATION');
    expect(chinaDay(complaint.dueAt)).toBe(workdaysAfter(REVIEWED, 10));
  });
});

describe('grading the window staff member', () => {
  it('is stored and listed with the evaluation, and a bad window grade opens a follow-up about that window', async () => {
    now = at(REVIEWED);
    const staff = (await as.query(SUPERVISOR, '{ staff { id role departmentCode window { id departmentCode } } }'))
      .staff as {
      id: string;
      role: string;
      window: { id: string; departmentCode: string | null } | null;
    }[];
    const clerk = staff.find((s) => s.role === 'WINDOW_CLERK' && s.window?.departmentCode === 'housing')!;
    const done = await driveCase(await housingPromised(), ['accept', 'approve']);
    const proof = { number: done.number, verificationCode: done.verificationCode };

    expect(await errorCode(EVALUATE, { input: { ...proof, grade: 'SATISFIED', windowStaffId: clerk.id } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      await errorCode(EVALUATE, {
        input: { ...proof, grade: 'SATISFIED', windowStaffId: 'center:S00', windowGrade: 'SATISFIED' },
      }),
    ).toBe('BAD_USER_INPUT');
    expect(
      (await as.query(SUPERVISOR, '{ evaluations(department: "housing") { caseNumber } }')).evaluations.map(
        (e: { caseNumber: string }) => e.caseNumber,
      ),
    ).not.toContain(done.number);

    const evaluation = await evaluate({
      ...proof,
      grade: 'SATISFIED',
      windowStaffId: clerk.id,
      windowGrade: 'VERY_DISSATISFIED',
    });
    expect(evaluation).toMatchObject({
      grade: 'SATISFIED',
      windowGrade: 'VERY_DISSATISFIED',
      windowStaff: { id: clerk.id },
      followUp: null,
    });
    // Housing's officer lists its own evaluations, as a supervisor would.
    const listed = (
      await as.query(officerOf('housing'), '{ evaluations { caseNumber windowGrade windowStaff { id } } }')
    ).evaluations;
    expect(listed).toContainEqual({
      caseNumber: done.number,
      windowGrade: 'VERY_DISSATISFIED',
      windowStaff: { id: clerk.id },
    });
    const followUps = (
      await as.query(SUPERVISOR, `{ followUps(department: "housing", openOnly: true) { ${FOLLOW_UP} } }`)
    ).followUps;
    const about = followUps.filter((f: { source: string }) => f.source === 'WINDOW_EVALUATION');
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({
      windowStaff: { id: clerk.id },
      department: 'housing',
      dueCovers: 'FEEDBACK',
      stage: 'VERIFYING',
    });
    expect(chinaDay(about[0].dueAt)).toBe(workdaysAfter(REVIEWED, 15));
  });
});

/** Decisions on record per department, and those made at the window, read straight from its database. */
function windowDecisionsInDatabase(code: string, concluded?: { from: Date; to: Date }) {
  const db = new Database(join(federation.dataDir, `${code}.db`), { readonly: true, fileMustExist: true });
  try {
    const cases = db
      .prepare(
        `SELECT id, status, deadline, concludedAt FROM "Case" WHERE status IN ('APPROVED', 'DENIED') AND deadline IS NOT NULL`,
      )
      .all() as {
      id: number;
      concludedAt: number | string;
    }[];
    const events = db
      .prepare(`SELECT caseId, action, actor FROM "CaseEvent" WHERE action IN ('approve', 'deny', 'approveOnSpot')`)
      .all() as {
      caseId: number;
      action: string;
      actor: string;
    }[];
    const inPeriod = cases.filter((c) => {
      if (!concluded) return true;
      const time = typeof c.concludedAt === 'number' ? c.concludedAt : Date.parse(c.concludedAt);
      return time >= concluded.from.getTime() && time < concluded.to.getTime();
    });
    const atWindow = inPeriod.filter((c) =>
      events.some((e) => e.caseId === c.id && (e.action === 'approveOnSpot' || e.actor.startsWith('chief:'))),
    ).length;
    return { decided: inPeriod.length, decidedAtWindow: atWindow };
  } finally {
    db.close();
  }
}

describe('窗口办结率 (decidedAtWindow)', () => {
  it('counts decisions on the spot and by center staff, per department, as the databases say; in coverage and the bulletin', async () => {
    now = at('2026-10-12');
    const firstImmediate = async (code: string) => (await listItems(department(code), { kind: 'IMMEDIATE' }))[0];
    const immediate = await Promise.all(departments.map((d) => firstImmediate(d.code)));
    const spotItem = immediate.find((item) => item)!;
    const spotDepartment = spotItem.department;
    const promised = await housingPromised();
    // A chief representative decides at the window (on the spot, or approve and deny for their items).
    const chief = chiefOf('housing');
    await driveCase(spotItem, ['approveOnSpot']);
    await driveCase(promised, ['accept', 'approve'], chief);
    await driveCase(promised, ['accept', 'deny'], chief);
    await driveCase(promised, ['accept', 'approve']);

    const stats = (
      await query(
        federation.gateway.url,
        '{ caseStats(groupBy: [DEPARTMENT]) { incompleteDepartments rows { department decided decidedAtWindow } } }',
        {},
        await headersFor(HUB_SUPERVISOR),
      )
    ).caseStats;
    expect(stats.incompleteDepartments).toEqual([]);
    for (const d of departments) {
      const row = stats.rows.find((r: { department: string }) => r.department === d.code) ?? {
        decided: 0,
        decidedAtWindow: 0,
      };
      expect({ department: d.code, decided: row.decided, decidedAtWindow: row.decidedAtWindow }).toEqual({
        department: d.code,
        ...windowDecisionsInDatabase(d.code),
      });
    }
    const housing = windowDecisionsInDatabase('housing');
    expect(housing.decidedAtWindow).toBeGreaterThanOrEqual(2);

    const coverage = (
      await as.query(SUPERVISOR, '{ catalogCoverage { department decided decidedAtWindow windowDecisionRate } }')
    ).catalogCoverage;
    expect(coverage.find((c: { department: string }) => c.department === 'housing')).toEqual({
      department: 'housing',
      ...housing,
      windowDecisionRate: housing.decidedAtWindow / housing.decided,
    });

    const bulletin = (
      await as.query(
        SUPERVISOR,
        'mutation { generateBulletin(month: "2026-10") { rows { department decidedAtWindow windowDecisionRate } } }',
      )
    ).generateBulletin;
    const october = { from: at('2026-10-01', 0), to: at('2026-11-01', 0) };
    for (const code of ['housing', spotDepartment]) {
      const expected = windowDecisionsInDatabase(code, october);
      expect(expected.decidedAtWindow).toBeGreaterThan(0);
      expect(bulletin.rows.find((r: { department: string }) => r.department === code)).toEqual({
        department: code,
        decidedAtWindow: expected.decidedAtWindow,
        windowDecisionRate: expected.decidedAtWindow / expected.decided,
      });
    }
  });
});
