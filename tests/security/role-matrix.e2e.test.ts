/**
 * The access policy as a test matrix: every role × what it may read and do, with the outcome
 * docs/security.md gives ("What a department serves", "What the center serves"). One table drives
 * every case; it runs through the gateway (users' tokens) and straight at the department, the hub
 * and the center (the internal identity token), where the public (no token) gets nothing but
 * UNAUTHENTICATED. A refused write changes nothing: the case's version and events are the same
 * afterwards, read by a supervisor.
 *
 * Outcomes: 'ok' (served whole), 'own' (a list holding the applicant's own cases only), 'masked'
 * (names and ID numbers masked), 'null' (the field or case reads as null), or the error code.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, type Applicant } from '../support/applicants.js';
import { WINDOW, applicantWith, chiefOf, officerOf, type Caller } from '../support/callers.js';
import { atDepartment, findItem, submitCase, walkTo, type CaseState, type Item } from '../support/cases.js';
import { startFederation, type Federation } from '../support/federation.js';
import { asInternal, asUser } from '../support/identity.js';
import { codesOf, postGraphQL, send, type Answer } from '../support/security-requests.js';
import { centerIssuer, centerKey, craftInternalToken, internalHeaders } from '../support/security-tokens.js';

/** `unexpected`: something no row expects (a value neither whole, masked nor null). */
type Outcome = 'ok' | 'own' | 'masked' | 'null' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'unexpected';

/** The housing items the matrix uses (services/housing/src/catalog.json). */
const PROMISED_ITEM = '000140002000';
const IMMEDIATE_ITEM = '000140005000';
const OTHER_IMMEDIATE_ITEM = '000140007000';

/** The two applicants: P, whose cases are read and acted on, and Q, another applicant. */
const P: Applicant = person('林小雨');
const Q: Applicant = person('陈大山');

const ROLES = {
  public: null,
  applicant: applicantWith(P.idNumber),
  window: WINDOW,
  officer: officerOf('housing', 'officer-housing-matrix'),
  otherOfficer: officerOf('tax', 'officer-tax-matrix'),
  chiefWith: { ...chiefOf('housing', [IMMEDIATE_ITEM, PROMISED_ITEM]), sub: 'chief-housing-with' },
  chiefWithout: { ...chiefOf('housing', [OTHER_IMMEDIATE_ITEM]), sub: 'chief-housing-without' },
  supervisor: { role: 'supervisor', sub: 'supervisor-matrix' },
  analyst: { role: 'analyst', sub: 'analyst-matrix' },
  auditor: { role: 'auditor', sub: 'auditor-matrix' },
  /** The center acting on its own: a subgraph-only identity (the gateway never signs one). */
  service: { role: 'service', sub: 'service:center' },
} satisfies Record<string, Caller | null>;
type RoleName = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];

const [OK, OWN, M, N, U, F] = ['ok', 'own', 'masked', 'null', 'UNAUTHENTICATED', 'FORBIDDEN'] as const;

/**
 * THE MATRIX. One row per action, one column per role, each the outcome docs/security.md gives.
 * `officer` is housing's (the department acted on), `otherOfficer` tax's; the chiefs are housing's,
 * `chiefWith` authorized at the window for the immediate and the promised item, `chiefWithout`
 * for another immediate item only. `service` (service:center) runs straight at the subgraphs only.
 */
// prettier-ignore
const MATRIX: Record<string, Record<RoleName, Outcome>> = {
  // pub public, app applicant, win window, off officer (housing), oth otherOfficer (tax), chW chiefWith,
  // chO chiefWithout, sup supervisor, ana analyst, aud auditor, svc service (service:center)
  //                                        pub  app  win  off  oth  chW  chO  sup  ana  aud  svc
  'list housing cases':                 row(U,   OWN, OK,  OK,  F,   OK,  OK,  OK,  M,   F,   OK),
  'list tax cases':                     row(U,   OWN, OK,  F,   OK,  F,   F,   OK,  M,   F,   OK),
  'read P’s case':                      row(U,   OK,  OK,  OK,  F,   OK,  OK,  OK,  M,   F,   OK),
  'read Q’s case':                      row(U,   N,   OK,  OK,  F,   OK,  OK,  OK,  M,   F,   OK),
  // The hub's view of a case has no personal field: nothing there to mask for an analyst.
  'read P’s case via the hub':          row(U,   OK,  OK,  OK,  F,   OK,  OK,  OK,  OK,  F,   OK),
  // Through the gateway: the hub's case, then the applicant from housing as an entity; direct: _entities.
  'P’s case as an entity':              row(U,   OK,  OK,  OK,  F,   OK,  OK,  OK,  M,   F,   OK),
  'applicant.name':                     row(U,   OK,  OK,  OK,  F,   OK,  OK,  OK,  M,   F,   OK),
  'applicant.idNumberMasked':           row(U,   OK,  OK,  OK,  F,   OK,  OK,  OK,  M,   F,   OK),
  'event notes':                        row(U,   OK,  OK,  OK,  F,   OK,  OK,  OK,  N,   F,   OK),
  'verificationCode':                   row(U,   N,   OK,  OK,  F,   OK,  OK,  N,   N,   F,   N),
  'caseStats':                          row(U,   F,   OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK),
  'change feed (caseEvents)':           row(U,   F,   F,   OK,  F,   OK,  OK,  OK,  F,   F,   OK),
  'lookup by applicantIdNumber':        row(U,   F,   OK,  OK,  F,   OK,  OK,  OK,  F,   F,   OK),
  'lookup by text':                     row(U,   F,   OK,  OK,  F,   OK,  OK,  OK,  F,   F,   OK),
  'auditRecords (department)':          row(U,   F,   F,   F,   F,   F,   F,   F,   F,   OK,  F),
  'auditRecords (center)':              row(U,   F,   F,   F,   F,   F,   F,   F,   F,   OK,  F),
  'submit (online item, P)':            row(U,   OK,  OK,  OK,  F,   OK,  OK,  F,   F,   F,   F),
  'submit (in Q’s name)':               row(U,   F,   OK,  OK,  F,   OK,  OK,  F,   F,   F,   F),
  'accept (housing case)':              row(U,   F,   F,   OK,  F,   OK,  OK,  F,   F,   F,   F),
  'accept (tax case)':                  row(U,   F,   F,   F,   OK,  F,   F,   F,   F,   F,   F),
  'withdraw (P’s case)':                row(U,   OK,  OK,  OK,  F,   OK,  OK,  F,   F,   F,   F),
  // Another's case is answered like one that does not exist, for a write as for a read (docs/security.md).
  'withdraw (Q’s case)':                row(U,   'NOT_FOUND', OK, OK, F, OK, OK, F, F,  F,   F),
  'approveOnSpot (immediate)':          row(U,   F,   F,   F,   F,   OK,  F,   F,   F,   F,   F),
  'approveOnSpot (other item)':         row(U,   F,   F,   F,   F,   F,   OK,  F,   F,   F,   F),
  // Taxation's own policy (services/tax/src/access.ts): a property's address, price and tax withheld from analysts.
  'tax: address, price, tax amount':    row(U,   N,   OK,  F,   OK,  F,   F,   OK,  N,   F,   OK),
  'approve (accepted case)':            row(U,   F,   F,   OK,  F,   OK,  F,   F,   F,   F,   F),
  // The center's table ("What the center serves"). Nothing here is yet anyone's own or maskable, so
  // 'own', 'own dept' and 'masked' show as 'ok': these rows check who is let in at all.
  'center: windows':                    row(U,   OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  F),
  'center: catalogCoverage':            row(U,   F,   OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  F),
  'center: notifications of P’s case':  row(U,   OK,  OK,  OK,  F,   OK,  OK,  OK,  F,   F,   F),
  'center: jointApplications':          row(U,   OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  F,   F),
  'center: complaints':                 row(U,   OK,  F,   OK,  OK,  OK,  OK,  OK,  OK,  F,   F),
  'center: complaints (housing)':       row(U,   OK,  F,   OK,  F,   OK,  OK,  OK,  OK,  F,   F),
  'center: followUps':                  row(U,   F,   F,   OK,  OK,  OK,  OK,  OK,  OK,  F,   F),
  'center: followUps (housing)':        row(U,   F,   F,   OK,  F,   OK,  OK,  OK,  OK,  F,   F),
  'center: fastTracks':                 row(U,   F,   OK,  OK,  OK,  OK,  OK,  OK,  OK,  F,   F),
};

/**
 * Where the implementation answers otherwise than docs/security.md says, reported and pinned
 * here: the cell is tested for what the implementation does now, and its name says what the
 * policy expects. When the implementation follows the policy, the cell fails: delete its entry.
 */
const DISAGREEMENTS: Record<string, { actual: Outcome; note: string }> = {};

function row(...outcomes: Outcome[]): Record<RoleName, Outcome> {
  if (outcomes.length !== ROLE_NAMES.length) throw new Error(`a row needs ${ROLE_NAMES.length} outcomes`);
  return Object.fromEntries(ROLE_NAMES.map((role, i) => [role, outcomes[i]!])) as Record<RoleName, Outcome>;
}

type Mode = 'gateway' | 'direct';

let federation: Federation;
let promised: Item;
let taxPromised: Item;
/** Cases read by the read actions: P's and Q's at housing (with a note), P's and Q's at tax. */
let pCase: CaseState;
let qCase: CaseState;
let pTaxCase: CaseState;
let qTaxCase: CaseState;
/** A demo tax case with its property transaction (address, price, tax): seeded cases carry one. */
let seededTaxCase: string;
const NOTE = '申请人来电补充了联系方式';

const housing = () => atDepartment('housing', federation.urls.housing!);
const tax = () => atDepartment('tax', federation.urls.tax!);

beforeAll(async () => {
  federation = await startFederation({ services: ['housing', 'tax', 'hub', 'center', 'gateway'], demoCases: 12 });
  promised = await findItem(housing(), { where: (item) => item.code === PROMISED_ITEM });
  taxPromised = await findItem(tax(), { kind: 'PROMISED' });
  pCase = await walkTo(
    housing(),
    await submitCase(housing(), { item: promised, applicant: P, note: NOTE }),
    'ACCEPTED',
  );
  qCase = await submitCase(housing(), { item: promised, applicant: Q, note: NOTE });
  pTaxCase = await submitCase(tax(), { item: taxPromised, applicant: P });
  qTaxCase = await submitCase(tax(), { item: taxPromised, applicant: Q });
  const seeded = await postGraphQL(
    federation.urls.tax!,
    '{ tax { cases(first: 50) { edges { node { id taxAmount propertyTransaction { address price taxAmount } } } } } }',
    await asInternal(WITNESS),
  );
  type Seeded = { id: string; taxAmount: number | null; propertyTransaction: Record<string, unknown> | null };
  const complete = (seeded.body.data?.tax?.cases?.edges as { node: Seeded }[]).find(
    ({ node }) =>
      node.taxAmount !== null &&
      node.propertyTransaction !== null &&
      Object.values(node.propertyTransaction).every((value) => value !== null),
  );
  if (!complete) throw new Error('no seeded tax case has a whole property transaction');
  seededTaxCase = complete.node.id;
});

afterAll(async () => {
  await federation?.stop();
});

/** The headers that make a request `role`'s, for the mode. */
async function headersOf(role: RoleName, mode: Mode): Promise<Record<string, string>> {
  const caller = ROLES[role];
  if (caller === null) return {};
  if (caller.role === 'service') {
    const token = await craftInternalToken({
      key: centerKey(),
      issuer: centerIssuer,
      sub: caller.sub,
      claims: { role: 'service' },
    });
    return internalHeaders(token);
  }
  return mode === 'gateway' ? asUser(caller) : asInternal(caller);
}

/** Where a request for `service` goes in `mode`: the gateway, or that subgraph itself. */
const urlOf = (service: 'housing' | 'tax' | 'hub' | 'center', mode: Mode): string =>
  mode === 'gateway' ? federation.gateway.url : federation.urls[service]!;

/** The code of the first error, if the request was refused. */
const refusal = (answer: Answer): Outcome | undefined => {
  const code = codesOf(answer)[0];
  return typeof code === 'string' ? (code as Outcome) : undefined;
};

const isMaskedName = (name: unknown, real: string) =>
  typeof name === 'string' && name !== real && name === real[0] + '*'.repeat(Array.from(real).length - 1);
const masked4 = (id: string) => id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
const masked3 = (id: string) => id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);

interface Context {
  role: RoleName;
  mode: Mode;
  headers: Record<string, string>;
}

interface CaseNode {
  id: string;
  applicant: { name: string | null; idNumberMasked: string | null } | null;
}

/** What a list of cases shows the caller: theirs only, everything, or everything masked. */
function listOutcome(nodes: CaseNode[], own: CaseState, another: CaseState): Outcome {
  const ids = nodes.map((node) => node.id);
  if (ids.includes(own.id) && !ids.includes(another.id)) return 'own';
  if (!ids.includes(own.id) || !ids.includes(another.id)) return 'unexpected';
  const mine = nodes.find((node) => node.id === own.id)!;
  return isMaskedName(mine.applicant?.name, P.name) ? 'masked' : 'ok';
}

async function listCases(context: Context, department: 'housing' | 'tax', own: CaseState, another: CaseState) {
  const answer = await postGraphQL(
    urlOf(department, context.mode),
    `{ ${department} { cases(first: 500) { edges { node { id applicant { name idNumberMasked } } } } } }`,
    context.headers,
  );
  const refused = refusal(answer);
  if (refused) return refused;
  const edges = answer.body.data?.[department]?.cases?.edges as { node: CaseNode }[] | undefined;
  return edges
    ? listOutcome(
        edges.map((edge) => edge.node),
        own,
        another,
      )
    : 'null';
}

/** One housing case as the caller reads it, with what `fields` asks. */
async function readHousingCase(context: Context, id: string, fields: string) {
  const answer = await postGraphQL(
    urlOf('housing', context.mode),
    `query($id: ID!) { housing { case(id: $id) { id ${fields} } } }`,
    context.headers,
    { id },
  );
  return { refused: refusal(answer), found: answer.body.data?.housing?.case as Record<string, any> | null };
}

async function readCaseOutcome(context: Context, c: CaseState, applicant: Applicant): Promise<Outcome> {
  const { refused, found } = await readHousingCase(context, c.id, 'applicant { name }');
  if (refused) return refused;
  if (!found) return 'null';
  return isMaskedName(found.applicant?.name, applicant.name) ? 'masked' : 'ok';
}

/** A field of P's housing case: whole ('ok'), masked, null, or the refusal. */
async function fieldOutcome(
  context: Context,
  fields: string,
  judge: (found: Record<string, any>) => Outcome,
): Promise<Outcome> {
  const { refused, found } = await readHousingCase(context, pCase.id, fields);
  if (refused) return refused;
  return found ? judge(found) : 'null';
}

/** A read that either answers (ok) or is refused. */
async function served(context: Context, service: 'housing' | 'center', text: string): Promise<Outcome> {
  const answer = await postGraphQL(urlOf(service, context.mode), text, context.headers);
  const refused = refusal(answer);
  if (refused) return refused;
  expect(answer.body.data, JSON.stringify(answer.body).slice(0, 300)).toBeTruthy();
  return 'ok';
}

/**
 * Whether the center lets the caller in: its refusal (UNAUTHENTICATED, FORBIDDEN), else 'ok' (a
 * department the center asked being absent from this federation is not a refusal).
 */
async function letIn(context: Context, text: string): Promise<Outcome> {
  const answer = await postGraphQL(urlOf('center', context.mode), text, context.headers);
  const refused = refusal(answer);
  if (refused === 'UNAUTHENTICATED' || refused === 'FORBIDDEN') return refused;
  expect(refused ?? 'DEPARTMENT_UNAVAILABLE', JSON.stringify(answer.body).slice(0, 300)).toBe('DEPARTMENT_UNAVAILABLE');
  return 'ok';
}

const WITNESS: Caller = { role: 'supervisor', sub: 'supervisor-witness' };

/** A case as a supervisor reads it straight from its department: its version, status and events. */
async function stateOf(c: { id: string; department: string }) {
  const answer = await postGraphQL(
    federation.urls[c.department]!,
    `query($id: ID!) { ${c.department} { case(id: $id) { version status events { action } } } }`,
    await asInternal(WITNESS),
    { id: c.id },
  );
  const found = answer.body.data?.[c.department]?.case as { version: number; status: string; events: unknown[] };
  return { version: found.version, status: found.status, events: found.events.length };
}

/**
 * Takes a transition on `c` as the caller. A refused one must change nothing: the case is the
 * same afterwards (version, status, events); an accepted one moved it on.
 */
async function transition(context: Context, c: CaseState, name: string): Promise<Outcome> {
  const before = await stateOf(c);
  const answer = await postGraphQL(
    urlOf(c.department as 'housing' | 'tax', context.mode),
    `mutation($input: TransitionInput!) { ${c.department} { ${name}(input: $input) { id version status } } }`,
    context.headers,
    { input: { idempotencyKey: `matrix-${randomUUID()}`, caseId: c.id, expectedVersion: c.version } },
  );
  const after = await stateOf(c);
  const refused = refusal(answer);
  if (refused) {
    expect(after, `a refused ${name} changed the case`).toEqual(before);
    return refused;
  }
  expect(after.version).toBeGreaterThan(before.version);
  return 'ok';
}

/** An applicant's housing cases, counted by a supervisor. */
async function casesOf(applicant: Applicant): Promise<number> {
  const answer = await postGraphQL(
    federation.urls.housing!,
    'query($id: String) { housing { cases(filter: { applicantIdNumber: $id }) { totalCount } } }',
    await asInternal(WITNESS),
    { id: applicant.idNumber },
  );
  return answer.body.data?.housing?.cases?.totalCount as number;
}

/** Submits an application of `applicant` as the caller; a refused one adds no case. */
async function submit(context: Context, applicant: Applicant): Promise<Outcome> {
  const before = await casesOf(applicant);
  const answer = await postGraphQL(
    urlOf('housing', context.mode),
    'mutation($input: SubmitApplicationInput!) { housing { submit(input: $input) { id status } } }',
    context.headers,
    { input: { idempotencyKey: `matrix-${randomUUID()}`, itemCode: PROMISED_ITEM, applicant } },
  );
  const refused = refusal(answer);
  expect(await casesOf(applicant), `cases of ${applicant.name} after the submission`).toBe(
    refused ? before : before + 1,
  );
  return refused ?? 'ok';
}

/** A fresh housing case (of P unless given): submitted by a window clerk, walked on by housing's officer. */
const freshCase = async (item: Item, status = 'SUBMITTED', applicant = P) =>
  walkTo(housing(), await submitCase(housing(), { item, applicant }), status);

/** Decides a fresh case of an immediate item on the spot as the caller. */
async function approveOnSpot(context: Context, itemCode: string): Promise<Outcome> {
  const immediate = await findItem(housing(), { where: (item) => item.code === itemCode });
  return transition(context, await freshCase(immediate), 'approveOnSpot');
}

/** What each action does as the caller, and the outcome it saw. */
const ACTIONS: Record<string, (context: Context) => Promise<Outcome>> = {
  'list housing cases': (context) => listCases(context, 'housing', pCase, qCase),
  'list tax cases': (context) => listCases(context, 'tax', pTaxCase, qTaxCase),
  'read P’s case': (context) => readCaseOutcome(context, pCase, P),
  'read Q’s case': (context) => readCaseOutcome(context, qCase, Q),
  'read P’s case via the hub': async (context) => {
    const answer = await postGraphQL(
      urlOf('hub', context.mode),
      'query($id: ID!) { case(id: $id) { id number status } }',
      context.headers,
      { id: pCase.id },
    );
    const refused = refusal(answer);
    if (refused) return refused;
    const found = answer.body.data?.case as { id: string } | null;
    return found?.id === pCase.id ? 'ok' : 'null';
  },
  'P’s case as an entity': async (context) => {
    const [text, variables] =
      context.mode === 'gateway'
        ? ['query($id: ID!) { case(id: $id) { id ... on HousingCase { applicant { name } } } }', { id: pCase.id }]
        : [
            `query($representations: [_Any!]!) { _entities(representations: $representations) {
              ... on HousingCase { id applicant { name } } } }`,
            { representations: [{ __typename: 'HousingCase', id: pCase.id }] },
          ];
    const answer = await postGraphQL(urlOf('housing', context.mode), text, context.headers, variables);
    const refused = refusal(answer);
    if (refused) return refused;
    const data = answer.body.data as { case?: CaseNode | null; _entities?: (CaseNode | null)[] } | undefined;
    const found = context.mode === 'gateway' ? data?.case : data?._entities?.[0];
    if (!found) return 'null';
    return isMaskedName(found.applicant?.name, P.name)
      ? 'masked'
      : found.applicant?.name === P.name
        ? 'ok'
        : 'unexpected';
  },
  'applicant.name': (context) =>
    fieldOutcome(context, 'applicant { name }', (found) => {
      const name = found.applicant?.name as string | null;
      if (name === P.name) return 'ok';
      return name === null ? 'null' : isMaskedName(name, P.name) ? 'masked' : 'unexpected';
    }),
  'applicant.idNumberMasked': (context) =>
    fieldOutcome(context, 'applicant { idNumberMasked }', (found) => {
      const shown = found.applicant?.idNumberMasked as string | null;
      expect(shown, 'a whole ID number is never served').not.toBe(P.idNumber);
      if (shown === masked4(P.idNumber)) return 'ok';
      if (shown === null) return 'null';
      return shown === masked3(P.idNumber) ? 'masked' : 'unexpected';
    }),
  'event notes': (context) =>
    fieldOutcome(context, 'events { note }', (found) => {
      const notes = (found.events as { note: string | null }[]).map((event) => event.note);
      return notes.includes(NOTE) ? 'ok' : notes.every((note) => note === null) ? 'null' : 'unexpected';
    }),
  verificationCode: (context) =>
    fieldOutcome(context, 'verificationCode', (found) => {
      if (found.verificationCode === null) return 'null';
      return found.verificationCode === pCase.verificationCode ? 'ok' : 'unexpected';
    }),
  caseStats: (context) => served(context, 'housing', '{ housing { caseStats(groupBy: [STATUS]) { count } } }'),
  'change feed (caseEvents)': (context) =>
    served(context, 'housing', '{ housing { caseEvents(first: 1) { endCursor } } }'),
  'lookup by applicantIdNumber': (context) =>
    served(context, 'housing', `{ housing { cases(filter: { applicantIdNumber: "${P.idNumber}" }) { totalCount } } }`),
  'lookup by text': (context) =>
    served(context, 'housing', `{ housing { cases(filter: { text: "${P.name.slice(0, 1)}" }) { totalCount } } }`),
  'auditRecords (department)': (context) =>
    served(context, 'housing', '{ housing { auditRecords(first: 5) { seq actor action } } }'),
  'auditRecords (center)': (context) => served(context, 'center', '{ auditRecords(first: 5) { seq actor action } }'),
  'submit (online item, P)': (context) => submit(context, P),
  'submit (in Q’s name)': (context) => submit(context, Q),
  'accept (housing case)': async (context) => transition(context, await freshCase(promised), 'accept'),
  'accept (tax case)': async (context) =>
    transition(context, await submitCase(tax(), { item: taxPromised, applicant: P }), 'accept'),
  'withdraw (P’s case)': async (context) => transition(context, await freshCase(promised), 'withdraw'),
  'withdraw (Q’s case)': async (context) => transition(context, await freshCase(promised, 'SUBMITTED', Q), 'withdraw'),
  'approveOnSpot (immediate)': (context) => approveOnSpot(context, IMMEDIATE_ITEM),
  'approveOnSpot (other item)': (context) => approveOnSpot(context, OTHER_IMMEDIATE_ITEM),
  'approve (accepted case)': async (context) => transition(context, await freshCase(promised, 'ACCEPTED'), 'approve'),
  'tax: address, price, tax amount': async (context) => {
    const answer = await postGraphQL(
      urlOf('tax', context.mode),
      `query($id: ID!) { tax { case(id: $id) { id taxAmount propertyTransaction { address price taxAmount } } } }`,
      context.headers,
      { id: seededTaxCase },
    );
    const refused = refusal(answer);
    if (refused) return refused;
    const found = answer.body.data?.tax?.case as {
      taxAmount: number | null;
      propertyTransaction: { address: string | null; price: number | null; taxAmount: number | null };
    } | null;
    if (!found) return 'null';
    const values = [found.taxAmount, ...Object.values(found.propertyTransaction)];
    return values.every((value) => value !== null)
      ? 'ok'
      : values.every((value) => value === null)
        ? 'null'
        : 'unexpected';
  },
  'center: windows': (context) => letIn(context, '{ windows { id } }'),
  'center: catalogCoverage': (context) => letIn(context, '{ catalogCoverage { department } }'),
  'center: notifications of P’s case': (context) => letIn(context, `{ notifications(caseId: "${pCase.id}") { kind } }`),
  'center: jointApplications': (context) => letIn(context, '{ jointApplications { id } }'),
  'center: complaints': (context) => letIn(context, '{ complaints { id } }'),
  'center: followUps': (context) => letIn(context, '{ followUps { id } }'),
  'center: complaints (housing)': (context) => letIn(context, '{ complaints(department: "housing") { id } }'),
  'center: followUps (housing)': (context) => letIn(context, '{ followUps(department: "housing") { id } }'),
  'center: fastTracks': (context) => letIn(context, '{ fastTracks { id } }'),
};

const cells = (mode: Mode) =>
  Object.entries(MATRIX).flatMap(([action, outcomes]) =>
    ROLE_NAMES.filter((role) => mode === 'direct' || role !== 'service').map(
      (role) => [role, action, outcomes[role]] as [RoleName, string, Outcome],
    ),
  );

it('every action of the matrix is implemented, and every one it implements is in the matrix', () => {
  expect(Object.keys(ACTIONS).sort()).toEqual(Object.keys(MATRIX).sort());
});

describe.each(['gateway', 'direct'] as const)('the matrix, %s', (mode) => {
  const agreed = cells(mode).filter(([role, action]) => !DISAGREEMENTS[`${role}|${action}`]);
  it.each(agreed)('%s: %s → %s', async (role, action, expected) => {
    const context: Context = { role, mode, headers: await headersOf(role, mode) };
    expect(await ACTIONS[action]!(context)).toBe(expected);
  });

  const disagreed = cells(mode).flatMap(([role, action, expected]) => {
    const known = DISAGREEMENTS[`${role}|${action}`];
    return known ? [[role, action, expected, known.actual, known.note] as const] : [];
  });
  it.each(disagreed)('%s: %s → %s by the policy, but %s (%s)', async (role, action, _policy, actual) => {
    const context: Context = { role, mode, headers: await headersOf(role, mode) };
    expect(await ACTIONS[action]!(context)).toBe(actual);
  });
});

describe('an applicant asking the hub straight for another applicant’s cases', () => {
  it('sees none of them: the departments answer the hub for the caller, not for the hub', async () => {
    const read = await postGraphQL(
      federation.urls.housing!,
      'query($id: ID!) { housing { case(id: $id) { applicant { id } } } }',
      await asInternal(WITNESS),
      { id: qCase.id },
    );
    const qApplicantId = read.body.data?.housing?.case?.applicant?.id as string;
    expect(qApplicantId).toMatch(/^applicant:/);
    const entities = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Applicant { cases(first: 50) { totalCount edges { node { id } } } } } }`;
    const representations = [{ __typename: 'Applicant', id: qApplicantId }];
    const asP = await postGraphQL(federation.urls.hub!, entities, await headersOf('applicant', 'direct'), {
      representations,
    });
    const ids = JSON.stringify(asP.body);
    expect(ids).not.toContain(qCase.id);
    expect(ids).not.toContain(qTaxCase.id);
    // The same request as a supervisor finds them: the question was fair, the answer was the caller's.
    const asSupervisor = await postGraphQL(federation.urls.hub!, entities, await asInternal(WITNESS), {
      representations,
    });
    expect(JSON.stringify(asSupervisor.body)).toContain(qCase.id);
  });
});

describe('the gateway’s own audit records (GET /audit)', () => {
  it.each(ROLE_NAMES.filter((role) => role !== 'service'))('%s', async (role) => {
    const answer = await send(`${federation.gateway.baseUrl}/audit?first=5`, {
      headers: await headersOf(role, 'gateway'),
    });
    const expected = role === 'auditor' ? 200 : role === 'public' ? 401 : 403;
    expect(answer.status, answer.text.slice(0, 300)).toBe(expected);
    if (expected === 200) expect(Array.isArray((JSON.parse(answer.text) as { records?: unknown }).records)).toBe(true);
    else expect(codesOf(answer)).toEqual([expected === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
  });
});

describe('straight at a subgraph without any token, only the public fields answer', () => {
  const nonPublic: [string, string][] = [
    ['housing', '{ housing { cases(first: 1) { totalCount } } }'],
    ['housing', `{ housing { case(id: "housing:1") { id } } }`],
    ['housing', '{ housing { caseStats { count } } }'],
    ['housing', '{ housing { caseEvents { endCursor } } }'],
    ['housing', '{ housing { latestEventCursor } }'],
    ['housing', '{ housing { auditRecords { seq } } }'],
    ['tax', '{ tax { cases(first: 1) { totalCount } } }'],
    ['hub', '{ case(id: "housing:1") { id } }'],
    ['hub', '{ cases(filter: { departments: ["housing"] }) { totalCount } }'],
    ['center', '{ auditRecords { seq } }'],
    ['center', '{ windows { id } }'],
    ['center', '{ staff { id } }'],
    ['center', '{ notifications { id } }'],
  ];
  it.each(nonPublic)('%s: %s is UNAUTHENTICATED', async (service, text) => {
    const answer = await postGraphQL(federation.urls[service]!, text);
    expect(answer.status).toBe(401);
    expect(codesOf(answer)).toEqual(['UNAUTHENTICATED']);
  });

  const publicFields: [string, string][] = [
    ['housing', '{ housing { department { code } items(first: 1) { totalCount } } }'],
    ['hub', '{ departments { code } }'],
    ['center', '{ calendarWarnings }'],
  ];
  it.each(publicFields)('%s: %s answers', async (service, text) => {
    const answer = await postGraphQL(federation.urls[service]!, text);
    expect(answer.body.errors ?? []).toEqual([]);
    expect(answer.body.data).toBeTruthy();
  });

  it('P’s case tracked by number and code answers the public, without anything personal', async () => {
    const answer = await postGraphQL(
      federation.urls.housing!,
      'query($n: String!, $c: String!) { housing { trackCase(number: $n, verificationCode: $c) { number status } } }',
      {},
      { n: pCase.number, c: pCase.verificationCode },
    );
    expect(answer.body.data?.housing?.trackCase).toEqual({ number: pCase.number, status: 'ACCEPTED' });
    expect(JSON.stringify(answer.body)).not.toContain(P.name);
  });
});
