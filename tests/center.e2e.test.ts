/**
 * The center follows every department's change feed with a persisted cursor and tells applicants
 * what happened: each event has its effect exactly once, however often it is delivered. Every
 * request acts as the verified person who would make it; the center's own calls (feeds, joint
 * parts) act as the center itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../schema/src/index.js';
import { enterprise, person } from './support/applicants.js';
import { readAllCases } from './support/brute-force.js';
import { AUDITOR, WINDOW, applicantWith, chiefOf, headersFor, officerOf, type Caller } from './support/callers.js';
import { atDepartment, findItem, readCase, submitCase, walk, walkTo } from './support/cases.js';
import { post, query } from './support/graphql.js';
import { CENTER_SUPERVISOR, centerAs, clerk, type CenterAs } from './support/hall.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';
import { centerOnPostgres } from './support/center-database.js';
import { auditKeyFrom, readAnchor, verifyChain, type AuditRecord } from '../services/runtime/src/index.js';

let federation: Federation;
let as: CenterAs;
const SUPERVISOR = CENTER_SUPERVISOR;

beforeAll(async () => {
  // Our gateway and @apollo/gateway answer the joint parts across departments; no Rust planner here.
  federation = await startFederation({ demoCases: 50, services: [...SUBGRAPHS, 'gateway', 'apolloGateway'] });
  as = centerAs(federation.urls.center!);
});

/** A request as `caller` straight to a department's subgraph. */
const atDepartmentAs = async (code: string, caller: Caller, text: string) =>
  query(federation.urls[code]!, text, {}, await headersFor(caller));

/** A department's own lifecycle mutations. */
const department = (code: string) => atDepartment(code, federation.urls[code]!);

afterAll(async () => {
  await federation?.stop();
});

const notificationsOf = async (caseId: string, caller: Caller = SUPERVISOR) =>
  (
    await as.query(caller, 'query($id: ID!) { notifications(caseId: $id) { kind message materials caseNumber } }', {
      id: caseId,
    })
  ).notifications as {
    kind: string;
    message: string;
    materials: string[];
  }[];

describe('its database', () => {
  it('is the one this run asked for: PostgreSQL in the center-postgresql project, else its SQLite file', async () => {
    const db = federation.centerDatabase();
    try {
      expect(db.provider).toBe(centerOnPostgres() ? 'postgresql' : 'sqlite');
      expect(existsSync(join(federation.dataDir, 'center.db'))).toBe(!centerOnPostgres());
      // The hall the center seeds at its first start is there.
      const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM "ServiceWindow"');
      expect(n).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});

describe('following the departments', () => {
  it('tells the applicant every missing material at once, then that the case concluded; once each', async () => {
    const housing = department('housing');
    const item = await findItem(housing, { kind: 'PROMISED' });
    const missing = item.materials.slice(0, 2);
    const c = await submitCase(housing, { item, applicant: person('王五') });
    await walk(housing, c, ['requestSupplement', 'resubmit', 'accept', 'approve'], {
      inputs: { requestSupplement: { missingMaterials: missing } },
    });

    await federation.center.followFeedsNow();
    const first = await notificationsOf(c.id);
    expect(first.map((n) => n.kind)).toEqual(['CONCLUDED', 'SUPPLEMENT_REQUESTED']);
    const notice = first[1]!;
    expect(notice.materials).toEqual(missing);
    for (const name of missing) expect(notice.message).toContain(name);
    expect(notice.message).toContain('住房和城乡建设局');
    expect(first[0]!.message).toContain('准予许可');

    // Reading again, or redelivering from the start after a lost cursor, changes nothing.
    await federation.center.followFeedsNow();
    const db = federation.centerDatabase();
    await db.run(`UPDATE "FeedCursor" SET "cursor" = NULL WHERE "department" = 'housing'`);
    await db.close();
    await federation.center.followFeedsNow();
    expect(await notificationsOf(c.id)).toEqual(first);
  });

  it('writes nothing when a feed has nothing new: a cursor is stored again only when it moves', async () => {
    type Stored = { department: string; cursor: string | null; updatedAt: unknown };
    const cursors = async () => {
      const db = federation.centerDatabase();
      try {
        const rows = await db.query<Stored>('SELECT "department", "cursor", "updatedAt" FROM "FeedCursor"');
        return new Map(rows.map((row) => [row.department, row]));
      } finally {
        await db.close();
      }
    };
    await federation.center.followFeedsNow();
    const before = await cursors();
    expect(before.size).toBe(departments.length);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await federation.center.followFeedsNow();
    const after = await cursors();
    // A department whose feed moved meanwhile (its own sweeps) may have a new cursor; the others keep their row as it was.
    const unmoved = [...after.values()].filter((row) => row.cursor === before.get(row.department)!.cursor);
    expect(unmoved.length).toBeGreaterThan(0);
    for (const row of unmoved) expect(row).toEqual(before.get(row.department));
  });

  it("gives an applicant their own notifications, a department's officer its own, and refuses the rest", async () => {
    const housing = department('housing');
    const item = await findItem(housing, { kind: 'PROMISED' });
    const owner = person('钱十二');
    const c = await submitCase(housing, { item, applicant: owner });
    await walk(housing, c, ['accept', 'approve']);
    await federation.center.followFeedsNow();

    const NOTIFICATIONS = '{ notifications { caseId kind } }';
    const own = (await as.query(applicantWith(owner.idNumber), NOTIFICATIONS)).notifications;
    expect(own).toEqual([{ caseId: c.id, kind: 'CONCLUDED' }]);
    expect(await notificationsOf(c.id, applicantWith(owner.idNumber))).toHaveLength(1);
    // Someone else's case reads as if it told nobody anything.
    expect(await notificationsOf(c.id, applicantWith(person('孙十三').idNumber))).toEqual([]);
    expect((await as.query(applicantWith(person('孙十三').idNumber), NOTIFICATIONS)).notifications).toEqual([]);
    expect(await notificationsOf(c.id, officerOf('housing'))).toHaveLength(1);
    expect(
      await as.code(officerOf('tax'), 'query($id: ID!) { notifications(caseId: $id) { kind } }', { id: c.id }),
    ).toBe('FORBIDDEN');
    // The analyst does no lookups; the public must sign in.
    expect(await as.code({ role: 'analyst' }, NOTIFICATIONS)).toBe('FORBIDDEN');
    expect(await as.code(null, NOTIFICATIONS)).toBe('UNAUTHENTICATED');
  });
});

describe('joint applications (并联审批)', () => {
  const JOINT = `id status leadDepartment parts { position department dispatch caseId caseStatus attempts dependsOn handoffLagMinutes }`;
  const jointItem = async (code: string) =>
    (
      await query(
        federation.urls[code]!,
        `{ ${code} { items(filter: {kind: JOINT}, first: 1) { edges { node { id } } } } }`,
      )
    )[code].items.edges[0].node.id as string;
  /** The part's department accepts and approves it (its officer, on the case as it is now). */
  const approvePart = async (caseId: string) => {
    const target = department(caseId.split(':')[0]!);
    await walkTo(target, await readCase(target, caseId), 'APPROVED');
  };
  const jointById = async (id: string) =>
    (await as.query(SUPERVISOR, `query($id: ID!) { jointApplication(id: $id) { ${JOINT} } }`, { id })).jointApplication;
  const applicant = enterprise('临江恒通建设工程有限公司');
  /** Joint applications are made by a clerk at the window. */
  const CLERK = clerk(1);

  it('dispatches natres and env at once, housing after natres is approved, and env exactly once after an outage', async () => {
    const [natres, housing, env] = await Promise.all([jointItem('natres'), jointItem('housing'), jointItem('env')]);
    await federation.stopService('env');

    const created = (
      await as.query(
        CLERK,
        `mutation($input: CreateJointApplicationInput!) { createJointApplication(input: $input) { ${JOINT} } }`,
        {
          input: {
            idempotencyKey: 'project-qingshan-1',
            projectName: '青山安置房一期工程',
            applicant,
            leadDepartment: 'natres',
            parts: [{ itemId: natres }, { itemId: housing, dependsOn: 0 }, { itemId: env }],
          },
        },
      )
    ).createJointApplication;
    expect(created.status).toBe('DISPATCHING');
    expect(created.parts.map((p: any) => [p.department, p.dispatch])).toEqual([
      ['natres', 'DISPATCHED'],
      ['housing', 'WAITING'],
      ['env', 'PENDING'],
    ]);

    // env is back. Someone submits to env under the very key text the center uses for the part: keys
    // are each caller's own, so theirs is their own case and the center's part is still sent, as the center.
    await federation.restartDepartment('env');
    const envItem = await findItem(department('env'));
    const squatter = await submitCase(department('env'), {
      item: envItem,
      applicant: person('冯十四'),
      key: `joint:${created.id.replace('center:J', '')}:2`,
    });
    // The next round sends the part, and sending again never makes a second case.
    await federation.center.followFeedsNow();
    await federation.center.followFeedsNow();
    let joint = await jointById(created.id);
    expect(joint.parts[2]).toMatchObject({ dispatch: 'DISPATCHED', caseStatus: 'SUBMITTED' });
    expect(joint.parts[2].caseId).not.toBe(squatter.id);
    const envCases = await atDepartmentAs(
      'env',
      officerOf('env'),
      `{ env { cases(filter: {applicantIdNumber: "${applicant.idNumber}"}) { totalCount } } }`,
    );
    expect(envCases.env.cases.totalCount).toBe(1);
    expect(joint.status).toBe('IN_PROGRESS');
    // Each part was submitted by the center itself, whoever's request set it going.
    for (const part of [joint.parts[0], joint.parts[2]]) {
      const code = part.caseId.split(':')[0];
      const events = await atDepartmentAs(
        code,
        officerOf(code),
        `{ ${code} { case(id: "${part.caseId}") { events { action actor } } } }`,
      );
      expect(events[code].case.events[0]).toEqual({ action: 'submit', actor: 'service:center' });
    }

    // natres approves: housing's part goes out, and the applicant is told where to go next.
    const natresCase = joint.parts[0].caseId as string;
    await approvePart(natresCase);
    await federation.center.followFeedsNow();
    joint = await jointById(created.id);
    expect(joint.parts[1]).toMatchObject({ department: 'housing', dispatch: 'DISPATCHED', caseStatus: 'SUBMITTED' });
    const told = (await as.query(SUPERVISOR, `{ notifications(caseId: "${natresCase}") { kind message materials } }`))
      .notifications;
    const nextStep = told.find((n: { kind: string }) => n.kind === 'NEXT_STEP');
    expect(nextStep?.message).toContain('住房和城乡建设局');
    // What to bring is the housing item's material list, as housing's catalog gives it.
    const housingItem = (
      await query(
        federation.urls.housing!,
        '{ housing { items(first: 200) { edges { node { id name materials { name } } } } } }',
      )
    ).housing.items.edges
      .map((e: { node: unknown }) => e.node)
      .find((item: { id: string }) => item.id === housing);
    expect(nextStep.materials).toEqual(housingItem.materials.map((m: { name: string }) => m.name));
    expect(nextStep.materials.length).toBeGreaterThan(0);
    for (const material of nextStep.materials) expect(nextStep.message).toContain(material);
    expect(nextStep.message).toContain(housingItem.name);

    // Housing and env approve: the whole application is approved, with housing's handoff lag known.
    const housingCase = joint.parts[1].caseId as string;
    const envCase = joint.parts[2].caseId as string;
    await approvePart(housingCase);
    await approvePart(envCase);
    await federation.center.followFeedsNow();
    joint = await jointById(created.id);
    expect(joint.status).toBe('APPROVED');
    expect(joint.parts[1].handoffLagMinutes).toBeGreaterThanOrEqual(0);

    // Across departments, through both gateways: the hub lists exactly the application's parts,
    // and each case names its joint application, which the gateway completes from the center.
    const parts = joint.parts.map((p: { caseId: string }) => p.caseId).sort();
    const ACROSS = `query($j: ID!) {
      parts: cases(filter: {jointApplicationId: $j}, first: 50) { totalCount edges { node { id jointApplication { id projectName status } } } }
      others: cases(filter: {partOfJointApplication: false, applicantIdNumber: "${applicant.idNumber}"}) { totalCount }
      joint: cases(filter: {partOfJointApplication: true, applicantIdNumber: "${applicant.idNumber}"}) { totalCount }
    }`;
    for (const url of [federation.gateway.url, federation.apolloGatewayUrl]) {
      const across = await query(url, ACROSS, { j: created.id }, await headersFor(SUPERVISOR));
      expect(across.parts.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(parts);
      expect(across.parts.totalCount).toBe(3);
      for (const edge of across.parts.edges)
        expect(edge.node.jointApplication).toEqual({
          id: created.id,
          projectName: '青山安置房一期工程',
          status: 'APPROVED',
        });
      expect(across).toMatchObject({ others: { totalCount: 0 }, joint: { totalCount: 3 } });
    }

    // Who sees the application: the applicant their own, a department with a part, not another's.
    const JOINT_OF = 'query($id: ID!) { jointApplication(id: $id) { id } }';
    const sees = async (caller: Caller) =>
      (await as.post(caller, JOINT_OF, { id: created.id })).body.errors?.[0]?.extensions?.code ?? 'yes';
    expect(await sees(applicantWith(applicant.idNumber))).toBe('yes');
    expect(await sees(applicantWith(enterprise('别家公司').idNumber))).toBe('NOT_FOUND');
    expect(await sees(officerOf('natres'))).toBe('yes');
    expect(await sees(officerOf('tax'))).toBe('NOT_FOUND');
    expect(await sees(AUDITOR)).toBe('FORBIDDEN');
    const listed = async (caller: Caller) =>
      (await as.query(caller, '{ jointApplications(openOnly: false) { id } }')).jointApplications.map(
        (j: { id: string }) => j.id,
      );
    expect(await listed(applicantWith(applicant.idNumber))).toEqual([created.id]);
    expect(await listed(officerOf('tax'))).not.toContain(created.id);
    // Through the gateway, a case's joint application is resolved as the caller: null for one they may not see.
    const CASE = `query($id: ID!) { case(id: $id) { id jointApplication { id } } }`;
    const viaGateway = async (caller: Caller) =>
      (await query(federation.gateway.url, CASE, { id: natresCase }, await headersFor(caller))).case;
    expect(await viaGateway(officerOf('natres'))).toEqual({ id: natresCase, jointApplication: { id: created.id } });
    expect(await viaGateway(applicantWith(applicant.idNumber))).toEqual({
      id: natresCase,
      jointApplication: { id: created.id },
    });
  });

  it('refuses bad input and creates nothing', async () => {
    const natres = await jointItem('natres');
    const env = await jointItem('env');
    const count = async () => {
      const db = federation.centerDatabase();
      const [row] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM "JointApplication"');
      await db.close();
      return row!.n;
    };
    const before = await count();
    // Only a clerk makes one: a supervisor or an applicant may not.
    const valid = {
      idempotencyKey: 'not-mine',
      projectName: '测试',
      applicant,
      leadDepartment: 'natres',
      parts: [{ itemId: natres }, { itemId: env }],
    };
    const CREATE = 'mutation($input: CreateJointApplicationInput!) { createJointApplication(input: $input) { id } }';
    expect(await as.code(SUPERVISOR, CREATE, { input: valid })).toBe('FORBIDDEN');
    expect(await as.code(applicantWith(applicant.idNumber), CREATE, { input: valid })).toBe('FORBIDDEN');
    for (const bad of [
      { parts: [{ itemId: natres }] },
      { parts: [{ itemId: natres }, { itemId: 'police:1' }] },
      { parts: [{ itemId: natres, dependsOn: 1 }, { itemId: env }] },
      // Two items of one department are that department's applications, not a joint one.
      { parts: [{ itemId: natres }, { itemId: natres }] },
      { leadDepartment: 'tax' },
      { applicant: { ...applicant, idNumber: '123' } },
    ]) {
      const { body } = await as.post(
        CLERK,
        'mutation($input: CreateJointApplicationInput!) { createJointApplication(input: $input) { id } }',
        {
          input: {
            idempotencyKey: `bad-${Math.random()}`,
            projectName: '测试',
            applicant,
            leadDepartment: 'natres',
            parts: [{ itemId: natres }, { itemId: env }],
            ...bad,
          },
        },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await count()).toBe(before);
  });
});

describe('joint applications: a part its department refuses', () => {
  it('is REFUSED once its department answers, never retried, and the application is REJECTED', async () => {
    const natres = (
      await query(
        federation.urls.natres!,
        '{ natres { items(filter: {kind: JOINT}, first: 1) { edges { node { id } } } } }',
      )
    ).natres.items.edges[0].node.id;
    // tax is down: its catalog cannot be read, so an item it does not have is accepted unchecked.
    await federation.stopService('tax');
    const created = (
      await as.query(
        clerk(1),
        'mutation($input: CreateJointApplicationInput!) { createJointApplication(input: $input) { id parts { dispatch } } }',
        {
          input: {
            idempotencyKey: 'refused-part-1',
            projectName: '江北物流园',
            applicant: enterprise('江北物流有限公司'),
            leadDepartment: 'natres',
            parts: [{ itemId: natres }, { itemId: 'tax:999999999999' }],
          },
        },
      )
    ).createJointApplication;
    expect(created.parts.map((p: { dispatch: string }) => p.dispatch)).toEqual(['DISPATCHED', 'PENDING']);

    await federation.restartDepartment('tax');
    await federation.center.followFeedsNow();
    const after = async () =>
      (
        await as.query(
          SUPERVISOR,
          'query($id: ID!) { jointApplication(id: $id) { status parts { dispatch attempts lastError } } }',
          { id: created.id },
        )
      ).jointApplication;
    const refused = await after();
    expect(refused.status).toBe('REJECTED');
    expect(refused.parts[1]).toMatchObject({ dispatch: 'REFUSED', attempts: 2 });
    expect(refused.parts[1].lastError).toMatch(/999999999999/);
    await federation.center.followFeedsNow();
    expect((await after()).parts[1].attempts).toBe(2);
  });
});

describe('the monthly bulletin (月通报)', () => {
  /** Last month, China time, as YYYY-MM: its cases are all seeded, none made by these tests. */
  const lastMonth = (() => {
    const china = new Date(Date.now() + 8 * 3600_000);
    const d = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - 1, 1));
    return d.toISOString().slice(0, 7);
  })();
  const GENERATE =
    'mutation($month: String!, $supersede: Boolean) { generateBulletin(month: $month, supersede: $supersede) { id month version generatedBy rows { department received concluded onTimeRate overdue denials supplements rank } } }';

  /** The same numbers counted straight from each department's database. */
  async function independently(month: string) {
    const from = new Date(Date.parse(`${month}-01T00:00:00.000Z`) - 8 * 3600_000);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const to = new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3600_000);
    const inMonth = (value: Date | null) => value !== null && value >= from && value < to;
    const all = await readAllCases(federation.dataDir);
    return departments.map((d, index) => {
      const mine = all.filter((c) => c.departmentIndex === index);
      const received = mine.filter((c) => inMonth(c.submittedAt));
      const concluded = mine.filter((c) => inMonth(c.concludedAt));
      const decided = concluded.filter((c) => ['APPROVED', 'DENIED'].includes(c.status) && c.deadline);
      return {
        department: d.code,
        received: received.length,
        supplements: received.filter((c) => c.supplementRequestedAt).length,
        concluded: concluded.length,
        onTimeRate: decided.length
          ? decided.filter((c) => c.concludedAt! <= c.deadline!).length / decided.length
          : null,
        overdue: concluded.filter((c) => c.deadline && c.concludedAt! > c.deadline).length,
        denials: concluded.filter((c) => c.status === 'DENIED' || c.status === 'NOT_ACCEPTED').length,
      };
    });
  }

  it('equals an independent computation over the department databases, and is immutable unless superseded', async () => {
    const first = (await as.query(SUPERVISOR, GENERATE, { month: lastMonth })).generateBulletin;
    expect(first).toMatchObject({ version: 1, generatedBy: 'supervisor:S00' });
    const expected = await independently(lastMonth);
    expect(expected.reduce((n, r) => n + r.received, 0)).toBeGreaterThan(0);
    for (const row of first.rows) {
      const { onTimeRate, ...counts } = expected.find((e) => e.department === row.department)!;
      expect(row).toMatchObject(counts);
      if (onTimeRate === null) expect(row.onTimeRate).toBeNull();
      else expect(row.onTimeRate).toBeCloseTo(onTimeRate, 9);
    }
    expect([...first.rows.map((r: { rank: number }) => r.rank)].sort()).toEqual([1, 2, 3, 4, 5]);

    expect(await as.code(SUPERVISOR, GENERATE, { month: lastMonth })).toBe('CONFLICT');
    const second = (await as.query(SUPERVISOR, GENERATE, { month: lastMonth, supersede: true })).generateBulletin;
    expect(second.version).toBe(2);
    // Published numbers: any member of staff reads them, an analyst included.
    const kept = (
      await as.query(
        { role: 'analyst' },
        'query($m: String!) { bulletin(month: $m, version: 1) { id rows { received } } }',
        {
          m: lastMonth,
        },
      )
    ).bulletin;
    expect(kept.id).toBe(first.id);
    expect(kept.rows.map((r: { received: number }) => r.received)).toEqual(
      first.rows.map((r: { received: number }) => r.received),
    );
  });

  it('refuses a malformed or future month, and anyone but a supervisor, changing nothing', async () => {
    for (const month of ['2026-13', 'last month', '2099-01']) {
      expect(await as.code(SUPERVISOR, GENERATE, { month })).toBe('BAD_USER_INPUT');
    }
    expect(await as.code(clerk(1), GENERATE, { month: '2026-01' })).toBe('FORBIDDEN');
    expect(await as.code({ role: 'analyst' }, GENERATE, { month: '2026-01' })).toBe('FORBIDDEN');
    expect(await as.code(null, GENERATE, { month: '2026-01' })).toBe('UNAUTHENTICATED');
    expect(await as.code(SUPERVISOR, '{ bulletin(month: "2026-01") { id } }')).toBe('NOT_FOUND');
  });
});

describe('public case tracking (远程查询)', () => {
  const TRACK =
    'query($n: String!, $c: String!) { trackCase(number: $n, verificationCode: $c) { number itemName departmentName status timeline { at status } } }';

  it('shows status and timeline for the right code, nothing personal, and the same NOT_FOUND otherwise; rate-limited', async () => {
    const tax = department('tax');
    const item = await findItem(tax, { kind: 'IMMEDIATE' });
    const applicant = person('赵六', { born: '1975-05-05' });
    const submitted = await submitCase(tax, { item, applicant, as: { role: 'window', sub: 'window-W02' } });
    expect(submitted.verificationCode).toMatch(/^\d{6}$/);
    const gateway = federation.gateway.url;

    const found = await post(gateway, TRACK, { n: submitted.number, c: submitted.verificationCode });
    expect(found.body.data?.trackCase).toMatchObject({
      number: submitted.number,
      departmentName: '税务局',
      status: 'SUBMITTED',
    });
    expect(JSON.stringify(found.body)).not.toMatch(/赵六|330102|window-W02/);

    const wrongCode = await post(gateway, TRACK, {
      n: submitted.number,
      c: submitted.verificationCode === '000000' ? '111111' : '000000',
    });
    const unknownNumber = await post(gateway, TRACK, { n: 'TAX-20260101-999999', c: '123456' });
    expect(wrongCode.body.errors?.[0]).toMatchObject({
      message: unknownNumber.body.errors?.[0]?.message,
      extensions: { code: 'NOT_FOUND' },
    });

    // The client keeps guessing: the center stops answering for a while (10 attempts a minute by default).
    let limited = false;
    for (let attempt = 0; attempt < 12 && !limited; attempt += 1) {
      const guess = await post(gateway, TRACK, { n: submitted.number, c: String(attempt).padStart(6, '0') });
      limited = guess.body.errors?.[0]?.extensions?.code === 'RATE_LIMITED';
    }
    expect(limited).toBe(true);
  });
});

describe('fast track (特事特办)', () => {
  const AUTHORIZE =
    'mutation($input: AuthorizeFastTrackInput!) { authorizeFastTrack(input: $input) { id outstanding overdue completedAt leader authorizedBy } }';
  const RECEIVE =
    'mutation($id: ID!, $m: [String!]!) { receiveFastTrackMaterials(id: $id, materials: $m) { outstanding received completedAt } }';
  const OVERDUE = '{ fastTracks(overdueOnly: true) { id outstanding overdue } }';
  const input = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `ft-${Math.random()}`,
    caseId: 'housing:1',
    projectName: '县人民医院迁建工程',
    leader: '常务副县长 李明',
    reason: '重大民生项目，汛期前开工',
    outstanding: ['施工图审查合格书', '工程质量监督手续'],
    dueDate: new Date(Date.now() + 2000).toISOString(),
    ...overrides,
  });

  it('records the authorization, lists it once its materials are late, and closes when they are in', async () => {
    const CLERK = clerk(1);
    for (const bad of [input({ outstanding: [] }), input({ dueDate: '2020-01-01' }), input({ leader: ' ' })]) {
      expect(await as.code(SUPERVISOR, AUTHORIZE, { input: bad })).toBe('BAD_USER_INPUT');
    }
    // A case its department does not know, or no department's case, is refused as such.
    for (const caseId of ['police:1', 'housing:99999999']) {
      expect(await as.code(SUPERVISOR, AUTHORIZE, { input: input({ caseId }) })).toBe('NOT_FOUND');
    }
    // Only a supervisor records one.
    expect(await as.code(CLERK, AUTHORIZE, { input: input() })).toBe('FORBIDDEN');
    expect(await as.code(chiefOf('housing'), AUTHORIZE, { input: input() })).toBe('FORBIDDEN');
    expect((await as.query(SUPERVISOR, '{ fastTracks { id } }')).fastTracks).toEqual([]);

    const track = (await as.query(SUPERVISOR, AUTHORIZE, { input: input() })).authorizeFastTrack;
    expect(track).toMatchObject({
      overdue: false,
      completedAt: null,
      leader: '常务副县长 李明',
      authorizedBy: 'supervisor:S00',
    });
    // The materials come in at a window.
    expect(await as.code(SUPERVISOR, RECEIVE, { id: track.id, m: ['施工图审查合格书'] })).toBe('FORBIDDEN');
    const partly = (await as.query(CLERK, RECEIVE, { id: track.id, m: ['施工图审查合格书'] }))
      .receiveFastTrackMaterials;
    expect(partly).toMatchObject({
      outstanding: ['工程质量监督手续'],
      received: ['施工图审查合格书'],
      completedAt: null,
    });
    expect(await as.code(CLERK, RECEIVE, { id: track.id, m: ['不存在的材料'] })).toBe('BAD_USER_INPUT');

    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await as.query(SUPERVISOR, OVERDUE)).fastTracks).toEqual([
      { id: track.id, outstanding: ['工程质量监督手续'], overdue: true },
    ]);
    // Housing's officer sees housing's fast tracks; env's sees none of them.
    expect((await as.query(officerOf('housing'), OVERDUE)).fastTracks).toHaveLength(1);
    expect((await as.query(officerOf('env'), OVERDUE)).fastTracks).toEqual([]);
    const done = (await as.query(CLERK, RECEIVE, { id: track.id, m: ['工程质量监督手续'] })).receiveFastTrackMaterials;
    expect(done.completedAt).not.toBeNull();
    expect((await as.query(SUPERVISOR, OVERDUE)).fastTracks).toEqual([]);
  });

  it('takes a due day as a China day, due by its end: today is not yet late', async () => {
    // Today in China (UTC+8), whatever the machine's zone; an instant keeps its own moment.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const ask = 'mutation($input: AuthorizeFastTrackInput!) { authorizeFastTrack(input: $input) { dueDate overdue } }';
    const track = (await as.query(SUPERVISOR, ask, { input: input({ dueDate: today }) })).authorizeFastTrack;
    expect(track).toEqual({
      dueDate: new Date(Date.parse(`${today}T23:59:59.999+08:00`)).toISOString(),
      overdue: false,
    });
    const instant = '2099-03-01T09:30:00+08:00';
    const atInstant = (await as.query(SUPERVISOR, ask, { input: input({ dueDate: instant }) })).authorizeFastTrack;
    expect(atInstant.dueDate).toBe(new Date(instant).toISOString());
  });
});

describe('windows: chief representatives and catalog coverage', () => {
  it("lets a department's officer authorize its chief for its items; coverage comes from the catalogs", async () => {
    const staff = (await as.query(WINDOW, '{ staff { id role departmentCode } }')).staff as {
      id: string;
      role: string;
      departmentCode: string | null;
    }[];
    const chief = staff.find((s) => s.role === 'CHIEF_REPRESENTATIVE' && s.departmentCode === 'housing')!;
    const clerk = staff.find((s) => s.role === 'WINDOW_CLERK')!;
    const items = (
      await query(
        federation.urls.housing!,
        '{ housing { items(first: 200) { edges { node { id code inCenter windowAuthorized } } } } }',
      )
    ).housing.items.edges.map((e: any) => e.node);
    const housingOfficer = officerOf('housing');
    const natresItem = (
      await query(federation.urls.natres!, '{ natres { items(first: 1) { edges { node { id } } } } }')
    ).natres.items.edges[0].node.id;
    const AUTHORIZE =
      'mutation($s: ID!, $i: ID!) { authorizeAtWindow(staffId: $s, itemId: $i) { id authorizedItems } }';

    for (const [by, s, i] of [
      [housingOfficer, clerk.id, items[0].id],
      [officerOf('natres'), chief.id, natresItem],
      [housingOfficer, chief.id, 'housing:NO-SUCH-ITEM'],
    ] as const) {
      expect(await as.code(by, AUTHORIZE, { s, i })).toBe('BAD_USER_INPUT');
    }
    // The department grants it: not another department's officer, not the chief to themselves, not the center.
    for (const by of [officerOf('natres'), chiefOf('housing'), SUPERVISOR, WINDOW]) {
      expect(await as.code(by, AUTHORIZE, { s: chief.id, i: items[0].id })).toBe('FORBIDDEN');
    }
    const authorized = (await as.query(housingOfficer, AUTHORIZE, { s: chief.id, i: items[0].id })).authorizeAtWindow;
    expect(authorized.authorizedItems).toEqual([items[0].code]);
    await as.query(housingOfficer, AUTHORIZE, { s: chief.id, i: items[0].id }); // again: still one authorization

    const coverage = (
      await as.query(
        SUPERVISOR,
        '{ catalogCoverage { department items inCenter inCenterRate windowAuthorized authorizedToChiefRepresentative } }',
      )
    ).catalogCoverage;
    expect(coverage.find((c: { department: string }) => c.department === 'housing')).toEqual({
      department: 'housing',
      items: items.length,
      inCenter: items.filter((i: any) => i.inCenter).length,
      inCenterRate: items.filter((i: any) => i.inCenter).length / items.length,
      windowAuthorized: items.filter((i: any) => i.windowAuthorized).length,
      authorizedToChiefRepresentative: 1,
    });
    expect(coverage).toHaveLength(5);
  });
});

describe('applicants and first-contact responsibility (首问负责)', () => {
  it('masks ID numbers, keeps one applicant per ID number, and lets only the first contact close an inquiry', async () => {
    const [first, other] = [clerk(1), clerk(2)];
    const REGISTER =
      'mutation($k: String!, $n: String!, $i: String!) { registerApplicant(kind: $k, name: $n, idNumber: $i) { id idNumberMasked } }';
    const a = (await as.query(first, REGISTER, { k: 'PERSON', n: '孙七', i: '330102199002020027' })).registerApplicant;
    expect(a.idNumberMasked).toBe('3301**********0027');
    expect(
      (await as.query(other, REGISTER, { k: 'PERSON', n: '孙七', i: '330102199002020027' })).registerApplicant.id,
    ).toBe(a.id);
    expect(await as.code(first, REGISTER, { k: 'PERSON', n: '孙七', i: '12345' })).toBe('BAD_USER_INPUT');
    // Registering answers with the name on record for an ID number: window staff only.
    for (const caller of [
      SUPERVISOR,
      officerOf('housing'),
      { role: 'analyst' } as Caller,
      applicantWith('330102199002020027'),
    ])
      expect(await as.code(caller, REGISTER, { k: 'PERSON', n: '孙七', i: '330102199002020027' })).toBe('FORBIDDEN');

    const inquiry = (
      await as.query(
        first,
        'mutation($a: ID!) { takeInquiry(applicantId: $a, question: "施工许可需要哪些材料？") { id ownerId status } }',
        { a: a.id },
      )
    ).takeInquiry;
    expect(inquiry).toMatchObject({ ownerId: 'window:S01', status: 'OPEN' });
    expect((await as.query(first, '{ openInquiries { id } }')).openInquiries).toEqual([{ id: inquiry.id }]);
    expect((await as.query(other, '{ openInquiries { id } }')).openInquiries).toEqual([]);

    const CLOSE = 'mutation($q: ID!) { closeInquiry(id: $q, answer: "已一次性告知全部材料") { status closedAt } }';
    expect(await as.code(other, CLOSE, { q: inquiry.id })).toBe('FORBIDDEN');
    expect((await as.query(first, CLOSE, { q: inquiry.id })).closeInquiry.status).toBe('CLOSED');
    expect(await as.code(first, CLOSE, { q: inquiry.id })).toBe('INVALID_TRANSITION');
  });
});

describe("the center's audit trail", () => {
  it('records writes and reads of personal data, hash-chained, for auditors only', async () => {
    const RECORDS =
      'query($after: Int) { auditRecords(after: $after, first: 500) { seq at actor role action target detail prevHash hash } }';
    // Reads are written within moments of their request.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const records: AuditRecord[] = [];
    for (let after = 0; ;) {
      const page = (await as.query(AUDITOR, RECORDS, { after })).auditRecords;
      records.push(...page);
      if (page.length < 500) break;
      after = page.at(-1).seq;
    }
    const key = auditKeyFrom({ NODE_ENV: 'test' });
    expect(verifyChain(key, records)).toEqual([]);
    const actions = new Set(records.map((r) => `${r.role}:${r.actor}:${r.action}`));
    for (const expected of [
      'window:S01:write:registerApplicant',
      'window:S01:write:takeInquiry',
      'window:S01:write:closeInquiry',
      'window:S01:write:createJointApplication',
      'supervisor:S00:write:generateBulletin',
      'supervisor:S00:write:authorizeFastTrack',
      'officer:officer-housing:write:authorizeAtWindow',
      'service:service:center:write:dispatchPart',
      'service:service:center:write:feed',
      'window:S02:read:personal',
    ])
      expect(actions, expected).toContain(expected);
    // Registering an existing applicant is a read of them: the second clerk's record names the applicant.
    const read = records.find((r) => r.actor === 'S02' && r.action === 'read:personal')!;
    expect(JSON.parse(read.detail).read.applicant).toHaveLength(1);
    // Nobody else reads them, and nobody changes them in the database.
    for (const caller of [SUPERVISOR, clerk(1), { role: 'analyst' } as Caller])
      expect(await as.code(caller, RECORDS, { after: 0 })).toBe('FORBIDDEN');
    const db = federation.centerDatabase();
    await expect(db.run(`UPDATE "AuditRecord" SET "actor" = 'someone' WHERE "seq" = 1`)).rejects.toThrow(/append-only/);
    await expect(db.run(`DELETE FROM "AuditRecord"`)).rejects.toThrow(/append-only/);
    await db.close();
    // The anchor outside the database follows the chain.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const anchor = readAnchor(join(federation.dataDir, 'center.audit-anchor.json'), key);
    expect(anchor?.seq).toBeGreaterThan(0);
  });
});
