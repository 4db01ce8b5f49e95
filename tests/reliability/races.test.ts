/**
 * Many clients racing through the gateway, with exactly-once outcomes checked against the
 * databases read directly (read-only):
 *
 * - the same transition of the same case at the same version, each client with its own key:
 *   exactly one wins, every other gets CONFLICT, and the case has one more event;
 * - the same submission (one idempotency key): one case, and every client gets that case;
 * - the same joint application at the center (one idempotency key): one application, and one
 *   case per part in its department.
 *
 * The hub reaches the departments through pass-through proxies here, which count the writes
 * that really arrived: the races are not merged on the way. RELIABILITY_SCALE=full races more
 * clients over more rounds.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprise, person } from '../support/applicants.js';
import { findItem, submitCase, throughHub } from '../support/cases.js';
import { startHubBehindProxies, type HubBehindProxies } from '../support/delay-proxy.js';
import { SUBGRAPHS, startFederation, type Federation } from '../support/federation.js';
import { post, type GraphQLResult } from '../support/graphql.js';
import { WINDOW, headersFor, officerOf, type Caller } from '../support/callers.js';
import { centerOnPostgres } from '../support/center-database.js';
import { WRITE_LOCK } from '../../services/kit/src/db/postgres.js';

const FULL = process.env.RELIABILITY_SCALE === 'full';
const RACERS = FULL ? 200 : 50;
const ROUNDS = FULL ? 6 : 2;
const RACE_DEPARTMENTS = ['housing', 'env', 'tax', 'market', 'natres'];
/** A race's time limit: the full variant races four times the clients over three times the rounds. */
const RACE_TIMEOUT_MS = FULL ? 900_000 : 120_000;

let federation: Federation;
let stack: HubBehindProxies;
let gatewayUrl: string;

beforeAll(async () => {
  // The races go through a hub and a gateway of their own (below); the federation's routers are not needed.
  federation = await startFederation({ demoCases: 20, services: SUBGRAPHS });
  // A long timeout: under a race the departments queue their writes, and nothing here should time out.
  stack = await startHubBehindProxies(federation, 30_000);
  gatewayUrl = stack.gateway.url;
});

afterAll(async () => {
  await stack?.stop();
  await federation?.stop();
});

/** Exactly-once outcomes verified against a database, for the report. */
const verified = { races: 0, racers: 0, exactlyOnce: 0, duplicated: 0 };

/** Reads one service's database, read-only, and closes it. */
function readDb<T>(service: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(federation.dataDir, `${service}.db`), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Takes the center's write lock from a connection of its own: the advisory lock on PostgreSQL, the file's on SQLite. */
async function holdCenterWriteLock(): Promise<{ release: () => Promise<void> }> {
  let released = false;
  if (centerOnPostgres()) {
    const holder = new pg.Client({ connectionString: federation.centerDatabaseUrl });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [WRITE_LOCK]);
    return {
      release: async () => {
        if (released) return;
        released = true;
        await holder.end();
      },
    };
  }
  const holder = new Database(join(federation.dataDir, 'center.db'));
  holder.prepare('BEGIN IMMEDIATE').run();
  return {
    release: async () => {
      if (released) return;
      released = true;
      holder.prepare('ROLLBACK').run();
      holder.close();
    },
  };
}

/** Every row a statement reads. */
const rows = <T>(db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const count = (db: Database.Database, sql: string, ...params: unknown[]) =>
  rows<{ n: number }>(db, sql, ...params)[0]!.n;

/** What each racer got: the ID of its result, or its error's code. */
const outcomes = <T>(bodies: GraphQLResult<T>[], id: (data: T) => string | undefined) =>
  new Set(bodies.map((body) => (body.data && id(body.data)) ?? `error:${body.errors?.[0]?.extensions?.code}`));

/**
 * Starts every racer at once (each request, its caller's token included, is built first) and
 * waits for all of them. Racers sharing an idempotency key must be one caller: keys are the caller's.
 */
async function race<T>(racers: number, request: (i: number) => [string, Record<string, unknown>, Caller]) {
  const requests = await Promise.all(
    Array.from({ length: racers }, async (_, i) => {
      const [text, variables, caller] = request(i);
      return [text, variables, await headersFor(caller)] as const;
    }),
  );
  stack.reset();
  const answers = await Promise.all(
    requests.map(([text, variables, headers]) => post<T>(gatewayUrl, text, variables, headers)),
  );
  for (const { status, body } of answers) {
    expect(status).toBe(200);
    expectCoded(body);
  }
  return answers.map(({ body }) => body);
}

/** Every error carries a code and shows no stack trace or SQL. */
function expectCoded(body: GraphQLResult<unknown>) {
  for (const error of body.errors ?? []) {
    expect(error.extensions?.code, error.message).toBeTypeOf('string');
    expect(error.message).not.toMatch(/\n\s+at |SELECT |SQLITE/);
  }
}

/** Every racer's write reached the department through its proxy: none was merged or lost on the way. */
function expectAllArrived(department: string, bodies: GraphQLResult<unknown>[]) {
  const arrived = stack.proxies[department]!.takeEvents().filter((e) => e.isMutation).length;
  const errors = new Set(bodies.flatMap((body) => body.errors ?? []).map((e) => `${e.extensions?.code}: ${e.message}`));
  expect(arrived, `writes that reached ${department}; the racers' errors: ${[...errors].join(' | ')}`).toBe(RACERS);
}

const SUBMIT = 'mutation($input: RoutedSubmitInput!) { submitApplication(input: $input) { id status } }';
const transitionText = (name: string) =>
  `mutation($input: TransitionInput!) { t: ${name}(input: $input) { id status } }`;
const itemOf = async (department: string, kind: string) =>
  (await findItem(throughHub(gatewayUrl), { department, kind })).id;

/** A new submission's input, for an item of the department. */
async function submission(department: string, key: string, name: string) {
  const itemId = await itemOf(department, 'PROMISED');
  return { idempotencyKey: key, itemId, applicant: person(name) };
}

/** A new case of the department, through the hub. */
async function submitted(department: string, key: string, name: string): Promise<string> {
  const hub = throughHub(gatewayUrl);
  return (await submitCase(hub, { item: await itemOf(department, 'PROMISED'), key, applicant: person(name) })).id;
}

/** The case's row and events in its department's database, and which of some keys were recorded. */
function caseState(id: string, keyPrefix: string) {
  const [department, localId] = id.split(':') as [string, string];
  return readDb(department, (db) => {
    const caseId = Number(localId);
    type Row = { status: string; version: number };
    const [row] = rows<Row>(db, 'SELECT status, version FROM "Case" WHERE id = ?', caseId);
    const eventsSql = 'SELECT seq, action FROM "CaseEvent" WHERE caseId = ? ORDER BY seq';
    const events = rows<{ seq: number; action: string }>(db, eventsSql, caseId);
    const keys = rows<{ key: string }>(db, 'SELECT key FROM "IdempotencyRecord" WHERE key LIKE ?', `${keyPrefix}%`);
    return { ...row!, events, keys: keys.map((r) => r.key) };
  });
}

describe('clients racing the same transition at the same version', () => {
  it(
    'exactly one wins, every other gets CONFLICT, and the case changes once per race',
    async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const department = RACE_DEPARTMENTS[round % RACE_DEPARTMENTS.length]!;
        const id = await submitted(department, `race-case-${round}`, `竞态${round}`);
        // The last step races two different transitions: whichever wins, the other loses.
        const steps: [number, (i: number) => string, (name: string) => string][] = [
          [1, () => 'accept', () => 'ACCEPTED'],
          [2, () => 'startReview', () => 'IN_REVIEW'],
          [3, (i) => (i % 2 ? 'withdraw' : 'approve'), (name) => (name === 'withdraw' ? 'WITHDRAWN' : 'APPROVED')],
        ];
        for (const [version, transition, outcome] of steps) {
          const prefix = `race-${round}-v${version}-`;
          const bodies = await race<{ t: { id: string; status: string } }>(RACERS, (i) => [
            transitionText(transition(i)),
            { input: { idempotencyKey: `${prefix}${i}`, caseId: id, expectedVersion: version } },
            // Each racer is another officer of the department.
            officerOf(department, `officer-${i}`),
          ]);
          expectAllArrived(department, bodies);
          const winners = bodies.flatMap((body, i) => (body.data?.t ? [i] : []));
          const losers = bodies.filter((body) => !body.data?.t).map((body) => body.errors?.[0]?.extensions?.code);
          expect(winners, `round ${round}, version ${version}`).toHaveLength(1);
          expect(new Set(losers)).toEqual(new Set(['CONFLICT']));
          const winner = winners[0]!;
          const status = outcome(transition(winner));
          expect(bodies[winner]!.data!.t).toEqual({ id, status });

          const state = caseState(id, prefix);
          expect(state.status).toBe(status);
          expect(state.version).toBe(version + 1);
          expect(state.events.map((e) => e.seq)).toEqual(Array.from({ length: version + 1 }, (_, i) => i + 1));
          expect(state.events.at(-1)!.action).toBe(transition(winner));
          expect(state.keys).toEqual([`${prefix}${winner}`]);
          verified.races += 1;
          verified.racers += RACERS;
          verified.exactlyOnce += 1;
        }
      }
    },
    RACE_TIMEOUT_MS,
  );
});

describe('clients racing the same idempotent request', () => {
  it(
    'one submission key: one case, and every client gets that case',
    async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const department = RACE_DEPARTMENTS[(round + 1) % RACE_DEPARTMENTS.length]!;
        const key = `same-submit-${round}`;
        const name = `同键申请人${round}`;
        const input = await submission(department, key, name);
        const bodies = await race<{ submitApplication: { id: string } }>(RACERS, () => [SUBMIT, { input }, WINDOW]);
        expectAllArrived(department, bodies);
        const ids = outcomes(bodies, (data) => data.submitApplication?.id);
        expect([...ids]).toHaveLength(1);
        const [id] = [...ids] as [string];
        expect(id).toMatch(new RegExp(`^${department}:\\d+$`));

        const stored = readDb(department, (db) => ({
          records: count(db, 'SELECT COUNT(*) AS n FROM "IdempotencyRecord" WHERE key = ?', key),
          cases: rows<{ id: number }>(db, 'SELECT id FROM "Case" WHERE applicantName = ?', name),
          events: count(db, 'SELECT COUNT(*) AS n FROM "CaseEvent" WHERE caseId = ?', Number(id.split(':')[1])),
        }));
        expect(stored).toEqual({ records: 1, cases: [{ id: Number(id.split(':')[1]) }], events: 1 });
        verified.duplicated += stored.cases.length - 1;
        verified.races += 1;
        verified.racers += RACERS;
        verified.exactlyOnce += 1;
      }
    },
    RACE_TIMEOUT_MS,
  );

  it(
    'one transition key sent by every client: one change, and every client gets its result',
    async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const department = RACE_DEPARTMENTS[(round + 2) % RACE_DEPARTMENTS.length]!;
        const id = await submitted(department, `retry-case-${round}`, `重试${round}`);
        const input = { idempotencyKey: `same-accept-${round}`, caseId: id, expectedVersion: 1 };
        const officer = officerOf(department);
        const bodies = await race<{ t: { id: string } }>(RACERS, () => [transitionText('accept'), { input }, officer]);
        expectAllArrived(department, bodies);
        for (const body of bodies) expect(body.data?.t ?? body.errors).toEqual({ id, status: 'ACCEPTED' });
        const state = caseState(id, `same-accept-${round}`);
        expect(state).toMatchObject({ status: 'ACCEPTED', version: 2, keys: [`same-accept-${round}`] });
        expect(state.events.map((e) => e.action)).toEqual(['submit', 'accept']);
        verified.races += 1;
        verified.racers += RACERS;
        verified.exactlyOnce += 1;
      }
    },
    RACE_TIMEOUT_MS,
  );
});

describe('clients racing the same joint application at the center', () => {
  const CREATE = `mutation($input: CreateJointApplicationInput!) {
    createJointApplication(input: $input) { id parts { department dispatch caseId } } }`;

  // On PostgreSQL every center write once waited one second for the lock and then failed as an
  // internal error (under CI's load racing writers waited that long for each other); on SQLite it
  // failed at once.
  it('a write waits while another connection holds the write lock, and goes through when it is freed', async () => {
    const parts = await Promise.all(['natres', 'housing'].map((code) => itemOf(code, 'JOINT')));
    const input = {
      idempotencyKey: 'joint-behind-a-lock',
      projectName: '锁后并联工程',
      applicant: enterprise('锁后建设有限公司'),
      leadDepartment: 'natres',
      parts: parts.map((itemId) => ({ itemId })),
    };
    // An operator's session (or a second center process) holding the lock every write takes.
    const lock = await holdCenterWriteLock();
    try {
      const writing = post<{ createJointApplication: { id: string } }>(
        gatewayUrl,
        CREATE,
        { input },
        await headersFor(WINDOW),
      );
      // Longer than one attempt's lock wait on PostgreSQL (1 s) and Prisma's wait to start a transaction (2 s).
      await sleep(3000);
      await lock.release();
      const { body } = await writing;
      expect(body.errors).toBeUndefined();
      expect(body.data?.createJointApplication.id).toMatch(/^center:J\d+$/);
    } finally {
      await lock.release();
    }
  });

  it(
    'one key: one application, and one case per part in its department',
    async () => {
      const parts = await Promise.all(['natres', 'housing', 'env'].map((code) => itemOf(code, 'JOINT')));
      for (let round = 0; round < ROUNDS; round += 1) {
        const key = `same-joint-${round}`;
        const input = {
          idempotencyKey: key,
          projectName: `并联竞态工程${round}`,
          applicant: enterprise(`竞态建设有限公司${round}`),
          leadDepartment: 'natres',
          parts: parts.map((itemId) => ({ itemId })),
        };
        type Joint = { id: string; parts: { department: string; dispatch: string; caseId: string | null }[] };
        const bodies = await race<{ createJointApplication: Joint }>(RACERS, () => [CREATE, { input }, WINDOW]);
        const ids = outcomes(bodies, (data) => data.createJointApplication?.id);
        expect([...ids]).toHaveLength(1);
        const [jointId] = [...ids] as [string];
        expect(jointId).toMatch(/^center:J\d+$/);
        const localJoint = Number(jointId.slice('center:J'.length));

        // The center: one application under the key, each part sent once and pointing at its case.
        // Its SQLite file or its PostgreSQL database (the suite runs on both: vitest.config.ts).
        const centerDb = federation.centerDatabase();
        const [{ n: applications } = { n: 0 }] = await centerDb.query<{ n: number }>(
          'SELECT COUNT(*) AS n FROM "JointApplication" WHERE "idempotencyKey" = ?',
          [key],
        );
        const center = {
          applications,
          parts: await centerDb.query<{
            position: number;
            department: string;
            dispatch: string;
            caseId: string | null;
          }>(
            'SELECT "position", "department", "dispatch", "caseId" FROM "JointPart" WHERE "jointId" = ? ORDER BY "position"',
            [localJoint],
          ),
        };
        await centerDb.close();
        expect(center.applications).toBe(1);
        expect(center.parts.map((p) => [p.department, p.dispatch])).toEqual([
          ['natres', 'DISPATCHED'],
          ['housing', 'DISPATCHED'],
          ['env', 'DISPATCHED'],
        ]);
        // Each department: exactly one case of this application, the one the center recorded.
        for (const part of center.parts) {
          const partKey = `joint:${localJoint}:${part.position}`;
          const cases = readDb(part.department, (db) => ({
            cases: rows<{ id: number }>(db, 'SELECT id FROM "Case" WHERE jointApplicationId = ?', jointId).map(
              (r) => `${part.department}:${r.id}`,
            ),
            records: count(db, 'SELECT COUNT(*) AS n FROM "IdempotencyRecord" WHERE key = ?', partKey),
          }));
          expect(cases, part.department).toEqual({ cases: [part.caseId], records: 1 });
          verified.duplicated += cases.cases.length - 1;
          verified.exactlyOnce += 1;
        }
        verified.races += 1;
        verified.racers += RACERS;
        verified.exactlyOnce += 1;
      }
      console.info(`races: ${JSON.stringify({ ...verified, racersPerRace: RACERS })}`);
      expect(verified.duplicated).toBe(0);
    },
    RACE_TIMEOUT_MS,
  );
});
