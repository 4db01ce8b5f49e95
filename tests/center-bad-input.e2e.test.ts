/**
 * Every mutation of the center, given bad input, answers with a coded error a person can read,
 * and changes nothing: the center's database is byte-for-byte the same afterwards. The list of
 * mutations is read from the center's schema, so a new mutation without cases here fails. Each
 * request is made by someone who may make it (else it is FORBIDDEN, also a case here), so what is
 * refused is the input.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person } from './support/applicants.js';
import { applicantWith, chiefOf, officerOf, type Caller } from './support/callers.js';
import { atDepartment, findItem, submitCase } from './support/cases.js';
import { query } from './support/graphql.js';
import { CENTER_SUPERVISOR, centerAs, clerk as clerkNo, type CenterAs } from './support/hall.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';

let federation: Federation;
let center: string;
let as: CenterAs;

/** What the bad inputs below refer to: real records made through the API first. */
const made = {
  applicant: '',
  openInquiry: '',
  closedInquiry: '',
  fastTrack: '',
  fastTrackKey: 'bad-input-ft',
  jointKey: 'bad-input-joint',
  joint: '',
  followUp: '',
  complaintKey: 'bad-input-complaint',
  openCase: { id: '', number: '', verificationCode: '' },
  jointItems: [] as string[],
  month: '',
};

const supervisor = CENTER_SUPERVISOR;
const clerk = clerkNo(1);
/** Env's officer: the complaint below is about env, so its follow-up is env's to put right. */
const envOfficer = officerOf('env');
const applicant = { kind: 'ENTERPRISE', name: '青山置业有限公司', idNumber: '91330100MA2B3C4D5E' };
const fastTrack = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: made.fastTrackKey,
  caseId: made.openCase.id,
  projectName: '县人民医院迁建工程',
  leader: '常务副县长 李明',
  reason: '重大民生项目',
  outstanding: ['施工图审查合格书'],
  dueDate: '2099-01-01T00:00:00.000Z',
  ...overrides,
});
const joint = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: made.jointKey,
  projectName: '青山安置房一期工程',
  applicant,
  leadDepartment: 'natres',
  parts: [{ itemId: made.jointItems[0] }, { itemId: made.jointItems[1], dependsOn: 0 }],
  ...overrides,
});
const complaint = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: made.complaintKey,
  department: 'env',
  channel: 'PHONE',
  complainant: '吴九',
  content: '办事指南与实际要求不一致',
  ...overrides,
});

beforeAll(async () => {
  // Only the center is asked (and, through it, the departments and the hub): no router.
  federation = await startFederation({ demoCases: 20, services: SUBGRAPHS });
  center = federation.urls.center!;
  as = centerAs(center);
  const housing = atDepartment('housing', federation.urls.housing!);
  const item = await findItem(housing, { kind: 'PROMISED' });
  made.openCase = await submitCase(housing, { item, applicant: person('周八') });
  for (const code of ['natres', 'housing']) {
    made.jointItems.push(
      (
        await query(
          federation.urls[code]!,
          `{ ${code} { items(filter: {kind: JOINT}, first: 1) { edges { node { id } } } } }`,
        )
      )[code].items.edges[0].node.id,
    );
  }

  made.applicant = (
    await as.query(
      clerk,
      `mutation { registerApplicant(kind: "PERSON", name: "郑十", idNumber: "330102198001010021") { id } }`,
    )
  ).registerApplicant.id;
  const take = `mutation($a: ID!) { takeInquiry(applicantId: $a, question: "营业执照变更要带什么？") { id } }`;
  made.openInquiry = (await as.query(clerk, take, { a: made.applicant })).takeInquiry.id;
  made.closedInquiry = (await as.query(clerk, take, { a: made.applicant })).takeInquiry.id;
  await as.query(clerk, `mutation($id: ID!) { closeInquiry(id: $id, answer: "请带原执照与股东会决议。") { id } }`, {
    id: made.closedInquiry,
  });
  made.fastTrack = (
    await as.query(
      supervisor,
      'mutation($input: AuthorizeFastTrackInput!) { authorizeFastTrack(input: $input) { id } }',
      { input: fastTrack() },
    )
  ).authorizeFastTrack.id;
  made.joint = (
    await as.query(
      clerk,
      'mutation($input: CreateJointApplicationInput!) { createJointApplication(input: $input) { id } }',
      { input: joint() },
    )
  ).createJointApplication.id;
  made.followUp = (
    await as.query(
      clerk,
      'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { followUp { id } } }',
      { input: complaint() },
    )
  ).fileComplaint.followUp.id;
  const china = new Date(Date.now() + 8 * 3600_000);
  made.month = china.toISOString().slice(0, 7);
  await as.query(supervisor, `mutation { generateBulletin(month: "${made.month}") { id } }`);
});

afterAll(async () => {
  await federation?.stop();
});

/**
 * A digest of every row of every table of the center's own database. The feed cursor is left
 * out: it records when the departments' feeds were last read, which the poller may do anytime;
 * and so is the audit trail (its table and its counter), whose records of earlier reads are
 * written in the moments after.
 */
async function centerDigest(): Promise<Record<string, string>> {
  const db = federation.centerDatabase();
  try {
    const tables = (await db.tables()).filter((name) => !['FeedCursor', 'AuditRecord'].includes(name));
    // One digest per table, so a failure names the table that changed; its rows in a stable order
    // (SQLite's counter of audit records left out, as the trail is).
    const digest = async (table: string) => {
      const rows = await db.query(`SELECT * FROM "${table}"`);
      const kept = table === 'sqlite_sequence' ? rows.filter((row) => row.name !== 'AuditRecord') : rows;
      const lines = kept.map((row) => JSON.stringify(row)).sort();
      return createHash('sha256').update(lines.join('\n')).digest('hex');
    };
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await digest(table)] as const)));
  } finally {
    await db.close();
  }
}

interface BadCase {
  why: string;
  /** Who sends it: someone the center lets use the mutation unless the case is about who may; null: the public. */
  as: Caller | null;
  text: () => string;
  variables?: () => Record<string, unknown>;
  code: string;
}

const FAST_TRACK = 'mutation($input: AuthorizeFastTrackInput!) { authorizeFastTrack(input: $input) { id } }';
const JOINT = 'mutation($input: CreateJointApplicationInput!) { createJointApplication(input: $input) { id } }';
const extend = (days: number, approvedBy = '县长王某') =>
  `mutation($id: ID!) { extendJointApplication(id: $id, approvedBy: "${approvedBy}", reason: "需补充现场核查", workingDays: ${days}) { id } }`;
const COMPLAINT = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }';
const EVALUATE = 'mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) { id } }';
const CALENDAR = 'mutation($input: CalendarYearInput!) { enterCalendarYear(input: $input) { id } }';
/** An otherwise valid 2027 (the statutory holidays of the 2024 rule), with one thing changed. */
const calendarYear = (overrides: Record<string, unknown> = {}) => ({
  year: 2027,
  holidays: [
    '2027-01-01',
    '2027-02-05',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-04-05',
    '2027-05-01',
    '2027-05-02',
    '2027-06-09',
    '2027-09-15',
    '2027-10-01',
    '2027-10-02',
    '2027-10-03',
  ],
  adjustedWorkdays: [],
  notice: 'TEST FIXTURE (not a State Council notice)',
  ...overrides,
});
const step = (name: string, args: string) => () => `mutation($id: ID!) { ${name}(id: $id, ${args}) { id } }`;

/** Bad requests per mutation: what is wrong, and the code that says so. */
const BAD: Record<string, BadCase[]> = {
  generateBulletin: [
    {
      why: 'a month that does not exist',
      as: supervisor,
      text: () => 'mutation { generateBulletin(month: "2026-13") { id } }',
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a month not yet begun',
      as: supervisor,
      text: () => 'mutation { generateBulletin(month: "2999-01") { id } }',
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a month of a year no case is from (year 0, a typo)',
      as: supervisor,
      text: () => 'mutation { generateBulletin(month: "0000-01") { id } }',
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a clerk, not a supervisor',
      as: clerk,
      text: () => 'mutation { generateBulletin(month: "2026-01") { id } }',
      code: 'FORBIDDEN',
    },
    {
      why: 'the public',
      as: null,
      text: () => 'mutation { generateBulletin(month: "2026-01") { id } }',
      code: 'UNAUTHENTICATED',
    },
    {
      why: 'a month published already',
      as: supervisor,
      text: () => `mutation { generateBulletin(month: "${made.month}") { id } }`,
      code: 'CONFLICT',
    },
  ],
  registerApplicant: [
    {
      why: 'a resident ID that is not one',
      as: clerk,
      text: () => 'mutation { registerApplicant(kind: "PERSON", name: "甲", idNumber: "12345") { id } }',
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'half of a surrogate pair in the name (not text)',
      as: clerk,
      text: () =>
        'mutation($name: String!) { registerApplicant(kind: "PERSON", name: $name, idNumber: "330102198001010021") { id } }',
      variables: () => ({ name: '甲\ud800' }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a NUL in the name (not text)',
      as: clerk,
      text: () =>
        'mutation { registerApplicant(kind: "PERSON", name: "甲\\u0000乙", idNumber: "330102198001010021") { id } }',
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an unknown kind',
      as: clerk,
      text: () => 'mutation { registerApplicant(kind: "ALIEN", name: "甲", idNumber: "330102198001010021") { id } }',
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an empty name',
      as: clerk,
      text: () => 'mutation { registerApplicant(kind: "PERSON", name: " ", idNumber: "330102198001010039") { id } }',
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a phone that is not one',
      as: clerk,
      text: () =>
        'mutation { registerApplicant(kind: "PERSON", name: "乙", idNumber: "330102198001010047", phone: "call me") { id } }',
      code: 'BAD_USER_INPUT',
    },
  ],
  takeInquiry: [
    {
      why: 'an empty question',
      as: clerk,
      text: () => `mutation { takeInquiry(applicantId: "${made.applicant}", question: " ") { id } }`,
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an unknown applicant',
      as: clerk,
      text: () => `mutation { takeInquiry(applicantId: "center:A999", question: "问") { id } }`,
      code: 'NOT_FOUND',
    },
    {
      why: 'a supervisor, not window staff',
      as: supervisor,
      text: () => `mutation { takeInquiry(applicantId: "${made.applicant}", question: "问") { id } }`,
      code: 'FORBIDDEN',
    },
  ],
  closeInquiry: [
    {
      why: 'someone other than the first contact',
      as: clerkNo(2),
      text: () => `mutation { closeInquiry(id: "${made.openInquiry}", answer: "答") { id } }`,
      code: 'FORBIDDEN',
    },
    {
      why: 'an inquiry closed already',
      as: clerk,
      text: () => `mutation { closeInquiry(id: "${made.closedInquiry}", answer: "再答") { id } }`,
      code: 'INVALID_TRANSITION',
    },
    {
      why: 'an empty answer',
      as: clerk,
      text: () => `mutation { closeInquiry(id: "${made.openInquiry}", answer: "") { id } }`,
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an unknown inquiry',
      as: clerk,
      text: () => `mutation { closeInquiry(id: "center:Q999", answer: "答") { id } }`,
      code: 'NOT_FOUND',
    },
  ],
  authorizeAtWindow: [
    {
      why: 'a clerk, not a chief representative',
      as: officerOf('housing'),
      text: () => `mutation { authorizeAtWindow(staffId: "center:S01", itemId: "${made.jointItems[1]}") { id } }`,
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an unknown staff member',
      as: officerOf('housing'),
      text: () => `mutation { authorizeAtWindow(staffId: "center:S99", itemId: "${made.jointItems[1]}") { id } }`,
      code: 'NOT_FOUND',
    },
    {
      why: "another department's officer",
      as: officerOf('natres'),
      text: () => `mutation { authorizeAtWindow(staffId: "center:C04", itemId: "${made.jointItems[1]}") { id } }`,
      code: 'FORBIDDEN',
    },
    {
      why: 'the chief representative granting it to themselves',
      as: chiefOf('housing'),
      text: () => `mutation { authorizeAtWindow(staffId: "center:C04", itemId: "${made.jointItems[1]}") { id } }`,
      code: 'FORBIDDEN',
    },
  ],
  authorizeFastTrack: [
    {
      why: 'no outstanding materials',
      as: supervisor,
      text: () => FAST_TRACK,
      variables: () => ({ input: fastTrack({ idempotencyKey: 'ft-2', outstanding: [] }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a material listed twice',
      as: supervisor,
      text: () => FAST_TRACK,
      variables: () => ({ input: fastTrack({ idempotencyKey: 'ft-3', outstanding: ['甲', '甲'] }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a due date past',
      as: supervisor,
      text: () => FAST_TRACK,
      variables: () => ({ input: fastTrack({ idempotencyKey: 'ft-4', dueDate: '2020-01-01' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a due date that does not exist (30 February), not rolled over to March',
      as: supervisor,
      text: () => FAST_TRACK,
      variables: () => ({ input: fastTrack({ idempotencyKey: 'ft-4b', dueDate: '2099-02-30' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a due date in words',
      as: supervisor,
      text: () => FAST_TRACK,
      variables: () => ({ input: fastTrack({ idempotencyKey: 'ft-4c', dueDate: 'tomorrow' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a case nobody has',
      as: supervisor,
      text: () => FAST_TRACK,
      variables: () => ({ input: fastTrack({ idempotencyKey: 'ft-5', caseId: 'housing:99999999' }) }),
      code: 'NOT_FOUND',
    },
    {
      why: 'a clerk, not a supervisor',
      as: clerk,
      text: () => FAST_TRACK,
      variables: () => ({ input: fastTrack({ idempotencyKey: 'ft-6' }) }),
      code: 'FORBIDDEN',
    },
    {
      why: 'a used key for another request',
      as: supervisor,
      text: () => FAST_TRACK,
      variables: () => ({ input: fastTrack({ reason: '另一个理由' }) }),
      code: 'CONFLICT',
    },
  ],
  receiveFastTrackMaterials: [
    {
      why: 'a material not outstanding',
      as: clerk,
      text: () => `mutation { receiveFastTrackMaterials(id: "${made.fastTrack}", materials: ["不存在的材料"]) { id } }`,
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'no materials',
      as: clerk,
      text: () => `mutation { receiveFastTrackMaterials(id: "${made.fastTrack}", materials: []) { id } }`,
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an unknown fast track',
      as: clerk,
      text: () => 'mutation { receiveFastTrackMaterials(id: "center:F999", materials: ["施工图审查合格书"]) { id } }',
      code: 'NOT_FOUND',
    },
  ],
  createJointApplication: [
    {
      why: 'one part only',
      as: clerk,
      text: () => JOINT,
      variables: () => ({ input: joint({ idempotencyKey: 'j-2', parts: [{ itemId: made.jointItems[0] }] }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a part waiting for a later one',
      as: clerk,
      text: () => JOINT,
      variables: () => ({
        input: joint({
          idempotencyKey: 'j-3',
          parts: [{ itemId: made.jointItems[0], dependsOn: 1 }, { itemId: made.jointItems[1] }],
        }),
      }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a lead that has no part',
      as: clerk,
      text: () => JOINT,
      variables: () => ({ input: joint({ idempotencyKey: 'j-4', leadDepartment: 'tax' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a credit code that is not one',
      as: clerk,
      text: () => JOINT,
      variables: () => ({ input: joint({ idempotencyKey: 'j-5', applicant: { ...applicant, idNumber: 'X' } }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an item of no department',
      as: clerk,
      text: () => JOINT,
      variables: () => ({
        input: joint({ idempotencyKey: 'j-6', parts: [{ itemId: 'police:1' }, { itemId: made.jointItems[1] }] }),
      }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an item its department does not have',
      as: clerk,
      text: () => JOINT,
      variables: () => ({
        input: joint({
          idempotencyKey: 'j-7',
          parts: [{ itemId: made.jointItems[0] }, { itemId: 'housing:999999999999' }],
        }),
      }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a supervisor, not a clerk',
      as: supervisor,
      text: () => JOINT,
      variables: () => ({ input: joint({ idempotencyKey: 'j-8' }) }),
      code: 'FORBIDDEN',
    },
    {
      why: 'a used key for another project',
      as: clerk,
      text: () => JOINT,
      variables: () => ({ input: joint({ projectName: '另一个项目' }) }),
      code: 'CONFLICT',
    },
  ],
  fileComplaint: [
    {
      why: 'nothing complained about',
      as: clerk,
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ idempotencyKey: 'c-2', department: null }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'two subjects at once',
      as: clerk,
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ idempotencyKey: 'c-3', windowId: 'center:W01' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an unknown department',
      as: clerk,
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ idempotencyKey: 'c-4', department: 'police' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a case nobody has',
      as: clerk,
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ idempotencyKey: 'c-5', department: null, caseId: 'housing:99999999' }) }),
      code: 'NOT_FOUND',
    },
    {
      why: 'an unknown window',
      as: clerk,
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ idempotencyKey: 'c-6', department: null, windowId: 'center:W99' }) }),
      code: 'NOT_FOUND',
    },
    {
      why: 'empty content',
      as: clerk,
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ idempotencyKey: 'c-7', content: ' ' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an unknown channel',
      as: clerk,
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ idempotencyKey: 'c-8', channel: 'PIGEON' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an applicant filing it but not online',
      as: applicantWith('330102198001010021'),
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ idempotencyKey: 'c-9' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a supervisor, not a clerk or the applicant',
      as: supervisor,
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ idempotencyKey: 'c-10' }) }),
      code: 'FORBIDDEN',
    },
    {
      why: 'a used key for another complaint',
      as: clerk,
      text: () => COMPLAINT,
      variables: () => ({ input: complaint({ content: '另一件事' }) }),
      code: 'CONFLICT',
    },
  ],
  evaluateCase: [
    {
      why: 'a wrong verification code',
      as: null,
      text: () => EVALUATE,
      variables: () => ({
        input: {
          number: made.openCase.number,
          verificationCode: made.openCase.verificationCode === '000000' ? '111111' : '000000',
          grade: 'SATISFIED',
        },
      }),
      code: 'NOT_FOUND',
    },
    {
      why: 'a case not concluded',
      as: null,
      text: () => EVALUATE,
      variables: () => ({
        input: { number: made.openCase.number, verificationCode: made.openCase.verificationCode, grade: 'SATISFIED' },
      }),
      code: 'INVALID_TRANSITION',
    },
    {
      why: 'a comment too long',
      as: null,
      text: () => EVALUATE,
      variables: () => ({
        input: {
          number: made.openCase.number,
          verificationCode: made.openCase.verificationCode,
          grade: 'SATISFIED',
          comment: '长'.repeat(501),
        },
      }),
      code: 'BAD_USER_INPUT',
    },
  ],
  verifyFollowUp: [
    {
      why: 'a clerk, not a supervisor',
      as: clerk,
      text: step('verifyFollowUp', `founded: true, note: "核实"`),
      variables: () => ({ id: made.followUp }),
      code: 'FORBIDDEN',
    },
    {
      why: 'an empty note',
      as: supervisor,
      text: step('verifyFollowUp', `founded: true, note: ""`),
      variables: () => ({ id: made.followUp }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an unknown follow-up',
      as: supervisor,
      text: step('verifyFollowUp', `founded: true, note: "核实"`),
      variables: () => ({ id: 'center:U999' }),
      code: 'NOT_FOUND',
    },
  ],
  recordRectification: [
    {
      why: 'a matter not yet verified',
      as: envOfficer,
      text: step('recordRectification', `measures: "整改"`),
      variables: () => ({ id: made.followUp }),
      code: 'INVALID_TRANSITION',
    },
    {
      why: 'no measures',
      as: envOfficer,
      text: step('recordRectification', `measures: " "`),
      variables: () => ({ id: made.followUp }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: "a supervisor, on a department's matter",
      as: supervisor,
      text: step('recordRectification', `measures: "整改"`),
      variables: () => ({ id: made.followUp }),
      code: 'FORBIDDEN',
    },
  ],
  giveFollowUpFeedback: [
    {
      why: 'a matter not yet put right',
      as: supervisor,
      text: step('giveFollowUpFeedback', `message: "反馈"`),
      variables: () => ({ id: made.followUp }),
      code: 'INVALID_TRANSITION',
    },
    {
      why: "another department's officer",
      as: officerOf('tax'),
      text: step('giveFollowUpFeedback', 'message: "反馈"'),
      variables: () => ({ id: made.followUp }),
      code: 'FORBIDDEN',
    },
  ],
  recordRevisit: [
    {
      why: 'no feedback given yet',
      as: supervisor,
      text: step('recordRevisit', `satisfied: true, contact: "电话"`),
      variables: () => ({ id: made.followUp }),
      code: 'INVALID_TRANSITION',
    },
    {
      why: 'a note too long',
      as: supervisor,
      text: step('recordRevisit', `satisfied: true, contact: "电话", note: "${'长'.repeat(2001)}"`),
      variables: () => ({ id: made.followUp }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an empty contact',
      as: supervisor,
      text: step('recordRevisit', `satisfied: true, contact: " "`),
      variables: () => ({ id: made.followUp }),
      code: 'BAD_USER_INPUT',
    },
  ],
  extendJointApplication: [
    {
      why: 'a clerk, not a supervisor',
      as: clerk,
      text: () => extend(10),
      variables: () => ({ id: made.joint }),
      code: 'FORBIDDEN',
    },
    {
      why: 'more than 15 working days',
      as: supervisor,
      text: () => extend(16),
      variables: () => ({ id: made.joint }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'no approving head named',
      as: supervisor,
      text: () => extend(10, ' '),
      variables: () => ({ id: made.joint }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'an unknown joint application',
      as: supervisor,
      text: () => extend(10),
      variables: () => ({ id: 'center:J999' }),
      code: 'NOT_FOUND',
    },
    {
      why: 'a joint application number past any row number',
      as: supervisor,
      text: () => extend(10),
      variables: () => ({ id: 'center:J99999999999999999999999' }),
      code: 'NOT_FOUND',
    },
  ],
  enterCalendarYear: [
    {
      why: 'a clerk, not a supervisor',
      as: clerk,
      text: () => CALENDAR,
      variables: () => ({ input: calendarYear() }),
      code: 'FORBIDDEN',
    },
    {
      why: 'no notice named',
      as: supervisor,
      text: () => CALENDAR,
      variables: () => ({ input: calendarYear({ notice: '  ' }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a day off outside the year',
      as: supervisor,
      text: () => CALENDAR,
      variables: () => ({ input: calendarYear({ holidays: ['2026-12-31'] }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a 调休 working day on a weekday',
      as: supervisor,
      text: () => CALENDAR,
      variables: () => ({ input: calendarYear({ adjustedWorkdays: ['2027-02-22'] }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a day that does not exist',
      as: supervisor,
      text: () => CALENDAR,
      variables: () => ({ input: calendarYear({ holidays: ['2027-02-30'] }) }),
      code: 'BAD_USER_INPUT',
    },
    {
      why: 'a year out of range',
      as: supervisor,
      text: () => CALENDAR,
      variables: () => ({ input: calendarYear({ year: 1800, holidays: [] }) }),
      code: 'BAD_USER_INPUT',
    },
  ],
};

describe('bad input to the center', () => {
  it('has cases for every mutation the center offers', async () => {
    const fields = (await as.query(supervisor, '{ __type(name: "Mutation") { fields { name } } }')).__type.fields.map(
      (f: { name: string }) => f.name,
    );
    expect(fields.sort()).toEqual(Object.keys(BAD).sort());
  });

  for (const [mutation, cases] of Object.entries(BAD)) {
    it(`${mutation}: a coded error a person can read, and nothing changed`, async () => {
      for (const bad of cases) {
        const before = await centerDigest();
        const { status, body } = await as.post(bad.as, bad.text(), bad.variables?.() ?? {});
        const error = body.errors?.[0];
        // A malformed variable is refused before execution with HTTP 400, the public with 401; the rest answer 200.
        const clientError = [200, 400, 401].includes(status);
        expect({ why: bad.why, code: error?.extensions?.code, clientError }).toEqual({
          why: bad.why,
          code: bad.code,
          clientError: true,
        });
        expect(error!.message.length, bad.why).toBeGreaterThan(10);
        expect(error!.message, bad.why).not.toMatch(/\n\s+at |Prisma|SQLITE|undefined/);
        expect(body.data?.[mutation] ?? null, bad.why).toBeNull();
        expect(await centerDigest(), `${mutation}: ${bad.why} changed the database`).toEqual(before);
      }
    });
  }
});
