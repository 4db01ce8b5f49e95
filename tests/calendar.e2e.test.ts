/**
 * Departments follow the center's working-day calendar (issue 11). A case accepted in December
 * 2026 gets a deadline in 2027, a year with no holiday notice yet: its deadline is provisional.
 * A supervisor enters an official 2027 schedule at the center; the department copies it,
 * recomputes the deadlines it moves (keeping each case's granted working days), records an
 * event, and supervision follows. With the center stopped, a restarted department still counts
 * from its copy. Everything runs on the real federation; time is a clock the test moves.
 *
 * In production each service is its own process with its own calendar. Here they share one
 * process, and the kit's calendar in force is process-wide: the center swaps its own in when a
 * year is entered. The test puts back the calendar a department process would still have
 * (useWorkingCalendar) wherever that matters, and says so.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env as envDefinition } from '../services/env/src/department.js';
import { copyCalendarChange } from '../services/kit/src/department/calendar-follow/copy.js';
import {
  WorkingCalendar,
  asKitDatabase,
  currentWorkingCalendar,
  sqliteAdapter,
  startDepartment,
  useWorkingCalendar,
  type DepartmentDefinition,
  type RunningDepartment,
  type ServiceClient,
} from '../services/kit/src/index.js';
import { person } from './support/applicants.js';
import { atDepartment, listItems, submitCase, walk, type CaseState, type Item } from './support/cases.js';
import { SUPERVISOR as HUB_SUPERVISOR, headersFor } from './support/callers.js';
import { post, query } from './support/graphql.js';
import { CENTER_SUPERVISOR, centerAs } from './support/hall.js';
import { expectDailyRowsMatchCases } from './support/daily-stats.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';

/** 10:00 China time on a day. */
const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00.000Z`) + (hour - 8) * 3600_000);
const chinaDay = (instant: string | Date) =>
  new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The oracle: working days counted here, independently of the kit, for the weeks the test's
 * deadlines fall in. 2026 is official and has no day off or 调休 after the National Day week; in
 * January 2027 the statutory rule gives only New Year's Day off. Outside these weeks it refuses.
 */
function countingWith(daysOff: readonly string[]) {
  const off = new Set(daysOff);
  const isWorkday = (day: string) => {
    if (day < '2026-10-11' || day > '2027-02-04') throw new Error(`the oracle does not know ${day}`);
    const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !off.has(day);
  };
  return {
    /** The n-th working day after `from` (the day itself never counts). */
    nth: (from: string, n: number) => {
      let day = from;
      for (let found = 0; found < n;) if (isWorkday((day = nextDay(day)))) found += 1;
      return day;
    },
    /** Working days after `from` up to and including `to`. */
    between: (from: string, to: string) => {
      let count = 0;
      for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkday(day)) count += 1;
      return count;
    },
  };
}
const provisionalCount = countingWith(['2027-01-01']);
const fixtureCount = countingWith(['2027-01-01', '2027-01-04']);

/**
 * TEST FIXTURE, NOT the State Council's 2027 notice (it was not published when this test was
 * written): the statutory holidays of 2027 on their dates, plus Monday 4 January as a day off, so
 * that every January deadline after it moves by one working day.
 */
const FIXTURE_2027 = {
  year: 2027,
  holidays: [
    '2027-01-01',
    '2027-01-04',
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
  notice: 'TEST FIXTURE (not a State Council notice): 2027 with 4 January off',
  reason: 'test fixture of calendar.e2e.test.ts',
};
/** Supervision reads the cases across departments through the gateway (a supervisor, 效能监察). */
const supervising = () => headersFor(HUB_SUPERVISOR);

let now = at('2026-12-01');
const clock = () => now;
let federation: Federation;
let envService: RunningDepartment;
let item: Item;

const definition = envDefinition as unknown as DepartmentDefinition<ServiceClient, unknown>;
const envUrl = () => envService.url;
/** The environment department's own lifecycle mutations, on whichever process of it runs now. */
const envDesk = () => atDepartment('env', envUrl());

/**
 * Starts the environment department on the federation's port and database, following the
 * center. The federation's departments start before its center, so they cannot know its URL.
 */
async function startEnv(): Promise<RunningDepartment> {
  return startDepartment(
    definition,
    {
      HOST: '127.0.0.1',
      PORT: new URL(federation.urls.env!).port,
      DATA_DIR: federation.dataDir,
      LOG_LEVEL: 'error',
      DEMO_CASES: '20',
      CENTER_URL: federation.urls.center!,
      CALENDAR_POLL_MS: '600000',
      CALENDAR_TIMEOUT_MS: '2000',
    },
    { clock },
  );
}

/**
 * Waits until the restarted department answers. This process's fetch pool (shared with the hub
 * and the center, which run here too) may still hold a keep-alive connection to the stopped
 * server on the same port; the first request on it fails and the pool drops it.
 */
async function untilAnswering(url: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { status } = await post(url, '{ __typename }');
      if (status === 200) return;
      if (attempt >= 5) throw new Error(`${url} answers HTTP ${status}`);
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

/** Reads the environment department's database directly, read-only. */
function readEnvDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(federation.dataDir, 'env.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

interface CaseRow {
  id: number;
  status: string;
  version: number;
  acceptedAt: string;
  deadline: string;
  concludedAt: string | null;
}
/** Every case with a deadline, as the department's database holds it. */
const casesWithDeadline = () =>
  readEnvDb((db) => {
    const sql = `SELECT id, status, version, acceptedAt, deadline, concludedAt FROM "Case" WHERE deadline IS NOT NULL`;
    return db.prepare(`${sql} ORDER BY id`).all() as CaseRow[];
  });
/** Every recomputeDeadline event, in the database. */
const recomputeEvents = () =>
  readEnvDb((db) => db.prepare(`SELECT * FROM "CaseEvent" WHERE action = 'recomputeDeadline' ORDER BY id`).all()) as {
    caseId: number;
  }[];

const SUSPENSION = { procedure: 'EXPERT_REVIEW', reason: '组织专家评审', expectedEnd: at('2027-03-01').toISOString() };

/** Submits and accepts a case of the test's item now, then takes the further steps. */
async function newCase(...steps: ('startReview' | 'suspend' | 'approve')[]): Promise<CaseState> {
  const submitted = await submitCase(envDesk(), {
    item,
    applicant: person('钱九'),
    as: { role: 'window', sub: 'window-W05' },
  });
  return walk(envDesk(), submitted, ['accept', ...steps], { inputs: { suspend: SUSPENSION } });
}

const CASE = `query($id: ID!) { case(id: $id) { id status acceptedAt deadline deadlineProvisional overdue
  remainingWorkingDays supervisionLevel
  ... on EnvCase { version events { seq action actor fromStatus toStatus note deadlineBefore deadlineAfter } } } }`;
const readCase = async (id: string) => (await query(federation.gateway.url, CASE, { id }, await supervising())).case;

/** How many of the case's department's cases a hub filter finds with the case's number. */
async function countWith(number: string, filter: Record<string, unknown>): Promise<number> {
  const count = 'query($f: CaseFilter) { cases(filter: $f, first: 5) { totalCount } }';
  const variables = { f: { departments: ['env'], text: number, ...filter } };
  const data = await query(federation.gateway.url, count, variables, await supervising());
  return data.cases.totalCount as number;
}

beforeAll(async () => {
  // Lists through both Hive planners; no @apollo/gateway.
  federation = await startFederation({ demoCases: 20, clock, services: [...SUBGRAPHS, 'gateway', 'rustGateway'] });
  await federation.stopService('env');
  envService = await startEnv();
  await untilAnswering(envUrl());
  // The longest limit: at least 10 working days from 21 December reaches past 4 January.
  item = (await listItems(envDesk()))
    .filter((i) => i.kind !== 'IMMEDIATE')
    .sort((a, b) => b.committedLimitDays - a.committedLimitDays)[0]!;
  expect(item.committedLimitDays).toBeGreaterThanOrEqual(10);
}, 120_000);

afterAll(async () => {
  await envService?.stop();
  await federation?.stop();
});

describe('the working-day calendar followed by the departments', () => {
  let first: CaseState;
  let deadlineBefore: string;
  let changeId: number;

  it('a deadline in a year without a notice is provisional, through every gateway', async () => {
    // Cases around the main one: one due in 2026, one suspended, one in review, one concluded.
    await newCase();
    now = at('2026-12-08');
    await newCase('suspend');
    now = at('2026-12-15');
    await newCase('startReview');
    await newCase('approve');
    now = at('2026-12-21');
    first = await newCase();
    const accepted = await readCase(first.id);
    deadlineBefore = accepted.deadline;
    expect(chinaDay(deadlineBefore)).toBe(provisionalCount.nth('2026-12-21', item.committedLimitDays));
    expect(chinaDay(deadlineBefore) > '2027-01-04').toBe(true);
    expect(accepted.deadlineProvisional).toBe(true);

    // The hub does not serve the field: the gateway takes it from each department.
    const list = `{ cases(first: 3, orderBy: { field: DEADLINE, direction: DESC }) {
      edges { node { id deadline deadlineProvisional } } } }`;
    type Node = { deadline: string | null; deadlineProvisional: boolean };
    for (const url of [federation.gateway.url, federation.rustGateway.url]) {
      const { status, body } = await post(url, list, {}, await supervising());
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const nodes: Node[] = body.data!.cases.edges.map((e: { node: Node }) => e.node);
      expect(nodes).toHaveLength(3);
      // 2026 has its notice, 2027 not yet.
      for (const node of nodes) {
        expect(node.deadlineProvisional).toBe(node.deadline !== null && chinaDay(node.deadline) >= '2027-01-01');
      }
      expect(nodes.some((node) => node.deadlineProvisional)).toBe(true);
    }

    // The public tracking page shows it too, through the center.
    const tracked = await query(
      federation.gateway.url,
      'query($n: String!, $v: String!) { trackCase(number: $n, verificationCode: $v) { deadline deadlineProvisional } }',
      { n: first.number, v: first.verificationCode },
    );
    expect(tracked.trackCase).toEqual({ deadline: deadlineBefore, deadlineProvisional: true });
  });

  it('entering the official schedule moves every deadline it affects, once, with an event', async () => {
    now = at('2026-12-22');
    const before = casesWithDeadline();
    const ENTER = `mutation($input: CalendarYearInput!) {
      enterCalendarYear(input: $input) { id year notice changedDays enteredBy } }`;
    const center = centerAs(federation.urls.center!);
    // Only a supervisor enters it; the public and departments read it.
    expect(await center.code({ role: 'officer', department: 'env' }, ENTER, { input: FIXTURE_2027 })).toBe('FORBIDDEN');
    const entered = (await center.query(CENTER_SUPERVISOR, ENTER, { input: FIXTURE_2027 })).enterCalendarYear;
    expect(entered.changedDays).toEqual(['2027-01-04']);
    expect(entered.enteredBy).toBe('supervisor:S00');
    changeId = entered.id;
    // The center and the department share this process: put back the calendar the department's own process has.
    useWorkingCalendar(WorkingCalendar.committed());
    expect((await readCase(first.id)).deadlineProvisional).toBe(true);
    expect(casesWithDeadline()).toEqual(before);

    const poll = await envService.pollCalendarOnce();
    expect(poll).toMatchObject({ centerAnswered: true, copied: 1 });

    // Every open case keeps its granted working days, counted under the calendar before and after;
    // concluded cases and deadlines before the turned day stay as they were.
    const after = new Map(casesWithDeadline().map((row) => [row.id, row]));
    let moved = 0;
    for (const old of before) {
      const row = after.get(old.id)!;
      const acceptedDay = chinaDay(old.acceptedAt);
      const expected =
        old.concludedAt !== null || chinaDay(old.deadline) < '2027-01-04'
          ? chinaDay(old.deadline)
          : fixtureCount.nth(acceptedDay, provisionalCount.between(acceptedDay, chinaDay(old.deadline)));
      expect(chinaDay(row.deadline), `case ${old.id}`).toBe(expected);
      if (row.deadline !== old.deadline) {
        moved += 1;
        expect(row.version).toBe(old.version + 1);
      } else expect(row.version).toBe(old.version);
    }
    // The suspended, the in-review and the main case at least.
    expect(moved).toBeGreaterThanOrEqual(3);
    const movedStatuses = before.filter((old) => after.get(old.id)!.deadline !== old.deadline).map((old) => old.status);
    expect(new Set(movedStatuses)).toEqual(new Set(['SUSPENDED', 'IN_REVIEW', 'ACCEPTED']));
    const events = recomputeEvents();
    expect(poll.moved).toBe(moved);
    expect(events).toHaveLength(moved);
    for (const event of events) {
      const old = before.find((row) => row.id === event.caseId)!;
      expect(event).toMatchObject({
        seq: old.version + 1,
        actor: 'system',
        fromStatus: old.status,
        toStatus: old.status,
        deadlineBefore: old.deadline,
        deadlineAfter: after.get(old.id)!.deadline,
      });
    }
    // The maintained statistics were kept in the same transactions as the moved deadlines.
    await expectDailyRowsMatchCases(federation.dataDir, 'env');
    expect(readEnvDb((db) => db.prepare('SELECT id, year, notice FROM "CalendarCopy"').all())).toEqual([
      { id: changeId, year: 2027, notice: FIXTURE_2027.notice },
    ]);

    const recomputed = await readCase(first.id);
    expect(chinaDay(recomputed.deadline)).toBe(fixtureCount.nth('2026-12-21', item.committedLimitDays));
    expect(recomputed.deadline).not.toBe(deadlineBefore);
    expect(recomputed.deadlineProvisional).toBe(false);
    const event = recomputed.events.at(-1);
    expect(event).toMatchObject({
      seq: recomputed.version,
      action: 'recomputeDeadline',
      actor: 'system',
      fromStatus: 'ACCEPTED',
      toStatus: 'ACCEPTED',
      deadlineBefore,
      deadlineAfter: recomputed.deadline,
    });
    expect(event.note).toContain(FIXTURE_2027.notice);

    // Polling again, or the same change read again by a department whose calendar is stale, changes nothing.
    expect(await envService.pollCalendarOnce()).toEqual({ centerAnswered: true, copied: 0, moved: 0 });
    const client = definition.createClient(sqliteAdapter(join(federation.dataDir, 'env.db'), 1000), 'sqlite');
    try {
      const stale = WorkingCalendar.committed();
      const again = await copyCalendarChange(asKitDatabase(client), stale, { id: changeId, ...FIXTURE_2027 }, now);
      expect(again).toMatchObject({ copied: false, moved: 0 });
    } finally {
      await client.$disconnect();
    }
    expect(recomputeEvents()).toHaveLength(moved);
    const final = await readCase(first.id);
    expect(final.version).toBe(recomputed.version);
    expect(final.events.filter((e: { action: string }) => e.action === 'recomputeDeadline')).toHaveLength(1);
  });

  it('with the center stopped, a restarted department computes 2027 deadlines from its copy', async () => {
    now = at('2026-12-28');
    await federation.stopService('center');
    await envService.stop();
    // A new department process starts with only the shipped years; its copy must bring 2027.
    useWorkingCalendar(WorkingCalendar.committed());
    envService = await startEnv();
    await untilAnswering(envUrl());
    expect(currentWorkingCalendar().year(2027)).toMatchObject({ status: 'OFFICIAL', notice: FIXTURE_2027.notice });
    expect(await envService.pollCalendarOnce()).toEqual({ centerAnswered: false, copied: 0, moved: 0 });

    const second = await newCase();
    const stored = readEnvDb((db) => db.prepare('SELECT deadline FROM "Case" WHERE number = ?').get(second.number)) as {
      deadline: string;
    };
    const official = fixtureCount.nth('2026-12-28', item.committedLimitDays);
    expect(official).not.toBe(provisionalCount.nth('2026-12-28', item.committedLimitDays));
    expect(chinaDay(stored.deadline)).toBe(official);
    const read = await readCase(second.id);
    expect(chinaDay(read.deadline)).toBe(official);
    expect(read.deadlineProvisional).toBe(false);
  });

  it('supervision levels, overdue and their SQL filters follow the moved deadline', async () => {
    const granted = item.committedLimitDays;
    const newDay = fixtureCount.nth('2026-12-21', granted);
    const oldDay = chinaDay(deadlineBefore);

    // Two working days before the new deadline; the old one would leave one: YELLOW (黄牌).
    const twoBefore = fixtureCount.nth('2026-12-21', granted - 2);
    now = at(twoBefore);
    expect(provisionalCount.between(twoBefore, oldDay)).toBe(1);
    const warned = await readCase(first.id);
    expect(warned).toMatchObject({ supervisionLevel: 'WARNING', remainingWorkingDays: 2, overdue: false });
    expect(await countWith(first.number, { supervisionLevels: ['WARNING'] })).toBe(1);
    expect(await countWith(first.number, { supervisionLevels: ['YELLOW', 'RED'] })).toBe(0);

    // On the new deadline's day the old one has passed: not overdue, not red.
    now = at(newDay);
    expect(oldDay < newDay).toBe(true);
    const due = await readCase(first.id);
    expect(due).toMatchObject({ supervisionLevel: 'YELLOW', remainingWorkingDays: 0, overdue: false });
    expect(await countWith(first.number, { overdue: true })).toBe(0);
    expect(await countWith(first.number, { overdue: false, supervisionLevels: ['YELLOW'] })).toBe(1);
    expect(await countWith(first.number, { supervisionLevels: ['RED'] })).toBe(0);
  });
});
