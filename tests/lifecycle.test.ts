/**
 * The case lifecycle of a department, through its real subgraph: the state machine, the legal
 * rules (一次性告知, §32, 否定报备, 特别程序), working-day deadlines, exactly-once writes and the
 * change feed. Time is a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housing } from '../services/housing/src/department.js';
import {
  allowedTransitions,
  CONCLUDED_STATUSES,
  OPEN_STATUSES,
  TRANSITIONS,
  type TransitionName,
} from '../services/kit/src/index.js';
import { post } from './support/graphql.js';
import { startTestDepartment, type TestDepartment } from './support/department.js';
import { openDepartmentDatabase } from './support/department-database.js';
import {
  AUDITOR,
  SUPERVISOR,
  WINDOW,
  applicantWith,
  chiefOf,
  headersFor,
  officerOf,
  type Caller,
} from './support/callers.js';

/** 10:00 China time on a day. */
const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00.000Z`) + (hour - 8) * 3600_000);

let now = at('2026-09-21');
let department: TestDepartment;
let promisedItem: { code: string; committedLimitDays: number; materials: { name: string }[] };
let immediateItem: { code: string };

beforeAll(async () => {
  department = await startTestDepartment(housing, {}, () => now);
  const { body } = await post(
    department.url,
    '{ housing { items(first: 50) { edges { node { code kind committedLimitDays materials { name } } } } } }',
  );
  const items = body.data!.housing.items.edges.map((e: { node: unknown }) => e.node);
  promisedItem = items.find(
    (i: { kind: string; committedLimitDays: number }) => i.kind === 'PROMISED' && i.committedLimitDays === 5,
  );
  immediateItem = items.find((i: { kind: string }) => i.kind === 'IMMEDIATE');
  expect(promisedItem && immediateItem).toBeTruthy();
});

afterAll(async () => {
  await department?.stop();
});

const CASE_FIELDS = `id version status acceptedAt deadline concludedAt overdue remainingWorkingDays supervisionLevel
  deemedAccepted missingMaterials suspendedDays
  events { seq action actor fromStatus toStatus materials reason legalBasis procedure expectedEnd }`;

const INPUT_TYPES: Record<string, string> = {
  submit: 'SubmitApplicationInput',
  requestSupplement: 'RequestSupplementInput',
  notAccept: 'DenialInput',
  deny: 'DenialInput',
  suspend: 'SuspendInput',
  extendDeadline: 'ExtendDeadlineInput',
};

let keys = 0;
const key = () => `test-key-${++keys}`;

/** Window staff submit; the department's officer takes the steps, a chief representative decides on the spot. */
const OFFICER = officerOf('housing');
const CHIEF = chiefOf('housing');
const callerFor = (name: string): Caller => (name === 'submit' ? WINDOW : name === 'approveOnSpot' ? CHIEF : OFFICER);

async function mutate(name: string, input: Record<string, unknown>, as: Caller = callerFor(name)) {
  const { body } = await post(
    department.url,
    `mutation($input: ${INPUT_TYPES[name] ?? 'TransitionInput'}!) { housing { ${name}(input: $input) { ${CASE_FIELDS} } } }`,
    { input },
    await headersFor(as),
  );
  return { data: body.data?.housing?.[name], error: body.errors?.[0] };
}

async function ok(name: string, input: Record<string, unknown>, as?: Caller) {
  const { data, error } = await mutate(name, input, as);
  if (error) throw new Error(`${name} failed: ${JSON.stringify(error)}`);
  return data;
}

async function read(id: string) {
  const text = `query($id: ID!) { housing { case(id: $id) { ${CASE_FIELDS} } } }`;
  const { body } = await post(department.url, text, { id }, await headersFor(OFFICER));
  return body.data!.housing.case;
}

async function caseCount(): Promise<number> {
  const { body } = await post(
    department.url,
    '{ housing { cases(first: 0) { totalCount } } }',
    {},
    await headersFor(OFFICER),
  );
  return body.data!.housing.cases.totalCount;
}

const applicant = { kind: 'PERSON', name: '张三', idNumber: '330102198803150021' };

async function submit(itemCode = promisedItem.code) {
  return ok('submit', { idempotencyKey: key(), itemCode, applicant });
}

/** Moves a case by the given transitions, each with the version it has. */
async function walk(c: { id: string; version: number }, steps: [TransitionName, Record<string, unknown>?][]) {
  let current = c;
  for (const [name, extra] of steps)
    current = await ok(name, {
      idempotencyKey: key(),
      caseId: current.id,
      expectedVersion: current.version,
      ...extra,
    });
  return current as Awaited<ReturnType<typeof ok>>;
}

const denial = { reason: '申请人不符合法定条件', legalBasis: '《中华人民共和国行政许可法》第三十八条第二款' };
const suspension = () => ({
  procedure: 'INSPECTION',
  reason: '委托检验',
  expectedEnd: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
});

/** Extra input each transition needs to be valid. */
const extraFor = (name: TransitionName): Record<string, unknown> =>
  name === 'requestSupplement'
    ? { missingMaterials: [promisedItem.materials[0]!.name] }
    : name === 'notAccept' || name === 'deny'
      ? denial
      : name === 'suspend'
        ? suspension()
        : name === 'extendDeadline'
          ? { approvedBy: '李局长', reason: '需要补充调查' }
          : {};

/** A fresh case brought to each status by legal steps. */
async function caseIn(status: string) {
  const routes: Record<string, TransitionName[]> = {
    SUBMITTED: [],
    SUPPLEMENT_REQUESTED: ['requestSupplement'],
    ACCEPTED: ['accept'],
    IN_REVIEW: ['accept', 'startReview'],
    SUSPENDED: ['accept', 'startReview', 'suspend'],
    APPROVED: ['accept', 'approve'],
    DENIED: ['accept', 'deny'],
    NOT_ACCEPTED: ['notAccept'],
    WITHDRAWN: ['withdraw'],
  };
  return walk(
    await submit(),
    routes[status]!.map((name) => [name, extraFor(name)]),
  );
}

describe('the state machine', () => {
  it('walks the full path with every transition recorded as an event', async () => {
    now = at('2026-09-21');
    const submitted = await submit();
    expect(submitted).toMatchObject({ status: 'SUBMITTED', version: 1, supervisionLevel: 'NONE' });
    const done = await walk(submitted, [
      ['requestSupplement', { missingMaterials: promisedItem.materials.slice(0, 2).map((m) => m.name) }],
      ['resubmit'],
      ['accept'],
      ['startReview'],
      ['suspend', suspension()],
      ['resume'],
      ['approve'],
    ]);
    expect(done.status).toBe('APPROVED');
    expect(done.version).toBe(8);
    expect(done.events.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'requestSupplement',
      'resubmit',
      'accept',
      'startReview',
      'suspend',
      'resume',
      'approve',
    ]);
    expect(done.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const [i, event] of done.events.entries())
      if (i > 0) expect(event.fromStatus).toBe(done.events[i - 1].toStatus);
    expect(done.concludedAt).not.toBeNull();
  });

  it('refuses every transition the current status does not allow, changing nothing', async () => {
    const statuses = [...OPEN_STATUSES, ...CONCLUDED_STATUSES];
    let refused = 0;
    for (const status of statuses) {
      const c = await caseIn(status);
      expect(c.status).toBe(status);
      const illegal = (Object.keys(TRANSITIONS) as TransitionName[]).filter(
        (name) => !allowedTransitions(status).includes(name),
      );
      for (const name of illegal) {
        const { error } = await mutate(name, {
          idempotencyKey: key(),
          caseId: c.id,
          expectedVersion: c.version,
          ...extraFor(name),
        });
        expect(error?.extensions?.code, `${name} from ${status}`).toBe('INVALID_TRANSITION');
        refused += 1;
      }
      const after = await read(c.id);
      expect(after.version).toBe(c.version);
      expect(after.events).toHaveLength(c.events.length);
    }
    expect(refused).toBeGreaterThan(50);
  });

  it('decides an immediate item (即办件) in one step, and only an immediate one', async () => {
    const c = await walk(await submit(immediateItem.code), [['approveOnSpot']]);
    expect(c).toMatchObject({ status: 'APPROVED', overdue: false });
    expect(c.acceptedAt).toBe(c.concludedAt);
    const promised = await submit();
    const { error } = await mutate('approveOnSpot', {
      idempotencyKey: key(),
      caseId: promised.id,
      expectedVersion: 1,
    });
    expect(error?.extensions?.code).toBe('INVALID_TRANSITION');
  });
});

describe('legal rules', () => {
  it("一次性告知: one notice listing the item's own materials, never a second", async () => {
    now = at('2026-09-21');
    const c = await submit();
    const stranger = await mutate('requestSupplement', {
      idempotencyKey: key(),
      caseId: c.id,
      expectedVersion: 1,
      missingMaterials: ['不存在的材料'],
    });
    expect(stranger.error?.extensions?.code).toBe('BAD_USER_INPUT');
    const names = promisedItem.materials.slice(0, 2).map((m) => m.name);
    const noticed = await walk(c, [['requestSupplement', { missingMaterials: names }], ['resubmit']]);
    expect(noticed.missingMaterials).toEqual(names);
    expect(noticed.events[1].materials).toEqual(names);
    const again = await mutate('requestSupplement', {
      idempotencyKey: key(),
      caseId: c.id,
      expectedVersion: noticed.version,
      missingMaterials: names,
    });
    expect(again.error?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(again.error?.message).toMatch(/一次性告知/);
  });

  it('§32: without a notice within 5 working days, the case counts as accepted from receipt', async () => {
    now = at('2026-09-21'); // Monday
    const c = await submit();
    // The notice period (5 working days from Monday 9/21) ended on Monday 9/28.
    now = at('2026-10-12');
    const late = await mutate('requestSupplement', {
      idempotencyKey: key(),
      caseId: c.id,
      expectedVersion: 1,
      missingMaterials: [promisedItem.materials[0]!.name],
    });
    expect(late.error?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(late.error?.message).toMatch(/§32/);
    const accepted = await walk(c, [['accept']]);
    expect(accepted.deemedAccepted).toBe(true);
    expect(new Date(accepted.acceptedAt).getTime()).toBe(at('2026-09-21').getTime());
  });

  it('§32 is applied by the service itself: a forgotten application is accepted by its sweep', async () => {
    now = at('2026-09-21');
    const c = await submit();
    now = at('2026-09-29'); // the notice period's last day: not yet
    await department.service.sweepDeemedAcceptance();
    expect((await read(c.id)).status).toBe('SUBMITTED');
    now = at('2026-09-30');
    expect(await department.service.sweepDeemedAcceptance()).toBeGreaterThanOrEqual(1);
    const after = await read(c.id);
    expect(after.status).toBe('ACCEPTED');
    expect(after.deemedAccepted).toBe(true);
    expect(after.events.at(-1)).toMatchObject({ action: 'accept' });
  });

  it('否定报备: refusing or denying needs a reason and a legal basis, which are kept', async () => {
    now = at('2026-09-21');
    const c = await submit();
    for (const missing of [{ reason: '' }, { legalBasis: '  ' }]) {
      const { error } = await mutate('notAccept', {
        idempotencyKey: key(),
        caseId: c.id,
        expectedVersion: 1,
        ...denial,
        ...missing,
      });
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const { error } = await mutate('notAccept', {
      idempotencyKey: key(),
      caseId: c.id,
      expectedVersion: 1,
      reason: '理由',
    });
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const refused = await walk(c, [['notAccept', denial]]);
    expect(refused.status).toBe('NOT_ACCEPTED');
    expect(refused.events.at(-1)).toMatchObject(denial);
    const denied = await walk(await submit(), [['accept'], ['deny', denial]]);
    expect(denied.events.at(-1)).toMatchObject({ action: 'deny', ...denial });
  });

  it('特别程序: suspension stops the clock and moves the deadline by the working days it took', async () => {
    now = at('2026-09-28'); // Monday before National Day
    const accepted = await walk(await submit(), [['accept'], ['startReview']]);
    // 5 working days from 9/28: 9/29, 9/30, 10/8, 10/9, 10/10 (a working Saturday, 调休).
    expect(accepted.deadline).toBe('2026-10-10T15:59:59.999Z');
    expect(accepted.remainingWorkingDays).toBe(5);

    now = at('2026-09-29');
    const suspended = await walk(accepted, [['suspend', suspension()]]);
    expect(suspended.events.at(-1)).toMatchObject({ procedure: 'INSPECTION', reason: '委托检验' });
    const frozen = suspended.remainingWorkingDays;

    now = at('2026-10-20'); // long past the original deadline
    const waiting = await read(suspended.id);
    expect(waiting).toMatchObject({
      status: 'SUSPENDED',
      overdue: false,
      remainingWorkingDays: frozen,
      supervisionLevel: 'NONE',
    });

    const resumed = await walk(waiting, [['resume']]);
    // Suspended from 9/29 to 10/20: 9/30, 10/8, 10/9, 10/10, 10/12–10/16, 10/19, 10/20 = 11 working days.
    expect(resumed.suspendedDays).toBe(11);
    expect(resumed.remainingWorkingDays).toBe(frozen);
    expect(resumed.overdue).toBe(false);
  });

  it('refuses a suspension whose procedure ends in the past, or past the working-day calendar', async () => {
    now = at('2026-09-21');
    const c = await walk(await submit(), [['accept']]);
    const ends: [string, RegExp][] = [
      [at('2026-09-01').toISOString(), /must be in the future/],
      ['2100-01-01T00:00:00.000Z', /calendar, which ends in 2099/],
    ];
    for (const [expectedEnd, says] of ends) {
      const input = { idempotencyKey: key(), caseId: c.id, expectedVersion: c.version, ...suspension(), expectedEnd };
      const { error } = await mutate('suspend', input);
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error?.message).toMatch(says);
    }
    expect((await read(c.id)).status).toBe('ACCEPTED');
  });

  it('reads a procedure end stored past the calendar (before that was refused) as not counted', async () => {
    now = at('2026-09-21');
    const c = await walk(await submit(), [['accept']]);
    // Stored before the refusal existed: its working days cannot be counted, and its case (and the
    // feed the center reads) still reads.
    const waiting = await walk(c, [['suspend', suspension()]]);
    const db = openDepartmentDatabase(department.dataDir, 'housing');
    try {
      const far = '9999-12-31T00:00:00.000+00:00';
      expect(
        await db.run('UPDATE "CaseEvent" SET "expectedEnd" = ? WHERE "caseId" = ? AND "action" = ?', [
          far,
          Number(waiting.id.split(':')[1]),
          'suspend',
        ]),
      ).toBe(1);
    } finally {
      await db.close();
    }
    const text = `query($id: ID!) { housing { case(id: $id) { events { action expectedWorkingDays } } } }`;
    const { body } = await post(department.url, text, { id: waiting.id }, await headersFor(OFFICER));
    expect(body.errors).toBeUndefined();
    expect(body.data!.housing.case.events.at(-1)).toEqual({ action: 'suspend', expectedWorkingDays: null });
  });

  it('supervision levels follow the working days left: 预警, 黄牌, 红牌', async () => {
    // Accepted Monday 9/21; 5 working days: 9/22, 9/23, 9/24, then 9/28, 9/29 (中秋 9/25–9/27 is a holiday).
    now = at('2026-09-21');
    const c = await walk(await submit(), [['accept']]);
    expect(c.deadline).toBe('2026-09-29T15:59:59.999Z');
    const on = async (day: string) => {
      now = at(day);
      const { supervisionLevel, remainingWorkingDays, overdue } = await read(c.id);
      return { supervisionLevel, remainingWorkingDays, overdue };
    };
    expect(await on('2026-09-22')).toEqual({ supervisionLevel: 'NONE', remainingWorkingDays: 4, overdue: false });
    expect(await on('2026-09-23')).toEqual({ supervisionLevel: 'WARNING', remainingWorkingDays: 3, overdue: false });
    expect(await on('2026-09-25')).toEqual({ supervisionLevel: 'WARNING', remainingWorkingDays: 2, overdue: false });
    expect(await on('2026-09-28')).toEqual({ supervisionLevel: 'YELLOW', remainingWorkingDays: 1, overdue: false });
    expect(await on('2026-09-29')).toEqual({ supervisionLevel: 'YELLOW', remainingWorkingDays: 0, overdue: false });
    expect(await on('2026-09-30')).toEqual({ supervisionLevel: 'RED', remainingWorkingDays: -1, overdue: true });
  });
});

describe('exactly-once writes', () => {
  it('a retried submission returns the first result and creates nothing more', async () => {
    const before = await caseCount();
    const input = { idempotencyKey: key(), itemCode: promisedItem.code, applicant };
    const [first, second] = [await ok('submit', input), await ok('submit', input)];
    expect(second.id).toBe(first.id);
    expect(await caseCount()).toBe(before + 1);
    const reused = await mutate('submit', { ...input, note: 'another request' });
    expect(reused.error?.extensions?.code).toBe('CONFLICT');
    expect(await caseCount()).toBe(before + 1);
  });

  it('a retried transition returns the first result and appends one event', async () => {
    const c = await submit();
    const input = { idempotencyKey: key(), caseId: c.id, expectedVersion: 1 };
    const first = await ok('accept', input);
    const retry = await ok('accept', input);
    expect(retry).toMatchObject({ id: first.id, version: 2, status: 'ACCEPTED' });
    expect((await read(c.id)).events).toHaveLength(2);
  });

  it('a stale version is a CONFLICT, and of two racing transitions exactly one wins', async () => {
    const c = await walk(await submit(), [['accept']]);
    const stale = await mutate('startReview', { idempotencyKey: key(), caseId: c.id, expectedVersion: 1 });
    expect(stale.error?.extensions?.code).toBe('CONFLICT');
    const race = await Promise.all(
      (['approve', 'deny', 'withdraw', 'startReview'] as TransitionName[]).map((name) =>
        mutate(name, {
          idempotencyKey: key(),
          caseId: c.id,
          expectedVersion: c.version,
          ...extraFor(name),
        }),
      ),
    );
    expect(race.filter((r) => r.data)).toHaveLength(1);
    expect(race.filter((r) => r.error).map((r) => r.error!.extensions?.code)).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
    ]);
    const after = await read(c.id);
    expect(after.version).toBe(c.version + 1);
    expect(after.events).toHaveLength(c.events.length + 1);
  });
});

describe('bad input gets BAD_USER_INPUT and changes nothing', () => {
  const submitWith = (input: Record<string, unknown>) =>
    mutate('submit', { idempotencyKey: key(), itemCode: promisedItem.code, applicant, ...input });

  it.each([
    ['an unknown item', { itemCode: 'NO-SUCH-ITEM' }],
    ['a missing applicant', { applicant: undefined }],
    ['a wrong type', { applicant: { ...applicant, kind: 'ROBOT' } }],
    ['a number where text belongs', { itemCode: 12 }],
    ['an oversized note', { note: '长'.repeat(2001) }],
    ['an invalid ID number', { applicant: { ...applicant, idNumber: '123' } }],
    // Not text: PostgreSQL refuses a NUL, and Prisma cannot send half a surrogate pair.
    ['a NUL in a name', { applicant: { ...applicant, name: '王\u0000五' } }],
    ['half a surrogate pair in a name', { applicant: { ...applicant, name: '王\ud800五' } }],
    ['a lone low surrogate in a note', { note: 'a\udc00b' }],
  ])('%s', async (_, input) => {
    const before = await caseCount();
    const { data, error } = await submitWith(input);
    expect(data ?? null).toBeNull();
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message.length).toBeGreaterThan(10);
    expect(await caseCount()).toBe(before);
  });

  it('on transitions too', async () => {
    const c = await submit();
    const notText = [{ note: 'a\u0000b' }, { idempotencyKey: 'k\ud800' }];
    for (const input of [{ note: 'x'.repeat(2001) }, { expectedVersion: 'one' }, { caseId: undefined }, ...notText]) {
      const { error } = await mutate('accept', {
        idempotencyKey: key(),
        caseId: c.id,
        expectedVersion: 1,
        ...input,
      });
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await read(c.id)).version).toBe(1);
  });

  it('a NUL written inline in the document, not in a variable, is refused too', async () => {
    const before = await caseCount();
    const text = `mutation { housing { submit(input: {idempotencyKey: "${key()}", itemCode: "${promisedItem.code}",
      applicant: {kind: PERSON, name: "王\\u0000五", idNumber: "${applicant.idNumber}"}}) { id } } }`;
    const { body } = await post(department.url, text, {}, await headersFor(WINDOW));
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/not text/);
    expect(await caseCount()).toBe(before);
  });
});

describe('the change feed', () => {
  async function readFeed(after: string | null, first: number) {
    const { body } = await post(
      department.url,
      'query($after: String, $first: Int) { housing { caseEvents(after: $after, first: $first) { endCursor hasNextPage events { cursor case { id } event { seq action } } } } }',
      { after, first },
      await headersFor(OFFICER),
    );
    return body.data!.housing.caseEvents;
  }

  it('gives every event once, in commit order, and then only what is new', async () => {
    const seen: { caseId: string; seq: number }[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await readFeed(after, 7);
      seen.push(...page.events.map((e: any) => ({ caseId: e.case.id, seq: e.event.seq })));
      after = page.endCursor;
      if (!page.hasNextPage) break;
    }
    // Per case, events arrive in their own order with no gaps.
    const byCase = new Map<string, number[]>();
    for (const e of seen) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e.seq]);
    for (const seqs of byCase.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const total = [...byCase.values()].reduce((n, s) => n + s.length, 0);
    expect(seen).toHaveLength(total);

    expect((await readFeed(after, 10)).events).toEqual([]);
    const c = await submit();
    const next = await readFeed(after, 10);
    expect(next.events.map((e: any) => [e.case.id, e.event.action])).toEqual([[c.id, 'submit']]);
  });
});

describe('who acts is the verified caller', () => {
  const rows = async <T>(sql: string, ...params: unknown[]): Promise<T[]> => {
    const db = openDepartmentDatabase(department.dataDir, 'housing');
    try {
      return await db.query<T>(sql, params);
    } finally {
      await db.close();
    }
  };

  it('events record role:subject, and an applicant by their opaque applicant ID', async () => {
    now = at('2026-09-21');
    const submitted = await submit();
    const accepted = await walk(submitted, [['accept']]);
    expect(accepted.events.map((e: { actor: string }) => e.actor)).toEqual([
      'window:window-W01',
      'officer:officer-housing',
    ]);
    const online = await ok(
      'submit',
      { idempotencyKey: key(), itemCode: promisedItem.code, applicant },
      applicantWith(applicant.idNumber),
    );
    const withdrawn = await ok(
      'withdraw',
      { idempotencyKey: key(), caseId: online.id, expectedVersion: 1 },
      applicantWith(applicant.idNumber),
    );
    const { body } = await post(
      department.url,
      `query($id: ID!) { housing { case(id: $id) { applicant { id } } } }`,
      { id: online.id },
      await headersFor(OFFICER),
    );
    const applicantId = body.data!.housing.case.applicant.id as string;
    expect(withdrawn.events.map((e: { actor: string }) => e.actor)).toEqual([applicantId, applicantId]);
    expect(applicantId).toMatch(/^applicant:/);
    expect(JSON.stringify(withdrawn.events)).not.toContain(applicant.idNumber);
    // The audit trail, kept for good and read by auditors, names them the same way: a write of
    // theirs and a read of their own case.
    await post(
      department.url,
      `query Own($id: ID!) { housing { case(id: $id) { applicant { name } } } }`,
      { id: online.id },
      await headersFor(applicantWith(applicant.idNumber)),
    );
    await department.service.flushAudit();
    const theirs = await rows<{ actor: string; action: string }>(
      `SELECT "actor", "action" FROM "AuditRecord" WHERE "role" = 'applicant' ORDER BY "seq"`,
    );
    expect(theirs.map((r) => r.action)).toEqual(
      expect.arrayContaining(['write:submit', 'write:withdraw', 'read:personal']),
    );
    expect(new Set(theirs.map((r) => r.actor))).toEqual(new Set([applicantId]));
    expect(await rows('SELECT 1 FROM "AuditRecord" WHERE "actor" LIKE ?', `%${applicant.idNumber}%`)).toEqual([]);
  });

  it('an idempotency key belongs to its caller: another caller’s identical key is another request', async () => {
    const shared = key();
    const input = { idempotencyKey: shared, itemCode: promisedItem.code, applicant };
    const first = await ok('submit', input, WINDOW);
    const other = await ok('submit', input, { role: 'window', sub: 'window-W02' });
    expect(other.id).not.toBe(first.id);
    // Each caller replays their own.
    expect((await ok('submit', input, WINDOW)).id).toBe(first.id);
    expect((await ok('submit', input, { role: 'window', sub: 'window-W02' })).id).toBe(other.id);
    const owners = await rows<{ owner: string }>(
      'SELECT "owner" FROM "IdempotencyRecord" WHERE "key" = ? ORDER BY "owner"',
      shared,
    );
    expect(owners.map((r) => r.owner)).toEqual(['window:window-W01', 'window:window-W02']);
  });

  it('idempotency records keep nothing personal, yet a replay answers in full, and they expire', async () => {
    const input = { idempotencyKey: key(), itemCode: promisedItem.code, applicant };
    const first = await ok('submit', input);
    const [record] = await rows<{ result: string }>(
      'SELECT "result" FROM "IdempotencyRecord" WHERE "key" = ?',
      input.idempotencyKey,
    );
    expect(record!.result).not.toContain(applicant.name);
    expect(record!.result).not.toContain(applicant.idNumber);
    const replay = await post(
      department.url,
      'mutation($input: SubmitApplicationInput!) { housing { submit(input: $input) { id verificationCode applicant { name } } } }',
      { input },
      await headersFor(WINDOW),
    );
    expect(replay.body.data!.housing.submit).toMatchObject({ id: first.id, applicant: { name: applicant.name } });
    expect(replay.body.data!.housing.submit.verificationCode).toMatch(/^\d{6}$/);
    // 72 hours later the sweep forgets the key.
    const kept = now;
    now = new Date(kept.getTime() + 73 * 3_600_000);
    expect(await department.service.expireIdempotencyRecords()).toBeGreaterThan(0);
    expect(await rows('SELECT 1 FROM "IdempotencyRecord" WHERE "key" = ?', input.idempotencyKey)).toEqual([]);
    now = kept;
  });

  it('every write appends an audit record in its transaction; auditors read them, no one else', async () => {
    const c = await walk(await submit(), [['accept']]);
    const writes = await rows<{ actor: string; role: string; action: string; target: string; detail: string }>(
      `SELECT "actor", "role", "action", "target", "detail" FROM "AuditRecord" WHERE "target" = ? ORDER BY "seq"`,
      c.id,
    );
    expect(writes.map((r) => [r.role, r.actor, r.action])).toEqual([
      ['window', 'window-W01', 'write:submit'],
      ['officer', 'officer-housing', 'write:accept'],
    ]);
    expect(JSON.parse(writes[1]!.detail)).toMatchObject({ department: 'housing', version: 2, status: 'ACCEPTED' });
    expect(writes.map((r) => r.detail).join()).not.toContain(applicant.idNumber);
    // A refused write leaves no record.
    const refused = await mutate('accept', { idempotencyKey: key(), caseId: c.id, expectedVersion: 1 });
    expect(refused.error?.extensions?.code).toBe('CONFLICT');
    expect(await rows('SELECT 1 FROM "AuditRecord" WHERE "target" = ?', c.id)).toHaveLength(2);

    const text = '{ housing { auditRecords(first: 1000) { seq actor role action target detail prevHash hash } } }';
    const asAuditor = await post(department.url, text, {}, await headersFor(AUDITOR));
    const records = asAuditor.body.data!.housing.auditRecords as { action: string; target: string | null }[];
    expect(records.filter((r) => r.target === c.id).map((r) => r.action)).toEqual(['write:submit', 'write:accept']);
    for (const caller of [OFFICER, SUPERVISOR, WINDOW]) {
      const refusedRead = await post(department.url, text, {}, await headersFor(caller));
      expect(refusedRead.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a read of personal data is recorded once per request, with the cases read', async () => {
    const c = await submit();
    await post(
      department.url,
      `query ReadOne($id: ID!) { housing { case(id: $id) { applicant { name } } } }`,
      { id: c.id },
      await headersFor(SUPERVISOR),
    );
    await department.service.flushAudit();
    const [read] = await rows<{ actor: string; target: string; detail: string }>(
      `SELECT "actor", "target", "detail" FROM "AuditRecord" WHERE "action" = 'read:personal' ORDER BY "seq" DESC LIMIT 1`,
    );
    expect(read).toMatchObject({ actor: SUPERVISOR.sub, target: 'ReadOne' });
    expect(JSON.parse(read!.detail)).toMatchObject({ cases: [c.id], caseCount: 1, fields: ['Applicant.name'] });
  });
});

describe('public tracking', () => {
  it('allows each client a few attempts a minute, then RATE_LIMITED', async () => {
    const c = await submit();
    const text = `query($n: String!, $v: String!) { housing { trackCase(number: $n, verificationCode: $v) { status } } }`;
    const { body } = await post(
      department.url,
      `query($id: ID!) { housing { case(id: $id) { number verificationCode } } }`,
      { id: c.id },
      await headersFor(OFFICER),
    );
    const { number, verificationCode } = body.data!.housing.case;
    const codes: unknown[] = [];
    for (let i = 0; i < 12; i += 1) {
      // Wrong codes, as a guesser would send them; the right one after the limit is refused too.
      const v = i === 11 ? verificationCode : String((Number(verificationCode) + 1 + i) % 1_000_000).padStart(6, '0');
      const answer = await post(department.url, text, { n: number, v });
      codes.push(answer.body.errors?.[0]?.extensions?.code ?? answer.body.data!.housing.trackCase);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(null));
    expect(codes.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });
});
