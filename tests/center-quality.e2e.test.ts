/**
 * Complaints (效能投诉), evaluations (好差评) and their follow-up: verify, rectify by the
 * deadline, give feedback, return to the applicant. Late decisions seen in a department's change
 * feed open rectifications; the monthly bulletin counts complaints and satisfaction. Everything
 * runs on the real federation, each request as the verified person who would make it (a clerk, the
 * supervisor, the department's chief representative, the applicant); time is a clock the test moves.
 */
import { departments } from '../schema/src/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person } from './support/applicants.js';
import {
  atDepartment,
  findItem,
  step,
  submitCase,
  walkTo,
  type CaseState,
  type CaseTarget,
  type Item,
} from './support/cases.js';
import { ANALYST, applicantWith, chiefOf, officerOf } from './support/callers.js';
import { post } from './support/graphql.js';
import { CENTER_SUPERVISOR, centerAs, clerk, type CenterAs } from './support/hall.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';

/** 10:00 China time on a day. */
const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00.000Z`) + (hour - 8) * 3600_000);
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

let now = at('2026-11-02');
let federation: Federation;
let center: string;
let as: CenterAs;
let housing: CaseTarget;
let item: Item;

beforeAll(async () => {
  // The center asks housing and, for the bulletin, the hub: every subgraph, no router.
  federation = await startFederation({ demoCases: 20, clock: () => now, services: SUBGRAPHS });
  center = federation.urls.center!;
  as = centerAs(center);
  housing = atDepartment('housing', federation.urls.housing!);
  item = await findItem(housing, { kind: 'PROMISED' });
});

afterAll(async () => {
  await federation?.stop();
});

const SUPERVISOR = CENTER_SUPERVISOR;
const FOLLOW_UP = `id source stage department caseNumber summary dueAt dueCovers overdue founded verification rectification feedback revisitSatisfied closedAt`;
/** The code of a refusal; `evaluateCase` is the public's (no token). */
const errorCode = async (text: string, variables: Record<string, unknown>) =>
  (await post(center, text, variables)).body.errors?.[0]?.extensions?.code;

/** A new housing case, walked to `status` by housing's officer. */
async function housingCase(status: string): Promise<CaseState> {
  return walkTo(housing, await submitCase(housing, { item, applicant: person('周八') }), status);
}

const EVALUATE = `mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) { id grade caseId caseNumber department followUp { ${FOLLOW_UP} } } }`;
const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id subject department caseId caseNumber window { id } phoneMasked followUp { ${FOLLOW_UP} } } }`;
const VERIFY = `mutation($id: ID!, $founded: Boolean!, $note: String!) { verifyFollowUp(id: $id, founded: $founded, note: $note) { ${FOLLOW_UP} } }`;
const RECTIFY = `mutation($id: ID!, $m: String!) { recordRectification(id: $id, measures: $m) { ${FOLLOW_UP} rectifiedBy } }`;
const FEEDBACK = `mutation($id: ID!, $m: String!) { giveFollowUpFeedback(id: $id, message: $m) { ${FOLLOW_UP} } }`;
const REVISIT = `mutation($id: ID!, $ok: Boolean!) { recordRevisit(id: $id, satisfied: $ok, contact: "13800138000", note: "电话回访") { ${FOLLOW_UP} } }`;

describe('evaluations (好差评)', () => {
  it('a bad review of a concluded case opens a follow-up that goes verify, rectify, feedback, revisit; once per case', async () => {
    const open = await housingCase('ACCEPTED');
    const wrongCode = open.verificationCode === '000000' ? '111111' : '000000';
    expect(
      await errorCode(EVALUATE, {
        input: { number: open.number, verificationCode: wrongCode, grade: 'VERY_DISSATISFIED' },
      }),
    ).toBe('NOT_FOUND');
    expect(
      await errorCode(EVALUATE, {
        input: { number: open.number, verificationCode: open.verificationCode, grade: 'DISSATISFIED' },
      }),
    ).toBe('INVALID_TRANSITION');

    const done = await housingCase('APPROVED');
    const input = {
      number: done.number,
      verificationCode: done.verificationCode,
      grade: 'VERY_DISSATISFIED',
      comment: '窗口人员态度冷淡，来回跑了三次',
    };
    // The applicant grades it by the receipt: no sign-in needed.
    const evaluation = (await post(center, EVALUATE, { input })).body.data!.evaluateCase;
    expect(evaluation).toMatchObject({
      grade: 'VERY_DISSATISFIED',
      caseId: done.id,
      caseNumber: done.number,
      department: 'housing',
    });
    const followUp = evaluation.followUp;
    expect(followUp).toMatchObject({
      source: 'EVALUATION',
      stage: 'VERIFYING',
      department: 'housing',
      overdue: false,
      founded: null,
    });
    expect(followUp.summary).toContain('非常不满意');
    // A bad review: fifteen working days from Monday 2 November 2026 (no holidays in November), feedback
    // included (国办发〔2019〕51号): Monday the 23rd.
    expect(chinaDay(followUp.dueAt)).toBe('2026-11-23');
    expect(followUp.dueCovers).toBe('FEEDBACK');

    // The same evaluation again is the same one; a different grade is refused and changes nothing.
    expect((await post(center, EVALUATE, { input })).body.data!.evaluateCase.id).toBe(evaluation.id);
    expect(await errorCode(EVALUATE, { input: { ...input, grade: 'VERY_SATISFIED' } })).toBe('CONFLICT');
    expect(
      (await as.query(SUPERVISOR, '{ evaluations { id grade } }')).evaluations.filter(
        (e: { id: string }) => e.id === evaluation.id,
      ),
    ).toEqual([{ id: evaluation.id, grade: 'VERY_DISSATISFIED' }]);

    // Each step in order, by whoever answers for it: the verified caller, never an argument.
    const chief = chiefOf('housing');
    const other = chiefOf('env');
    expect(await as.code(chief, RECTIFY, { id: followUp.id, m: '先整改' })).toBe('INVALID_TRANSITION');
    expect(await as.code(clerk(1), VERIFY, { id: followUp.id, founded: true, note: '核实' })).toBe('FORBIDDEN');
    expect(await as.code(chief, VERIFY, { id: followUp.id, founded: true, note: '自己核实' })).toBe('FORBIDDEN');
    const verified = (
      await as.query(SUPERVISOR, VERIFY, { id: followUp.id, founded: true, note: '调取监控，情况属实' })
    ).verifyFollowUp;
    expect(verified).toMatchObject({ stage: 'RECTIFYING', founded: true, verification: '调取监控，情况属实' });
    expect(await as.code(SUPERVISOR, VERIFY, { id: followUp.id, founded: false, note: '再核实' })).toBe(
      'INVALID_TRANSITION',
    );
    expect(await as.code(other, RECTIFY, { id: followUp.id, m: '别的部门来整改' })).toBe('FORBIDDEN');
    // A supervisor puts right only what is the center's own: this is housing's.
    expect(await as.code(SUPERVISOR, RECTIFY, { id: followUp.id, m: '督查代为整改' })).toBe('FORBIDDEN');
    expect(await as.code(chief, RECTIFY, { id: followUp.id, m: '   ' })).toBe('BAD_USER_INPUT');
    const rectified = (await as.query(chief, RECTIFY, { id: followUp.id, m: '窗口人员停岗培训，推行首问负责' }))
      .recordRectification;
    expect(rectified).toMatchObject({
      stage: 'FEEDBACK',
      rectification: '窗口人员停岗培训，推行首问负责',
      overdue: false,
      rectifiedBy: 'chief:chief-housing',
    });
    const answered = (await as.query(SUPERVISOR, FEEDBACK, { id: followUp.id, m: '已对窗口人员批评教育并整改' }))
      .giveFollowUpFeedback;
    expect(answered.stage).toBe('REVISIT');
    expect(await as.code(chief, REVISIT, { id: followUp.id, ok: true })).toBe('FORBIDDEN');
    const closed = (await as.query(SUPERVISOR, REVISIT, { id: followUp.id, ok: true })).recordRevisit;
    expect(closed).toMatchObject({ stage: 'CLOSED', revisitSatisfied: true });
    expect(closed.closedAt).not.toBeNull();
    expect(await as.code(SUPERVISOR, REVISIT, { id: followUp.id, ok: false })).toBe('INVALID_TRANSITION');

    // Housing's chief reads housing's follow-ups, not env's; the analyst reads them without their words.
    expect(
      (await as.query(chief, `{ followUps(first: 200) { id department } }`)).followUps.every(
        (f: { department: string }) => f.department === 'housing',
      ),
    ).toBe(true);
    expect(await as.code(chief, '{ followUps(department: "env") { id } }')).toBe('FORBIDDEN');
    const masked = (
      await as.query(ANALYST, 'query($id: ID!) { followUp(id: $id) { id summary verification rectification } }', {
        id: followUp.id,
      })
    ).followUp;
    expect(masked).toEqual({ id: followUp.id, summary: null, verification: null, rectification: null });

    // A good review opens nothing.
    const good = await housingCase('APPROVED');
    const praise = (
      await post(center, EVALUATE, {
        input: { number: good.number, verificationCode: good.verificationCode, grade: 'SATISFIED' },
      })
    ).body.data!.evaluateCase;
    expect(praise.followUp).toBeNull();
  });
});

describe('complaints (效能投诉)', () => {
  let keys = 0;
  const complaint = (overrides: Record<string, unknown>) => ({
    idempotencyKey: `c-${++keys}`,
    channel: 'PHONE',
    complainant: '吴九',
    phone: '13800138000',
    content: '材料齐全仍被要求补正',
    ...overrides,
  });
  /** Complaints are received at a window by a clerk. */
  const CLERK = clerk(1);

  it('records a complaint about a case, a department or a window, each with its follow-up; refuses what is unclear', async () => {
    const subject = await housingCase('ACCEPTED');
    const aboutCase = (await as.query(CLERK, FILE, { input: complaint({ caseId: subject.id }) })).fileComplaint;
    expect(aboutCase).toMatchObject({
      subject: 'CASE',
      department: 'housing',
      caseId: subject.id,
      caseNumber: subject.number,
      phoneMasked: '*******8000',
    });
    expect(aboutCase.followUp).toMatchObject({
      source: 'COMPLAINT',
      stage: 'VERIFYING',
      department: 'housing',
      caseNumber: subject.number,
    });

    const aboutWindow = (
      await as.query(CLERK, FILE, { input: complaint({ windowId: 'center:W01', channel: 'WINDOW' }) })
    ).fileComplaint;
    expect(aboutWindow).toMatchObject({ subject: 'WINDOW', department: null, window: { id: 'center:W01' } });
    const aboutDepartment = (await as.query(CLERK, FILE, { input: complaint({ department: 'env' }) })).fileComplaint;
    expect(aboutDepartment).toMatchObject({ subject: 'DEPARTMENT', department: 'env' });

    const count = async () => (await as.query(SUPERVISOR, '{ complaints(first: 200) { id } }')).complaints.length;
    const before = await count();
    expect(await as.code(CLERK, FILE, { input: complaint({ caseId: 'housing:99999999' }) })).toBe('NOT_FOUND');
    expect(await as.code(CLERK, FILE, { input: complaint({ department: 'env', windowId: 'center:W01' }) })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await as.code(CLERK, FILE, { input: complaint({}) })).toBe('BAD_USER_INPUT');
    expect(await as.code(CLERK, FILE, { input: complaint({ department: 'police' }) })).toBe('BAD_USER_INPUT');
    // Nobody but a clerk or the applicant themselves files one; the public must sign in.
    expect(await as.code(SUPERVISOR, FILE, { input: complaint({ department: 'env' }) })).toBe('FORBIDDEN');
    expect(await as.code(null, FILE, { input: complaint({ department: 'env' }) })).toBe('UNAUTHENTICATED');

    // A retry is the same complaint; the same key for something else is a CONFLICT.
    const first = complaint({ department: 'tax' });
    const filed = (await as.query(CLERK, FILE, { input: first })).fileComplaint;
    expect((await as.query(CLERK, FILE, { input: first })).fileComplaint.id).toBe(filed.id);
    expect(await as.code(CLERK, FILE, { input: { ...first, content: '另一件事' } })).toBe('CONFLICT');
    expect(await count()).toBe(before + 1);

    // The center's own window is put right by a supervisor; an unfounded matter skips rectification.
    const windowFollowUp = aboutWindow.followUp.id;
    expect(
      (
        await as.query(SUPERVISOR, VERIFY, {
          id: windowFollowUp,
          founded: false,
          note: '经核实，系申请人误解',
        })
      ).verifyFollowUp,
    ).toMatchObject({
      stage: 'FEEDBACK',
      founded: false,
    });
  });

  it('lists follow-ups past their deadline and reports follow-up and rectification rates per department', async () => {
    // Three weeks on: every follow-up still being verified or rectified is late.
    now = at('2026-11-23');
    const overdue = (await as.query(SUPERVISOR, `{ followUps(overdueOnly: true, first: 200) { ${FOLLOW_UP} } }`))
      .followUps as { stage: string; overdue: boolean; dueAt: string }[];
    expect(overdue.length).toBeGreaterThan(0);
    for (const f of overdue) {
      expect(['VERIFYING', 'RECTIFYING']).toContain(f.stage);
      expect(f.overdue).toBe(true);
      expect(Date.parse(f.dueAt)).toBeLessThan(now.getTime());
    }
    const all = (await as.query(SUPERVISOR, `{ followUps(first: 200) { ${FOLLOW_UP} } }`)).followUps as {
      stage: string;
      overdue: boolean;
      department: string | null;
      founded: boolean | null;
      rectification: string | null;
    }[];
    expect(overdue.length).toBe(all.filter((f) => ['VERIFYING', 'RECTIFYING'].includes(f.stage)).length);

    // A late rectification counts as late.
    const housingOpen = all.find((f) => f.department === 'housing' && f.stage === 'VERIFYING') as unknown as {
      id: string;
    };
    await as.query(SUPERVISOR, VERIFY, { id: housingOpen.id, founded: true, note: '属实' });
    const late = (await as.query(officerOf('housing'), RECTIFY, { id: housingOpen.id, m: '补正要求已撤回' }))
      .recordRectification;
    expect(late.overdue).toBe(true);

    // The rates, against a count of the follow-ups as listed.
    const rates = (
      await as.query(
        SUPERVISOR,
        '{ followUpRates(month: "2026-11") { department opened closed followUpRate founded rectifiedOnTime rectificationRate overdue } }',
      )
    ).followUpRates as {
      department: string | null;
      opened: number;
      closed: number;
      followUpRate: number | null;
      founded: number;
      rectifiedOnTime: number;
      rectificationRate: number | null;
      overdue: number;
    }[];
    const listed = (await as.query(SUPERVISOR, `{ followUps(first: 200) { department stage founded } }`)).followUps as {
      department: string | null;
      stage: string;
      founded: boolean | null;
    }[];
    for (const line of rates) {
      const own = listed.filter((f) => f.department === line.department);
      expect(line.opened).toBe(own.length);
      expect(line.closed).toBe(own.filter((f) => f.stage === 'CLOSED').length);
      expect(line.founded).toBe(own.filter((f) => f.founded === true).length);
    }
    const housing = rates.find((r) => r.department === 'housing')!;
    // Housing: the bad review (founded, rectified in time, closed), the case complaint (founded, rectified late).
    expect(housing).toMatchObject({
      opened: 2,
      closed: 1,
      followUpRate: 0.5,
      founded: 2,
      rectifiedOnTime: 1,
      rectificationRate: 0.5,
      overdue: 0,
    });
    expect(rates.find((r) => r.department === 'env')).toMatchObject({
      opened: 1,
      closed: 0,
      followUpRate: 0,
      founded: 0,
      rectificationRate: null,
      overdue: 1,
    });
    expect(await as.code(SUPERVISOR, '{ followUpRates(month: "2026-13") { opened } }')).toBe('BAD_USER_INPUT');
    for (const month of ['0000-01', '0999-12'])
      for (const field of ['followUpRates', 'publicVoice'])
        expect(await as.code(SUPERVISOR, `{ ${field}(month: "${month}") { department } }`), month).toBe(
          'BAD_USER_INPUT',
        );
  });
});

describe('late decisions seen in the change feed', () => {
  it('open one rectification for the department, however often the event is delivered', async () => {
    now = at('2026-11-24');
    const late = await housingCase('ACCEPTED');
    now = at('2026-12-28'); // far past any committed limit
    const approved = await step(housing, late, 'approve');
    expect(approved.overdue).toBe(true);
    await federation.center.followFeedsNow();
    const opened = async () =>
      (
        (await as.query(SUPERVISOR, `{ followUps(department: "housing", first: 200) { ${FOLLOW_UP} } }`)).followUps as {
          source: string;
          caseNumber: string;
        }[]
      ).filter((f) => f.source === 'LATE_CONCLUSION' && f.caseNumber === late.number);
    const [followUp] = (await opened()) as unknown as [{ stage: string; founded: boolean; summary: string }];
    expect(followUp).toMatchObject({ stage: 'RECTIFYING', founded: true });
    expect(followUp.summary).toContain('超期办结');

    const db = federation.centerDatabase();
    await db.run(`UPDATE "FeedCursor" SET "cursor" = NULL WHERE "department" = 'housing'`);
    await db.close();
    await federation.center.followFeedsNow();
    expect(await opened()).toHaveLength(1);
  });
});

describe('the monthly bulletin (月通报)', () => {
  it("counts each department's complaints and satisfaction as the center recorded them", async () => {
    const generated = (
      await as.query(
        SUPERVISOR,
        'mutation { generateBulletin(month: "2026-11") { generatedBy rows { department complaints evaluations satisfactionRate rank } } }',
      )
    ).generateBulletin;
    expect(generated.generatedBy).toBe('supervisor:S00');
    const bulletin = generated.rows as {
      department: string;
      complaints: number;
      evaluations: number;
      satisfactionRate: number | null;
      rank: number;
    }[];

    // An independent count straight from the center's database, November 2026 China time.
    const db = federation.centerDatabase();
    const from = at('2026-11-01', 0).getTime();
    const to = at('2026-12-01', 0).getTime();
    // SQLite keeps an instant as milliseconds or text, PostgreSQL as a timestamp (a Date here).
    const inMonth = async (column: string, table: string) =>
      (await db.query(`SELECT * FROM "${table}"`)).filter((row) => {
        const value = row[column];
        const time =
          typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Date.parse(String(value));
        return time >= from && time < to;
      });
    const complaints = await inMonth('receivedAt', 'Complaint');
    const evaluations = await inMonth('evaluatedAt', 'Evaluation');
    const everEvaluated = await db.query<{ department: string }>('SELECT "department" FROM "Evaluation"');
    await db.close();
    for (const line of bulletin) {
      const graded = evaluations.filter((e) => e.department === line.department);
      const satisfied = graded.filter((e) => !['DISSATISFIED', 'VERY_DISSATISFIED'].includes(String(e.grade))).length;
      expect(line.complaints).toBe(complaints.filter((c) => c.department === line.department).length);
      expect(line.evaluations).toBe(graded.length);
      expect(line.satisfactionRate).toBe(graded.length ? satisfied / graded.length : null);
    }
    const housing = bulletin.find((line) => line.department === 'housing')!;
    expect(housing).toMatchObject({ complaints: 1, evaluations: 2, satisfactionRate: 0.5 });

    // The overview's live figures (publicVoice) are the same count, for the month and for ever.
    const voice = async (month: string | null) =>
      (
        await as.query(
          SUPERVISOR,
          `{ publicVoice${month ? `(month: "${month}")` : ''} { department departmentName evaluations satisfactionRate complaints } }`,
        )
      ).publicVoice as {
        department: string;
        evaluations: number;
        satisfactionRate: number | null;
        complaints: number;
      }[];
    const november = await voice('2026-11');
    expect(november.map((line) => line.department)).toEqual(departments.map((d) => d.code));
    for (const line of november) {
      const inBulletin = bulletin.find((b) => b.department === line.department)!;
      expect(line).toMatchObject({
        evaluations: inBulletin.evaluations,
        satisfactionRate: inBulletin.satisfactionRate,
        complaints: inBulletin.complaints,
      });
    }
    for (const line of await voice(null))
      expect(line.evaluations).toBe(everEvaluated.filter((e) => e.department === line.department).length);
    expect(await as.code(SUPERVISOR, '{ publicVoice(month: "2026-13") { evaluations } }')).toBe('BAD_USER_INPUT');
    expect(bulletin.find((line) => line.department === 'env')!.complaints).toBe(1);
    expect(bulletin.map((line) => line.rank).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('complaints by verified callers', () => {
  const CLERK = clerk(1);
  const complaint = (overrides: Record<string, unknown>) => ({
    channel: 'PHONE',
    complainant: '吴九',
    content: '材料齐全仍被要求补正',
    ...overrides,
  });

  it('is filed by the applicant online, about their own case only; keys are each caller’s own', async () => {
    const owner = person('郑十一');
    const theirs = await submitCase(housing, { item, applicant: owner });
    const someoneElses = await housingCase('ACCEPTED');
    const applicant = applicantWith(owner.idNumber);
    const FILED = `mutation($input: FileComplaintInput!) {
      fileComplaint(input: $input) { id caseId channel receivedBy } }`;
    const own = complaint({ idempotencyKey: 'mine-1', caseId: theirs.id, channel: 'ONLINE', phone: null });
    const filed = (await as.query(applicant, FILED, { input: own })).fileComplaint;
    expect(filed).toMatchObject({ caseId: theirs.id, channel: 'ONLINE' });
    // Recorded by the applicant's opaque ID, never their ID number.
    expect(filed.receivedBy).toMatch(/^applicant:/);
    expect(filed.receivedBy).not.toContain(owner.idNumber);
    expect(
      await as.code(applicant, FILED, { input: { ...own, idempotencyKey: 'mine-2', caseId: someoneElses.id } }),
    ).toBe('NOT_FOUND');
    expect(await as.code(applicant, FILED, { input: { ...own, idempotencyKey: 'mine-3', channel: 'PHONE' } })).toBe(
      'BAD_USER_INPUT',
    );
    // The same key from a clerk is the clerk's own request: it neither returns nor conflicts with the applicant's.
    const clerks = (await as.query(CLERK, FILED, { input: { ...own, caseId: null, department: 'natres' } }))
      .fileComplaint;
    expect(clerks.id).not.toBe(filed.id);
    // The applicant lists their own complaints only; the analyst reads names masked and no content.
    const listed = (await as.query(applicant, '{ complaints { id } }')).complaints;
    expect(listed).toEqual([{ id: filed.id }]);
    const masked = (await as.query(ANALYST, '{ complaints(first: 200) { id complainant content phoneMasked } }'))
      .complaints;
    expect(masked.find((c: { id: string }) => c.id === filed.id)).toEqual({
      id: filed.id,
      complainant: '吴*',
      content: null,
      phoneMasked: null,
    });
    // Env's officer reads env's complaints only.
    const envs = (await as.query(officerOf('env'), '{ complaints(first: 200) { department } }')).complaints;
    expect(envs.length).toBeGreaterThan(0);
    expect(envs.every((c: { department: string }) => c.department === 'env')).toBe(true);
  });
});
