/**
 * Idempotency keys belong to the caller who used them (docs/security.md): a key another caller
 * took first is no way into their request. Caller X submits (or acts) with key K; caller Y sending
 * the same K gets their own new result, not X's; X's replay still returns X's. And a joint
 * application's part key `joint:<id>:<n>`, taken first by a window clerk at the department, does
 * not stop the center from sending that part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person } from '../support/applicants.js';
import { WINDOW, applicantWith, headersFor, officerOf, type Caller } from '../support/callers.js';
import {
  atDepartment,
  findItem,
  readCase,
  step,
  submitCase,
  throughHub,
  type CaseTarget,
  type Item,
} from '../support/cases.js';
import { post, query } from '../support/graphql.js';
import { startFederation, type Federation } from '../support/federation.js';

let federation: Federation;
let housing: CaseTarget;
let viaHub: CaseTarget;
let promised: Item;

/** A second window clerk, and a second officer of housing. */
const OTHER_WINDOW: Caller = { role: 'window', sub: 'window-W02' };
const OTHER_OFFICER = officerOf('housing', 'officer-housing-2');
const SUPERVISOR: Caller = { role: 'supervisor', sub: 'supervisor-idempotency' };

beforeAll(async () => {
  federation = await startFederation({ services: ['housing', 'tax', 'hub', 'center', 'gateway'], demoCases: 4 });
  housing = atDepartment('housing', federation.urls.housing!);
  viaHub = throughHub(federation.gateway.url);
  promised = await findItem(housing, { kind: 'PROMISED' });
});

afterAll(async () => {
  await federation?.stop();
});

/** How many cases housing has for one applicant, as a supervisor reads them. */
async function casesOf(idNumber: string): Promise<string[]> {
  const data = await query(
    federation.urls.housing!,
    'query($id: String) { housing { cases(filter: { applicantIdNumber: $id }, first: 50) { edges { node { id } } } } }',
    { id: idNumber },
    await headersFor(SUPERVISOR),
  );
  return (data.housing.cases.edges as { node: { id: string } }[]).map((edge) => edge.node.id).sort();
}

describe('a pre-empted idempotency key', () => {
  it('at the department: another clerk’s identical submission with the same key is a new case', async () => {
    const key = 'pre-empted-submit-1';
    const applicant = person('赵一鸣');
    const mine = await submitCase(housing, { item: promised, applicant, key, as: WINDOW });
    const theirs = await submitCase(housing, { item: promised, applicant, key, as: OTHER_WINDOW });
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.number).not.toBe(mine.number);
    // Each caller's replay returns their own case, and no third one is made.
    expect((await submitCase(housing, { item: promised, applicant, key, as: WINDOW })).id).toBe(mine.id);
    expect((await submitCase(housing, { item: promised, applicant, key, as: OTHER_WINDOW })).id).toBe(theirs.id);
    expect(await casesOf(applicant.idNumber)).toEqual([mine.id, theirs.id].sort());
  });

  it('at the department: a clerk’s key is no way into an officer’s submission', async () => {
    const key = 'pre-empted-submit-2';
    const first = person('钱二');
    const second = person('孙三');
    const clerks = await submitCase(housing, { item: promised, applicant: first, key, as: WINDOW });
    const officers = await submitCase(housing, { item: promised, applicant: second, key, as: officerOf('housing') });
    expect(officers.id).not.toBe(clerks.id);
    expect(await casesOf(second.idNumber)).toEqual([officers.id]);
    expect((await submitCase(housing, { item: promised, applicant: first, key, as: WINDOW })).id).toBe(clerks.id);
  });

  it('through the hub: two applicants applying online under the same key each get their own case', async () => {
    const onlineItem = await onlineItemOf('housing');
    if (!onlineItem) throw new Error('housing has no item applied for online');
    const key = 'pre-empted-online-1';
    const x = person('周四');
    const y = person('吴五');
    const asX = applicantWith(x.idNumber);
    const asY = applicantWith(y.idNumber);
    const xs = await submitCase(viaHub, { item: onlineItem, applicant: x, key, as: asX });
    const ys = await submitCase(viaHub, { item: onlineItem, applicant: y, key, as: asY });
    expect(ys.id).not.toBe(xs.id);
    // Y's case is Y's, and X's is not Y's to read (another's case reads as not found).
    expect(await casesOf(y.idNumber)).toEqual([ys.id]);
    const peek = await query(
      federation.gateway.url,
      'query($id: ID!) { housing { case(id: $id) { id } } }',
      { id: xs.id },
      await headersFor(asY),
    );
    expect(peek.housing.case).toBeNull();
    expect((await submitCase(viaHub, { item: onlineItem, applicant: x, key, as: asX })).id).toBe(xs.id);
  });

  it('a transition: another officer’s step under the same key acts on their own case, no replay', async () => {
    const key = 'pre-empted-accept-1';
    const a = await submitCase(housing, { item: promised, applicant: person('郑六') });
    const b = await submitCase(housing, { item: promised, applicant: person('王七') });
    const acceptedA = await step(housing, a, 'accept', {}, { key, as: officerOf('housing') });
    const acceptedB = await step(housing, b, 'accept', {}, { key, as: OTHER_OFFICER });
    expect(acceptedB.id).toBe(b.id);
    expect(acceptedB.status).toBe('ACCEPTED');
    expect(acceptedA.id).toBe(a.id);
    // The first officer's replay is still their answer, and case A moved once only.
    const replay = await step(housing, a, 'accept', {}, { key, as: officerOf('housing') });
    expect(replay).toMatchObject({ id: a.id, version: acceptedA.version, status: 'ACCEPTED' });
    expect((await readCase(housing, a.id, SUPERVISOR)).version).toBe(acceptedA.version);
  });

  it('of two writes in one request, a refused one leaves the answer of the one taken, at the department and through the hub', async () => {
    for (const [url, wrap] of [
      [
        federation.urls.housing!,
        (text: string) => `mutation($a: TransitionInput!, $b: TransitionInput!) { housing { ${text} } }`,
      ],
      [federation.gateway.url, (text: string) => `mutation($a: TransitionInput!, $b: TransitionInput!) { ${text} }`],
    ] as const) {
      const first = await submitCase(housing, { item: promised, applicant: person('孙九') });
      const second = await submitCase(housing, { item: promised, applicant: person('周十') });
      const text = wrap(
        'taken: accept(input: $a) { id status version } stale: accept(input: $b) { id status version }',
      );
      const input = (c: { id: string }, expectedVersion: number) => ({
        idempotencyKey: `two-writes-${c.id}`,
        caseId: c.id,
        expectedVersion,
      });
      const { body } = await post(
        url,
        text,
        { a: input(first, 1), b: input(second, 7) },
        await headersFor(officerOf('housing')),
      );
      const data = url === federation.gateway.url ? body.data : body.data?.housing;
      expect(data).toEqual({ taken: { id: first.id, status: 'ACCEPTED', version: 2 }, stale: null });
      expect(body.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([['stale', 'CONFLICT']]);
    }
  });

  it('at the center: another clerk’s joint application under the same key is a new joint application', async () => {
    const tax = await findItem(atDepartment('tax', federation.urls.tax!));
    const input = (idNumber: string) => ({
      idempotencyKey: 'pre-empted-joint-1',
      projectName: '同键并联项目',
      applicant: { kind: 'PERSON', name: '冯八', idNumber },
      leadDepartment: 'housing',
      parts: [{ itemId: promised.id }, { itemId: tax.id }],
    });
    const applicant = person('冯八');
    const create = async (caller: Caller) =>
      (
        await query(
          federation.urls.center!,
          'mutation($input: CreateJointApplicationInput!) { createJointApplication(input: $input) { id } }',
          { input: input(applicant.idNumber) },
          await headersFor(caller),
        )
      ).createJointApplication.id as string;
    const clerkOne: Caller = { role: 'window', sub: 'S01' };
    const clerkTwo: Caller = { role: 'window', sub: 'S02' };
    const first = await create(clerkOne);
    const second = await create(clerkTwo);
    expect(second).not.toBe(first);
    expect(await create(clerkOne)).toBe(first);
  });
});

/** An item of `department` that can be applied for online, if it has one. */
async function onlineItemOf(department: string): Promise<string | undefined> {
  const data = await query(
    federation.urls[department]!,
    `{ ${department} { items(first: 200) { edges { node { id onlineAvailable kind } } } } }`,
  );
  const items = data[department].items.edges as { node: { id: string; onlineAvailable: boolean; kind: string } }[];
  return items.find(({ node }) => node.onlineAvailable && node.kind !== 'JOINT')?.node.id;
}

describe('a joint application’s part key taken first at the department', () => {
  it('does not stop the center from sending that part: the part reaches the department as its own case', async () => {
    const taxItem = await findItem(atDepartment('tax', federation.urls.tax!));
    // The next joint applications' IDs are predictable (J1, J2, …): a clerk takes their part keys first.
    const squatted = new Set<string>();
    for (let joint = 1; joint <= 4; joint += 1) {
      for (let position = 0; position < 2; position += 1) {
        const key = `joint:${joint}:${position}`;
        const squatter = await submitCase(housing, { item: promised, applicant: person('蒋九'), key, as: WINDOW });
        squatted.add(squatter.id);
      }
    }
    const applicant = person('沈十');
    const created = (
      await query(
        federation.urls.center!,
        `mutation($input: CreateJointApplicationInput!) {
          createJointApplication(input: $input) { id parts { position department dispatch caseId } } }`,
        {
          input: {
            idempotencyKey: 'joint-after-squatters',
            projectName: '抢注键测试项目',
            applicant: { kind: 'PERSON', name: applicant.name, idNumber: applicant.idNumber },
            leadDepartment: 'housing',
            parts: [{ itemId: promised.id }, { itemId: taxItem.id }],
          },
        },
        await headersFor({ role: 'window', sub: 'S01' }),
      )
    ).createJointApplication as {
      id: string;
      parts: { position: number; department: string; dispatch: string; caseId: string | null }[];
    };
    // Its parts' keys are among those taken.
    expect(Number(created.id.replace('center:J', ''))).toBeLessThanOrEqual(4);
    await federation.center.followFeedsNow();
    const joint = (
      await query(
        federation.urls.center!,
        'query($id: ID!) { jointApplication(id: $id) { parts { position department dispatch caseId } } }',
        { id: created.id },
        await headersFor(SUPERVISOR),
      )
    ).jointApplication as typeof created;
    const housingPart = joint.parts.find((part) => part.department === 'housing')!;
    expect(housingPart.dispatch).toBe('DISPATCHED');
    expect(housingPart.caseId).toBeTruthy();
    expect(squatted.has(housingPart.caseId!)).toBe(false);
    // The department has the part as its own case, of this applicant and this joint application.
    const part = await query(
      federation.urls.housing!,
      'query($id: ID!) { housing { case(id: $id) { id status applicant { name } jointApplication { id } } } }',
      { id: housingPart.caseId },
      await headersFor(SUPERVISOR),
    );
    expect(part.housing.case).toMatchObject({
      status: 'SUBMITTED',
      applicant: { name: applicant.name },
      jointApplication: { id: created.id },
    });
    expect(await casesOf(applicant.idNumber)).toEqual([housingPart.caseId]);
  });
});
