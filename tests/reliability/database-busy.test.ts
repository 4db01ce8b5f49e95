/**
 * A locked or busy database. Another connection (an operator's tool, a backup, a seeder) holds
 * the write lock of a running department's SQLite file with BEGIN IMMEDIATE. Reads must go on
 * answering (WAL); a transition must wait for the lock without stopping the service, and succeed
 * when the lock is released within the busy timeout; when it is not, the client gets
 * SERVICE_BUSY, nothing is half-written, and the same request succeeds once the lock is gone.
 * The department runs as its own process, so the lock is really another process's.
 *
 * CI: 12 writes meet the lock each time; RELIABILITY_SCALE=full: 48.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../services/kit/src/db/database.js';
import { post } from '../support/graphql.js';
import { headersFor, officerOf } from '../support/callers.js';
import {
  chainItems,
  historyProblems,
  readDatabase,
  sendStep,
  stepInput,
  type CaseAnswer,
  type ChainItems,
  type Outcome,
  type Sent,
} from '../support/lifecycle-driver.js';
import { startServiceProcess, type ServiceProcess } from '../support/processes.js';
import { openServiceDatabase } from '../support/service-database.js';

const FULL = process.env.RELIABILITY_SCALE === 'full';
const WRITERS = FULL ? 48 : 12;
const CODE = 'housing';
/** The department's DATABASE_BUSY_TIMEOUT_MS here: how long a write waits for the lock. */
const BUSY_TIMEOUT_MS = 5000;

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-busy-'));
const file = databaseFile(dataDir, CODE);
let service: ServiceProcess;
let items: ChainItems;
let keys = 0;
const key = () => `busy-${++keys}`;
/** True while holdLock's lock is held: a write answered meanwhile did not wait for it. */
let lockHeld = false;

beforeAll(async () => {
  const env = { DATA_DIR: dataDir, DEMO_CASES: '10', DATABASE_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS) };
  service = await startServiceProcess(CODE, env);
  items = await chainItems(service.url, CODE);
});

afterAll(async () => {
  await service?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Submits `count` cases and returns them as acknowledged. */
async function submitted(count: number): Promise<CaseAnswer[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const input = stepInput('submit', key(), items, ['submit']);
      const outcome = await sendStep(service.url, CODE, { name: 'submit', input });
      if (outcome.kind !== 'acknowledged') throw new Error(JSON.stringify(outcome));
      return outcome.answer;
    }),
  );
}

/** Half the writes accept an existing case, half submit a new one. */
const writesFor = (cases: readonly CaseAnswer[]): Sent[] =>
  cases.flatMap((c) => [
    { name: 'accept', input: stepInput('accept', key(), items, ['accept'], c) },
    { name: 'submit', input: stepInput('submit', key(), items, ['submit']) },
  ]);

/** Holds the department's write lock from this process, as another program would. */
function holdLock(): { release: () => void } {
  lockHeld = true;
  const db = new Database(file);
  db.prepare('BEGIN IMMEDIATE').run();
  // A real write in the lock, so the waiting writers' snapshot is stale when they get their turn.
  db.prepare('UPDATE Item SET name = name WHERE code = ?').run(items.promised.code);
  return {
    release: () => {
      db.prepare('COMMIT').run();
      db.close();
    },
  };
}

/** Reads that go through both of the department's connections (Prisma's and the raw SQL reader). */
async function readsAnswer(caseId: string): Promise<boolean> {
  const text = `query($id: ID!) { ${CODE} { case(id: $id) { id } cases { totalCount } caseStats { count } } }`;
  const { status, body } = await post(service.url, text, { id: caseId }, await headersFor(officerOf(CODE)));
  const answered = body.data?.[CODE];
  return status === 200 && !body.errors && answered?.case?.id === caseId && answered.cases.totalCount > 0;
}

/** historyProblems of the department's file, read on a connection of its own. */
async function historyOfFile(): Promise<string[]> {
  const db = openServiceDatabase(file, undefined);
  try {
    return await historyProblems(db);
  } finally {
    await db.close();
  }
}

function keyRecorded(db: Database.Database, idempotencyKey: unknown): boolean {
  return !!db.prepare('SELECT 1 FROM IdempotencyRecord WHERE key = ?').get(idempotencyKey);
}

describe('a locked or busy database', () => {
  it('keeps reads answering while writes wait for the lock; they succeed when it is released in time', async () => {
    const cases = await submitted(WRITERS / 2);
    const writes = writesFor(cases);
    const lock = holdLock();
    const early: Outcome[] = [];
    let slowestRead = 0;
    let outcomes: Promise<Outcome[]>;
    try {
      outcomes = Promise.all(
        writes.map(async (sent) => {
          const outcome = await sendStep(service.url, CODE, sent);
          if (lockHeld) early.push(outcome);
          return outcome;
        }),
      );
      await sleep(500);
      // While every write waits, the service answers reads, from both of its connections.
      for (const c of cases.slice(0, 5)) {
        const asked = performance.now();
        expect(await readsAnswer(c.id)).toBe(true);
        slowestRead = Math.max(slowestRead, performance.now() - asked);
      }
      expect(early).toEqual([]);
    } finally {
      lockHeld = false;
      lock.release();
    }
    const results = await outcomes;
    expect(results.filter((o) => o.kind !== 'acknowledged')).toEqual([]);
    const db = readDatabase(file);
    try {
      expect(writes.filter((sent) => !keyRecorded(db, sent.input.idempotencyKey))).toEqual([]);
      expect(await historyOfFile()).toEqual([]);
    } finally {
      db.close();
    }
    const read = `reads answered meanwhile in at most ${Math.round(slowestRead)} ms`;
    console.log(`database-busy: ${writes.length} writes waited for the lock, ${results.length} acknowledged; ${read}`);
  });

  it('answers SERVICE_BUSY when the lock outlasts the busy timeout, writes nothing, takes it later', async () => {
    const cases = await submitted(WRITERS / 2);
    const writes = writesFor(cases);
    const before = readDatabase(file);
    const eventsBefore = (before.prepare('SELECT COUNT(*) AS n FROM CaseEvent').get() as { n: number }).n;
    before.close();
    const lock = holdLock();
    let results: Outcome[];
    const started = Date.now();
    try {
      results = await Promise.all(writes.map((sent) => sendStep(service.url, CODE, sent)));
      // Reads still answer after the writes gave up.
      expect(await readsAnswer(cases[0]!.id)).toBe(true);
    } finally {
      lock.release();
    }
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS);
    for (const outcome of results) {
      expect(outcome).toMatchObject({ kind: 'refused', code: 'SERVICE_BUSY' });
      if (outcome.kind === 'refused') {
        expect(outcome.message).toMatch(/busy, try again/);
        // Nothing of the database's own words or of the code's insides reaches the client.
        expect(outcome.message).not.toMatch(/SQLITE|locked|prisma|at \w+ \(/i);
      }
    }
    const db = readDatabase(file);
    try {
      expect((db.prepare('SELECT COUNT(*) AS n FROM CaseEvent').get() as { n: number }).n).toBe(eventsBefore);
      expect(writes.filter((sent) => keyRecorded(db, sent.input.idempotencyKey))).toEqual([]);
      expect(await historyOfFile()).toEqual([]);
    } finally {
      db.close();
    }
    // The key was not used up: the same requests go through now.
    const again = await Promise.all(writes.map((sent) => sendStep(service.url, CODE, sent)));
    expect(again.filter((o) => o.kind !== 'acknowledged')).toEqual([]);
    const taken = again.length;
    console.log(`database-busy: ${writes.length} writes SERVICE_BUSY after ${waited} ms, 0 written; ${taken} retried`);
  });
});
