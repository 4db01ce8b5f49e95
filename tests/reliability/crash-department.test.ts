/**
 * Acknowledged means durable. A department runs as its own process and window staff fire
 * transitions at it from many clients at once; it is killed with SIGKILL in the middle of the
 * burst, restarted on the same database, and the database, read directly, must hold every
 * transition a client was told about, every case in the status of its last event, and one event
 * per idempotency key, also for requests sent again after the crash. Power loss is not something
 * a test can cause here: what it checks is the setting that makes a commit survive it
 * (synchronous=FULL in WAL mode; synchronous_commit on PostgreSQL), on the running service's own
 * connection.
 *
 * CI: 2 kills, about 240 transitions; RELIABILITY_SCALE=full: 6 kills, about 2,400. The department's
 * database is its SQLite file, or PostgreSQL in the department-postgresql project (vitest.config.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { findDepartment, serviceDir } from '../../schema/src/index.js';
import { housing } from '../../services/housing/src/department.js';
import { DURABLE, databaseFile, openDatabase } from '../../services/kit/src/db/database.js';
import { asKitDatabase } from '../../services/kit/src/department/database.js';
import { submitApplication } from '../../services/kit/src/department/lifecycle/engine.js';
import { actingCaller } from '../../services/kit/src/department/access/acting.js';
import { seedCatalog } from '../../services/kit/src/department/seed.js';
import { createLogger } from '../../services/runtime/src/logger.js';
import {
  APPLICANT,
  CHAINS,
  chainItems,
  historyProblems,
  keyedEvents,
  missingWrites,
  readDatabase,
  runChains,
  sendStep,
  type Acknowledged,
  type Sent,
} from '../support/lifecycle-driver.js';
import { startServiceProcess, type ServiceProcess } from '../support/processes.js';
import {
  departmentDatabaseEnv,
  departmentsOnPostgres,
  openDepartmentDatabase,
} from '../support/department-database.js';

const FULL = process.env.RELIABILITY_SCALE === 'full';
const KILLS = FULL ? 6 : 2;
/** Transitions acknowledged in a round before the kill. */
const PER_ROUND = FULL ? 400 : 120;
const CLIENTS = 12;
const CODE = 'housing';
const KEY_PREFIX = 'crash-';

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-crash-department-'));
const file = databaseFile(dataDir, CODE);
let service: ServiceProcess | undefined;

afterAll(async () => {
  await service?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = async () =>
  startServiceProcess(CODE, { DATA_DIR: dataDir, DEMO_CASES: '20', ...(await departmentDatabaseEnv(dataDir, CODE)) });

/** Whether the department committed a request whose answer never came (read before it restarts). */
async function committed(sent: Sent): Promise<boolean> {
  const db = openDepartmentDatabase(dataDir, CODE);
  try {
    const rows = await db.query('SELECT 1 FROM "IdempotencyRecord" WHERE "key" = ?', [sent.input.idempotencyKey]);
    return rows.length > 0;
  } finally {
    await db.close();
  }
}

describe('power loss: acknowledged means durable', () => {
  it("runs the department's connection in WAL mode with synchronous=FULL, or PostgreSQL with synchronous_commit on", async () => {
    service = await start();
    const opened = service.logs.find((line) => line.msg === 'database opened');
    if (departmentsOnPostgres()) {
      expect(opened).toMatchObject({ synchronousCommit: 'on' });
      return;
    }
    expect(opened).toMatchObject({ file, ...DURABLE });
    // The journal mode is the file's own; read independently of the service.
    const db = readDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('never lets a read see a write that a crash could still take back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-committed-reads-'));
    const client = await openDatabase({
      serviceDir: serviceDir(CODE),
      file: databaseFile(dir, CODE),
      url: (await departmentDatabaseEnv(dir, CODE)).DATABASE_URL,
      logger: createLogger('test', 'silent'),
      createClient: housing.createClient,
    });
    try {
      const db = asKitDatabase(client);
      await seedCatalog(db, housing.catalog);
      const item = housing.catalog.find((i) => i.kind === 'PROMISED')!;
      const request = { idempotencyKey: 'k1', itemCode: item.code, applicant: APPLICANT };
      const secret = 'a-test-secret-0123456789';
      const acting = actingCaller({ role: 'window', sub: 'staff-1', ip: '127.0.0.1' }, secret);
      const submitted = await submitApplication(db, findDepartment(CODE)!, request, new Date(), secret, { acting });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      // A transition half done: its event is written, the commit has not happened (a kill -9 now would take it back).
      const writer = db.$transaction(
        async (tx) => {
          const accepted = {
            action: 'accept',
            actor: 'officer:staff-1',
            fromStatus: 'SUBMITTED',
            toStatus: 'ACCEPTED',
          };
          await tx.caseEvent.create({ data: { caseId: submitted.id, seq: 2, at: new Date(), ...accepted } });
          await gate;
          throw new Error('taken back');
        },
        { timeout: 10_000 },
      );
      await sleep(100);
      // The change feed reads like this, on the same client: it must not pass the event on. SQLite's
      // one connection makes it wait; PostgreSQL reads on another connection and never shows another
      // transaction's uncommitted rows.
      const reading = db.caseEvent.count();
      const early = await Promise.race([reading, sleep(300).then(() => 'still waiting')]);
      expect(early).toBe(departmentsOnPostgres() ? 1 : 'still waiting');
      release();
      await expect(writer).rejects.toThrow('taken back');
      expect(await reading).toBe(1);
    } finally {
      await client.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kill -9 a department during a burst of transitions', () => {
  it("keeps every acknowledged transition; each case is in its last event's status; no key acts twice", async () => {
    service ??= await start();
    const items = await chainItems(service.url, CODE);
    const acknowledged: Acknowledged[] = [];
    let inDoubt: Sent[] = [];
    let keys = 0;
    let chains = 0;
    const figures = { kills: 0, inDoubt: 0, inDoubtCommitted: 0, resent: 0, replayed: 0 };

    /** Requests whose answer was lost go again, as a client would send them: same key, same input. */
    const resend = async (url: string) => {
      for (const sent of inDoubt) {
        const outcome = await sendStep(url, CODE, sent);
        expect(outcome, JSON.stringify(sent)).toMatchObject({ kind: 'acknowledged' });
        if (outcome.kind === 'acknowledged') acknowledged.push({ ...sent, answer: outcome.answer });
        figures.resent += 1;
      }
      inDoubt = [];
    };

    for (let round = 0; round < KILLS; round++) {
      const current: ServiceProcess = service;
      await resend(current.url);
      const target = acknowledged.length + PER_ROUND;
      let killed: Promise<void> | null = null;
      const stopped = await Promise.all(
        Array.from({ length: CLIENTS }, () =>
          runChains({
            url: () => current.url,
            code: CODE,
            items,
            nextKey: () => `${KEY_PREFIX}${++keys}`,
            nextChain: () => CHAINS[chains++ % CHAINS.length]!,
            stop: () => killed !== null,
            acknowledged: (ack) => {
              acknowledged.push(ack);
              // No new requests from here; those in flight meet the kill at a random point of their way.
              if (killed || acknowledged.length < target) return;
              killed = sleep(Math.random() * 40).then(() => current.kill('SIGKILL'));
            },
          }),
        ),
      );
      await killed;
      figures.kills += 1;
      for (const cut of stopped) {
        if (!cut) continue;
        // Only the kill may interrupt a chain: no refusal, no error.
        expect(cut.outcome.kind, JSON.stringify(cut.outcome)).toBe('unanswered');
        inDoubt.push(cut.sent);
        figures.inDoubt += 1;
        if (await committed(cut.sent)) figures.inDoubtCommitted += 1;
      }
      service = await start();
    }
    await resend(service.url);
    // Acknowledged requests sent again after the crashes return their first answer and write nothing.
    for (const ack of acknowledged.filter((_, i) => i % 10 === 0)) {
      const outcome = await sendStep(service.url, CODE, ack);
      expect(outcome).toEqual({ kind: 'acknowledged', answer: ack.answer });
      figures.replayed += 1;
    }

    const db = openDepartmentDatabase(dataDir, CODE);
    try {
      const lost = await missingWrites(db, CODE, acknowledged);
      expect(lost.map((ack) => `${ack.name} ${String(ack.input.idempotencyKey)}`)).toEqual([]);
      expect(await historyProblems(db)).toEqual([]);
      const keyed = await keyedEvents(db, KEY_PREFIX);
      expect(keyed).toMatchObject({ duplicated: 0, unkeyed: 0 });
      // Each acknowledged request is one key, and each key one event.
      expect(keyed.keys).toBe(new Set(acknowledged.map((ack) => ack.input.idempotencyKey)).size);
      const present = acknowledged.length - lost.length;
      const report = { ...figures, acknowledged: acknowledged.length, present, lost: lost.length, ...keyed };
      console.log(`crash-department: ${JSON.stringify(report)}`);
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS * PER_ROUND);
    } finally {
      await db.close();
    }
  }, 300_000);
});
