/**
 * kill -9 the center while it follows the departments' change feeds. The five departments run in
 * this process with a clock the test moves; the center runs as its own process, reads every feed
 * from its beginning every 200 ms, and is killed with SIGKILL again and again while window staff
 * make events happen. After the last restart, the center's database, read directly, must show
 * each event's effect exactly once, as the departments' databases say it should be: a
 * notification for each one-time notice, special procedure (§45), extension (§42) and conclusion,
 * a rectification for each late
 * decision, and the joint application's next part released once, including a part whose events
 * the center reads before it has recorded the part's case.
 *
 * CI: 4 kills; RELIABILITY_SCALE=full: 13 kills and five times the events. The center's database is
 * its SQLite file, or PostgreSQL in the center-postgresql project (vitest.config.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, urlVariable } from '../../schema/src/index.js';
import { partSubmission, partSubmissionKey, type PartToSend } from '../../services/center/src/joint/dispatch.js';
import { env } from '../../services/env/src/department.js';
import { housing } from '../../services/housing/src/department.js';
import { market } from '../../services/market/src/department.js';
import { natres } from '../../services/natres/src/department.js';
import { tax } from '../../services/tax/src/department.js';
import { encodeCursor } from '../../services/runtime/src/cursor.js';
import { databaseFile, type ServiceClient } from '../../services/kit/src/db/database.js';
import { CONCLUDED_STATUSES, DECIDED_STATUSES } from '../../services/kit/src/department/case-status.js';
import { startDepartment, type DepartmentDefinition, type RunningDepartment } from '../../services/kit/src/index.js';
import { parseGlobalId } from '../../services/runtime/src/ids.js';
import { query } from '../support/graphql.js';
import { CENTER_SERVICE, WINDOW, headersFor } from '../support/callers.js';
import {
  CHAINS,
  chainItems,
  readDatabase,
  runChains,
  sendStep,
  stepInput,
  type CaseAnswer,
  type ChainItems,
  type StepName,
} from '../support/lifecycle-driver.js';
import { startServiceProcess, type ServiceProcess } from '../support/processes.js';
import { centerPostgres, openCenterDatabase } from '../support/center-database.js';

const FULL = process.env.RELIABILITY_SCALE === 'full';
/** Kills while events flow (the joint application's case adds one). */
const KILLS = FULL ? 12 : 3;
/** Chains each department's staff walk before and after the clock moves on. */
const CHAINS_PER_PHASE = FULL ? 30 : 6;
/** Cases per department accepted now and decided after their deadline. */
const LATE = FULL ? 9 : 3;
const DAY = 86_400_000;

type AnyDepartment = DepartmentDefinition<ServiceClient, unknown>;
const definitions = new Map([market, housing, natres, env, tax].map((d) => [d.code, d as unknown as AnyDepartment]));
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-crash-center-'));
let offset = 0;
const clock = () => new Date(Date.now() + offset);
const running = new Map<string, RunningDepartment>();
const urls: Record<string, string> = {};
let center: ServiceProcess;
let kills = 0;
/** The center's PostgreSQL database when this run asks for one (else its SQLite file in dataDir). */
let centerPg: Awaited<ReturnType<typeof centerPostgres>>;

async function startDepartmentHere(code: string, port = '0') {
  const config = { HOST: '127.0.0.1', PORT: port, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_CASES: '15' };
  const service = await startDepartment(definitions.get(code)!, config, { clock });
  running.set(code, service);
  urls[code] = service.url;
}

const startCenter = () =>
  startServiceProcess('center', {
    DATA_DIR: dataDir,
    FEED_POLL_MS: '200',
    FEED_START: 'beginning',
    // The hub is not needed for following feeds; nothing may answer there.
    HUB_URL: 'http://127.0.0.1:9/graphql',
    ...Object.fromEntries(departments.map((d) => [urlVariable(d.code), urls[d.code]!])),
    ...(centerPg ? { DATABASE_URL: centerPg.url } : {}),
  });

async function killCenter() {
  await center.kill('SIGKILL');
  kills += 1;
}

beforeAll(async () => {
  await Promise.all(departments.map((d) => startDepartmentHere(d.code)));
  centerPg = await centerPostgres();
  center = await startCenter();
});

afterAll(async () => {
  await center?.kill();
  await Promise.all([...running.values()].map((d) => d.stop()));
  await centerPg?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const centerFile = () => databaseFile(dataDir, 'center');

/** The rows of one query on the center's database, read directly (identifiers quoted: both databases read it). */
async function centerRows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  const db = openCenterDatabase(dataDir, centerPg?.url);
  try {
    return await db.query<T>(sql, params);
  } finally {
    await db.close();
  }
}

/** The rows of one query on a department's database, read directly. */
function rows<T>(service: string, sql: string, ...params: unknown[]): T[] {
  const db = readDatabase(databaseFile(dataDir, service));
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** True when the center has read every department's feed to its end and sent every part that may go. */
async function caughtUp(): Promise<boolean> {
  type Stored = { department: string; cursor: string | null };
  const stored = await centerRows<Stored>('SELECT "department", "cursor" FROM "FeedCursor"');
  const cursors = new Map(stored.map((r) => [r.department, r.cursor]));
  const [pending] = await centerRows<{ n: number }>(
    `SELECT COUNT(*) AS n FROM "JointPart" WHERE "dispatch" = 'PENDING'`,
  );
  return (
    pending!.n === 0 &&
    departments.every((d) => {
      const [newest] = rows<{ id: number | null }>(d.code, 'SELECT MAX(id) AS id FROM CaseEvent');
      return cursors.get(d.code) === (newest!.id === null ? null : encodeCursor(newest!.id));
    })
  );
}

async function waitUntil(what: string, done: () => Promise<boolean>, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await sleep(250);
  }
}

/** One step of a case by the department's staff, which must be acknowledged. */
async function take(code: string, name: StepName, items: ChainItems, key: string, previous?: CaseAnswer) {
  const outcome = await sendStep(urls[code]!, code, { name, input: stepInput(name, key, items, [name], previous) });
  if (outcome.kind !== 'acknowledged') throw new Error(`${code} ${name}: ${JSON.stringify(outcome)}`);
  return outcome.answer;
}

describe('power loss: the center', () => {
  it("runs the center's connection in WAL mode with synchronous=FULL, or PostgreSQL with synchronous_commit on", () => {
    const opened = center.logs.find((line) => line.msg === 'database opened');
    if (centerPg) {
      expect(opened).toMatchObject({ synchronousCommit: 'on' });
      return;
    }
    expect(opened).toMatchObject({ file: centerFile(), journalMode: 'wal', synchronous: 2 });
    const db = readDatabase(centerFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});

describe('kill -9 the center while it follows the feeds', () => {
  it("records a joint part whose events come before it recorded the part's case; the next part goes once", async () => {
    const jointItem = async (code: string): Promise<string> => {
      const text = `{ ${code} { items(filter: {kind: JOINT}, first: 1) { edges { node { id } } } } }`;
      return (await query(urls[code]!, text))[code].items.edges[0].node.id;
    };
    const [natresItem, housingItem] = await Promise.all([jointItem('natres'), jointItem('housing')]);
    // natres is down when the application is made: its part waits, PENDING.
    const natresPort = new URL(urls.natres!).port;
    await running.get('natres')!.stop();
    const input = {
      idempotencyKey: 'crash-joint-1',
      projectName: '滨江安置房二期工程',
      applicant: { kind: 'ENTERPRISE', name: '滨江城建有限公司', idNumber: '91330100MA2H3K4L6Y' },
      leadDepartment: 'natres',
      parts: [{ itemId: natresItem }, { itemId: housingItem, dependsOn: 0 }],
    };
    const create = `mutation($input: CreateJointApplicationInput!) {
      createJointApplication(input: $input) { id parts { dispatch } }
    }`;
    const created = (await query(center.url, create, { input }, await headersFor(WINDOW))).createJointApplication;
    expect(created.parts.map((p: { dispatch: string }) => p.dispatch)).toEqual(['PENDING', 'WAITING']);
    const jointId = Number(parseGlobalId(created.id as string).localId.slice(1));

    // The center sends the part and natres makes the case; the center is killed before it writes it down.
    await killCenter();
    await startDepartmentHere('natres', natresPort);
    const [part] = await centerRows<Omit<PartToSend, 'joint'> & PartToSend['joint']>(
      `SELECT p."id", p."jointId", p."position", p."department", p."itemCode",
        j."projectName", j."applicantKind", j."applicantName", j."applicantIdNumber"
       FROM "JointPart" p JOIN "JointApplication" j ON j."id" = p."jointId" WHERE p."jointId" = ? AND p."position" = 0`,
      jointId,
    );
    const submission = partSubmission({ ...part!, joint: part! });
    // Sent as the center sends it: its key, and so its replay, are the center's.
    const sent = await sendStep(urls.natres!, 'natres', { name: 'submit', input: submission }, CENTER_SERVICE);
    if (sent.kind !== 'acknowledged') throw new Error(JSON.stringify(sent));
    // natres's staff accept and approve it while the center is down: three events of a case it does not know.
    const items = await chainItems(urls.natres!, 'natres');
    const accepted = await take('natres', 'accept', items, 'joint-accept', sent.answer);
    const approved = await take('natres', 'approve', items, 'joint-approve', accepted);
    expect(approved).toMatchObject({ id: sent.answer.id, status: 'APPROVED', version: 3 });

    center = await startCenter();
    await waitUntil('the center caught up', caughtUp);
    const parts = await centerRows<{ dispatch: string; caseId: string | null; caseStatus: string | null }>(
      'SELECT "dispatch", "caseId", "caseStatus" FROM "JointPart" WHERE "jointId" = ? ORDER BY "position"',
      jointId,
    );
    expect(parts[0]).toMatchObject({ dispatch: 'DISPATCHED', caseId: sent.answer.id, caseStatus: 'APPROVED' });
    expect(parts[1]).toMatchObject({ dispatch: 'DISPATCHED', caseStatus: 'SUBMITTED' });
    const nextStep = `SELECT "eventKey" FROM "Notification" WHERE "kind" = 'NEXT_STEP' AND "caseId" = ?`;
    const nextSteps = await centerRows(nextStep, approved.id);
    expect(nextSteps).toEqual([{ eventKey: `${sent.answer.id}#3#next-1` }]);
    // Each part is exactly one case in its department, the one the center recorded.
    for (const [code, position] of [
      ['natres', 0],
      ['housing', 1],
    ] as const) {
      const made = rows<{ id: number }>(
        code,
        `SELECT c.id FROM "Case" c JOIN IdempotencyRecord r ON r.caseId = c.id
         WHERE c.jointApplicationId = ? AND r.key = ?`,
        created.id,
        partSubmissionKey(jointId, position),
      );
      expect(made.map((c) => `${code}:${c.id}`)).toEqual([parts[position]!.caseId]);
    }
  });

  it('gives each event its effect exactly once, however often the center is killed', async () => {
    const catalogs = departments.map(async (d) => [d.code, await chainItems(urls[d.code]!, d.code)] as const);
    const items = new Map(await Promise.all(catalogs));
    let keys = 0;
    const key = () => `feed-${++keys}`;
    let done = false;
    let killedBehind = 0;
    const killer = (async () => {
      while (!done || kills < KILLS + 1) {
        // A restarted center first reads what happened while it was down: kill it soon, often during that.
        await sleep(Math.random() * 1500);
        if (!(await caughtUp())) killedBehind += 1;
        await killCenter();
        center = await startCenter();
      }
    })();

    /** Every department's staff walk `count` chains, two clients each. */
    const walk = (count: number) =>
      Promise.all(
        departments.flatMap((d) => {
          let started = 0;
          return [0, 1].map(async () => {
            const cut = await runChains({
              url: () => urls[d.code]!,
              code: d.code,
              items: items.get(d.code)!,
              nextKey: key,
              nextChain: () => CHAINS[started++ % CHAINS.length]!,
              stop: () => started > count,
              acknowledged: () => undefined,
            });
            expect(cut).toBeNull();
          });
        }),
      );

    // Now: cases accepted today, to be decided long after their deadline.
    const acceptedNow = async (code: string) => {
      const submitted = await take(code, 'submit', items.get(code)!, key());
      return [code, await take(code, 'accept', items.get(code)!, key(), submitted)] as const;
    };
    const late = await Promise.all(departments.flatMap((d) => Array.from({ length: LATE }, () => acceptedNow(d.code))));
    await walk(CHAINS_PER_PHASE);
    // Two months on: the late decisions, and more of everything.
    offset = 60 * DAY;
    await Promise.all([
      ...late.map(([code, accepted], i) => take(code, i % 2 ? 'deny' : 'approve', items.get(code)!, key(), accepted)),
      walk(CHAINS_PER_PHASE),
    ]);
    done = true;
    await killer;
    await waitUntil('the center caught up', caughtUp);

    // What the departments' databases say each event should have caused.
    const notifying = new Set<string>(['SUPPLEMENT_REQUESTED', ...CONCLUDED_STATUSES]);
    // The applicant is told in writing of a special procedure and of an extension as well.
    const notifyingActions = new Set<string>(['suspend', 'extendDeadline']);
    const decided = new Set<string>(DECIDED_STATUSES);
    const expectedNotices = new Set<string>();
    const expectedLate = new Set<string>();
    let events = 0;
    for (const d of departments) {
      const history = rows<{
        caseId: number;
        seq: number;
        action: string;
        toStatus: string;
        at: string;
        deadline: string | null;
      }>(
        d.code,
        'SELECT e.caseId, e.seq, e.action, e.toStatus, e.at, c.deadline FROM CaseEvent e JOIN "Case" c ON c.id = e.caseId',
      );
      events += history.length;
      for (const e of history) {
        const eventKey = `${d.code}:${e.caseId}#${e.seq}`;
        if (notifying.has(e.toStatus) || notifyingActions.has(e.action)) expectedNotices.add(eventKey);
        const afterDeadline = e.deadline !== null && Date.parse(e.at) > Date.parse(e.deadline);
        if (decided.has(e.toStatus) && afterDeadline) expectedLate.add(eventKey);
      }
    }
    type Keyed = { key: string };
    const noticeKeys = await centerRows<Keyed>(
      `SELECT "eventKey" AS key FROM "Notification" WHERE "kind" != 'NEXT_STEP'`,
    );
    const lateKeys = await centerRows<Keyed>(
      `SELECT "sourceKey" AS key FROM "FollowUp" WHERE "source" = 'LATE_CONCLUSION'`,
    );
    const compare = (expected: Set<string>, got: Keyed[]) => {
      const keys = new Set(got.map((g) => g.key));
      return {
        missing: [...expected].filter((k) => !keys.has(k)),
        extra: [...keys].filter((k) => !expected.has(k)),
        // The keys are unique in the schema; counting proves it of the rows as well.
        duplicated: got.length - keys.size,
      };
    };
    expect(compare(expectedNotices, noticeKeys)).toEqual({ missing: [], extra: [], duplicated: 0 });
    expect(compare(expectedLate, lateKeys)).toEqual({ missing: [], extra: [], duplicated: 0 });
    expect(expectedLate.size).toBeGreaterThanOrEqual(departments.length * LATE);
    expect(kills).toBeGreaterThanOrEqual(KILLS + 1);
    const report = {
      kills,
      killedBehind,
      eventsConsumed: events,
      notifications: noticeKeys.length,
      lateRectifications: lateKeys.length,
      lost: 0,
      duplicated: 0,
    };
    console.log(`crash-center: ${JSON.stringify(report)}`);
  }, 300_000);
});
