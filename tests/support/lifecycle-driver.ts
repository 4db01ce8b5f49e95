/**
 * Drives a department's case lifecycle the way its staff would, through the department's own
 * `mutation { <code> { ... } }` fields, and checks what reached its database, read directly.
 * Every step is taken by the department's chief representative (首席代表), who may take every step
 * of its cases, deciding on the spot included (crewOf). The fault tests (tests/reliability) fire
 * these at services they kill or lock, and read the result with the oracles below, on either database.
 */
import Database from 'better-sqlite3';
import { TRANSITIONS, type TransitionName } from '../../services/kit/src/index.js';
import { toGlobalId } from '../../services/runtime/src/ids.js';
import { person } from './applicants.js';
import { transitionDefaults } from './cases.js';
import { post, query } from './graphql.js';
import { chiefOf, headersFor, type Caller } from './callers.js';
import type { ServiceDatabase } from './service-database.js';

/** Who drives a department's cases: its chief representative, authorized for every item of its catalog. */
export const crewOf = (code: string): Caller => chiefOf(code);

/** The submission, or a transition of the kit's state machine. */
export type StepName = 'submit' | TransitionName;

/** Paths through the state machine, each step taken on the version the previous one returned. */
export const CHAINS: readonly (readonly StepName[])[] = [
  ['submit', 'accept', 'startReview', 'approve'],
  ['submit', 'requestSupplement', 'resubmit', 'accept', 'deny'],
  ['submit', 'accept', 'startReview', 'suspend', 'resume', 'approve'],
  ['submit', 'approveOnSpot'],
  ['submit', 'notAccept'],
  ['submit', 'accept', 'withdraw'],
];

/** The items a chain needs: one with a deadline and materials, and one decided on the spot (即办件). */
export interface ChainItems {
  promised: { code: string; materials: { name: string }[] };
  immediate: { code: string };
}

/** Reads a department's catalog and picks the items the chains use. */
export async function chainItems(url: string, code: string): Promise<ChainItems> {
  type Item = { code: string; kind: string; materials: { name: string }[] };
  const text = `{ ${code} { items(first: 200) { edges { node { code kind materials { name } } } } } }`;
  const data = await query(url, text);
  const items = (data[code].items.edges as { node: Item }[]).map((e) => e.node);
  const promised = items.find((i) => i.kind === 'PROMISED' && i.materials.length > 0);
  const immediate = items.find((i) => i.kind === 'IMMEDIATE');
  if (!promised || !immediate) throw new Error(`${code} has no promised item with materials or no immediate item`);
  return { promised, immediate };
}

/** A case as a lifecycle mutation returns it. */
export interface CaseAnswer {
  id: string;
  status: string;
  version: number;
}

/** One mutation sent: its idempotency key and input, so it can be sent again as it was. */
export interface Sent {
  name: StepName;
  input: Record<string, unknown>;
}

/**
 * What came back: the case (acknowledged: HTTP 200 and no error), a coded refusal, or nothing
 * (the connection failed or timed out: the write may or may not have happened).
 */
export type Outcome =
  | { kind: 'acknowledged'; answer: CaseAnswer }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unanswered'; error: string };

export const APPLICANT = person('李四', { born: '1988-03-15' });

/** The input of one step of a chain; `previous` is the case the last step returned (none for submit). */
export function stepInput(
  name: StepName,
  key: string,
  items: ChainItems,
  chain: readonly StepName[],
  previous?: CaseAnswer,
): Record<string, unknown> {
  if (name === 'submit') {
    const item = chain.includes('approveOnSpot') ? items.immediate : items.promised;
    return { idempotencyKey: key, itemCode: item.code, applicant: APPLICANT };
  }
  if (!previous) throw new Error(`${name} needs the case`);
  const base = { idempotencyKey: key, caseId: previous.id, expectedVersion: previous.version };
  const materials = items.promised.materials.map((m) => m.name);
  return { ...base, ...transitionDefaults(name, materials) };
}

/**
 * Sends one lifecycle mutation to a department, as its crew (crewOf) unless `as` says who, and
 * says what came back. Idempotency keys belong to their caller: to send a write again as it was,
 * send it as the same caller.
 */
export async function sendStep(url: string, code: string, sent: Sent, as: Caller = crewOf(code)): Promise<Outcome> {
  const inputType = sent.name === 'submit' ? 'SubmitApplicationInput' : TRANSITIONS[sent.name].inputType;
  const text = `mutation($input: ${inputType}!) { ${code} { ${sent.name}(input: $input) { id status version } } }`;
  try {
    const headers = await headersFor(as);
    const { status, body } = await post<Record<string, Record<string, CaseAnswer>>>(
      url,
      text,
      { input: sent.input },
      headers,
    );
    const answer = body.data?.[code]?.[sent.name];
    if (status === 200 && !body.errors?.length && answer) return { kind: 'acknowledged', answer };
    const error = body.errors?.[0];
    const refusal = String(error?.extensions?.code ?? `HTTP ${status}`);
    return { kind: 'refused', code: refusal, message: error?.message ?? '' };
  } catch (error) {
    return { kind: 'unanswered', error: String((error as Error).cause ?? error) };
  }
}

/** An acknowledged write: what the client was told. */
export interface Acknowledged extends Sent {
  answer: CaseAnswer;
}

/**
 * Runs chains one after another until `stop()` says so, each step on the answer of the one
 * before. Returns at the first step that is not acknowledged, with that step (to send again).
 */
export async function runChains(options: {
  url: () => string;
  code: string;
  items: ChainItems;
  /** A unique idempotency key for each new request. */
  nextKey: () => string;
  /** Which of CHAINS to run next. */
  nextChain: () => readonly StepName[];
  stop: () => boolean;
  acknowledged: (ack: Acknowledged) => void;
}): Promise<{ sent: Sent; outcome: Outcome } | null> {
  while (!options.stop()) {
    const chain = options.nextChain();
    let previous: CaseAnswer | undefined;
    for (const name of chain) {
      if (options.stop()) return null;
      const sent: Sent = { name, input: stepInput(name, options.nextKey(), options.items, chain, previous) };
      const outcome = await sendStep(options.url(), options.code, sent);
      if (outcome.kind !== 'acknowledged') return { sent, outcome };
      options.acknowledged({ ...sent, answer: outcome.answer });
      previous = outcome.answer;
    }
  }
  return null;
}

/** Opens a service's database file for reading only: the oracle never writes. */
export function readDatabase(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

interface History {
  id: number;
  status: string;
  version: number;
  events: number;
  lastSeq: number | null;
  lastStatus: string | null;
}

/**
 * Cases whose status is not the `toStatus` of their last event, or whose version is not the
 * number of their events (seq runs 1..version without gaps), as readable lines.
 */
export async function historyProblems(db: ServiceDatabase): Promise<string[]> {
  const rows = await db.query<History>(
    `SELECT c."id", c."status", c."version", COUNT(e."id") AS "events", MAX(e."seq") AS "lastSeq",
      (SELECT l."toStatus" FROM "CaseEvent" l WHERE l."caseId" = c."id" ORDER BY l."seq" DESC LIMIT 1) AS "lastStatus"
     FROM "Case" c LEFT JOIN "CaseEvent" e ON e."caseId" = c."id" GROUP BY c."id"`,
  );
  return rows
    .filter((r) => r.status !== r.lastStatus || r.version !== r.events || r.version !== r.lastSeq)
    .map((r) => `case ${r.id}: ${r.status} v${r.version}; ${r.events} events, #${r.lastSeq} to ${r.lastStatus}`);
}

/** Acknowledged writes the database does not hold: no key, or no event at the version the client was told. */
export async function missingWrites(
  db: ServiceDatabase,
  code: string,
  acknowledged: readonly Acknowledged[],
): Promise<Acknowledged[]> {
  const missing: Acknowledged[] = [];
  for (const ack of acknowledged) {
    const [row] = await db.query<{ caseId: number }>('SELECT "caseId" FROM "IdempotencyRecord" WHERE "key" = ?', [
      ack.input.idempotencyKey,
    ]);
    if (!row || toGlobalId(code, row.caseId) !== ack.answer.id) {
      missing.push(ack);
      continue;
    }
    const [found] = await db.query<{ action: string; toStatus: string }>(
      'SELECT "action", "toStatus" FROM "CaseEvent" WHERE "caseId" = ? AND "seq" = ?',
      [row.caseId, ack.answer.version],
    );
    const [now] = await db.query<{ version: number }>('SELECT "version" FROM "Case" WHERE "id" = ?', [row.caseId]);
    const atVersion = found?.action === ack.name && found.toStatus === ack.answer.status;
    if (!atVersion || !now || now.version < ack.answer.version) missing.push(ack);
  }
  return missing;
}

/** How the events of keyed cases match their keys: duplicated and unkeyed must be 0. */
export interface KeyedEvents {
  events: number;
  keys: number;
  /** Events claimed by more than one key. */
  duplicated: number;
  /** Events no key made, and keys whose event is not there. */
  unkeyed: number;
}

/**
 * Matches the events of the cases made with keys starting with `keyPrefix` against the keys: each
 * event must have been made by exactly one key and each key must have made exactly one event.
 */
export async function keyedEvents(db: ServiceDatabase, keyPrefix: string): Promise<KeyedEvents> {
  const records = await db.query<{ caseId: number; result: string }>(
    'SELECT "caseId", "result" FROM "IdempotencyRecord" WHERE "key" LIKE ?',
    [`${keyPrefix}%`],
  );
  const byEvent = new Map<string, number>();
  for (const r of records) {
    const at = `${r.caseId}#${(JSON.parse(r.result) as { version: number }).version}`;
    byEvent.set(at, (byEvent.get(at) ?? 0) + 1);
  }
  const cases = [...new Set(records.map((r) => r.caseId))];
  const events = new Set<string>();
  for (const id of cases) {
    for (const e of await db.query<{ seq: number }>('SELECT "seq" FROM "CaseEvent" WHERE "caseId" = ?', [id]))
      events.add(`${id}#${e.seq}`);
  }
  const withoutKey = [...events].filter((e) => !byEvent.has(e)).length;
  const withoutEvent = [...byEvent.keys()].filter((k) => !events.has(k)).length;
  return {
    events: events.size,
    keys: records.length,
    duplicated: [...byEvent.values()].filter((n) => n > 1).length,
    unkeyed: withoutKey + withoutEvent,
  };
}
