/**
 * A department's maintained daily statistics (CaseDailyStats, kept by triggers on Case, and their
 * day totals, CaseDailyTotals, kept by triggers on those rows), against its cases read straight
 * from the database: after seeding, and after weeks of random submissions and transitions
 * (refusals included) with the §32 sweep between them. Statistics the rows answer
 * equal a brute-force count over every case, for random filters, groupings and measures, and
 * equal the same question asked in a form only the cases can answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housing } from '../services/housing/src/department.js';
import { SeededRandom, allowedTransitions } from '../services/kit/src/index.js';
import {
  bruteForceStats,
  chinaDay,
  matches,
  readCases,
  type Filter,
  type StatsDimension,
} from './support/brute-force.js';
import { atDepartment, listItems, readCase, step, submitCase, type Item } from './support/cases.js';
import { expectDailyRowsMatchCases } from './support/daily-stats.js';
import { startTestDepartment, type TestDepartment } from './support/department.js';
import { query } from './support/graphql.js';
import { SUPERVISOR, headersFor } from './support/callers.js';

const DAY_MS = 86_400_000;
/** `hour` o'clock China time on a day. */
const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00.000Z`) + (hour - 8) * 3_600_000);

let now = at('2026-09-21');
let department: TestDepartment;
let items: Item[];
const target = () => atDepartment('housing', department.url);
const rng = new SeededRandom('daily-stats');

beforeAll(async () => {
  department = await startTestDepartment(housing, { DEMO_CASES: '150' }, () => now);
  items = await listItems(target());
});

afterAll(async () => {
  await department?.stop();
});

const expectRowsMatchCases = () => expectDailyRowsMatchCases(department.dataDir, 'housing');

describe('the maintained daily statistics', () => {
  it('hold the seeded cases, counted as the cases say', async () => {
    expect((await readCases(department.dataDir, 'housing')).length).toBeGreaterThan(100);
    await expectRowsMatchCases();
  });

  it('stay equal to a recount through weeks of random writes, refusals and §32 sweeps', async () => {
    const done = { submitted: 0, moved: 0, refused: 0, days: 0, deemed: 0 };
    for (let i = 0; i < 160; i += 1) {
      const roll = rng.next();
      if (roll < 0.12) {
        // A few days pass: open cases fall behind their deadlines, and §32 accepts the unanswered.
        now = at(chinaDay(new Date(now.getTime() + rng.int(1, 4) * DAY_MS)), rng.int(9, 17));
        done.days += 1;
        done.deemed += await department.service.sweepDeemedAcceptance();
        continue;
      }
      const open = (await readCases(department.dataDir, 'housing')).filter((c) => !c.concludedAt);
      if (roll < 0.4 || !open.length) {
        await submitCase(target(), { item: rng.pick(items).id });
        done.submitted += 1;
      } else {
        const current = await readCase(target(), rng.pick(open).id);
        const allowed = allowedTransitions(current.status);
        if (!allowed.length) continue;
        const name = rng.pick(allowed);
        // Some steps are refused by the rules (deciding a promised item on the spot, say): nothing may change.
        try {
          await step(target(), current, name);
          done.moved += 1;
        } catch {
          done.refused += 1;
        }
      }
    }
    expect(done.moved).toBeGreaterThan(50);
    expect(done.days).toBeGreaterThan(5);
    await expectRowsMatchCases();
  });

  it('answer statistics as a brute-force count does, and as the GROUP BY over the cases does', async () => {
    const ROW = `itemCode status kind month week count concluded decided onTime overdue denials supplements
      durationSamples averageWorkingDaysToConclude`;
    const STATS = `query($filter: CaseFilter, $groupBy: [CaseStatsDimension!]!) {
      housing { caseStats(filter: $filter, groupBy: $groupBy) { ${ROW} } } }`;
    const headers = await headersFor(SUPERVISOR);
    const ask = async (filter: Filter, groupBy: StatsDimension[]) =>
      (await query(department.url, STATS, { filter, groupBy }, headers)).housing.caseStats as Record<string, unknown>[];
    const cases = await readCases(department.dataDir, 'housing');
    const days = [...new Set(cases.map((c) => chinaDay(c.submittedAt)))].sort();
    const dimensions: StatsDimension[] = ['ITEM', 'STATUS', 'KIND', 'MONTH', 'WEEK'];
    const statuses = [...new Set(cases.map((c) => c.status))];
    let fromRows = 0;
    let fromTotals = 0;
    for (let round = 0; round < 40; round += 1) {
      const groupBy = dimensions.filter(() => rng.chance(0.3)).slice(0, 2);
      const filter: Filter = {};
      // A period from midnight to midnight (China time) is the rows'; one from 10:00 is only the cases'.
      const aligned = rng.chance(0.8);
      if (rng.chance(0.6)) filter.submittedFrom = at(rng.pick(days), aligned ? 0 : 10).toISOString();
      if (rng.chance(0.3)) filter.submittedTo = at(rng.pick(days), aligned ? 0 : 10).toISOString();
      if (rng.chance(0.3)) filter.statuses = statuses.filter(() => rng.chance(0.5));
      if (rng.chance(0.2)) filter.itemCodes = items.filter(() => rng.chance(0.3)).map((item) => item.code);
      if (rng.chance(0.2)) filter.kind = rng.pick([...new Set(items.map((item) => item.kind))]);
      if (aligned) fromRows += 1;
      // Nothing grouped, no item or status filter: the day totals answer.
      if (aligned && !groupBy.length && !filter.statuses && !filter.itemCodes && !filter.kind) fromTotals += 1;

      const answer = await ask(filter, groupBy);
      const expected = bruteForceStats(
        cases.filter((c) => matches(c, filter, now)),
        groupBy,
        now,
      );
      const keyOf = (row: Record<string, unknown>) =>
        groupBy
          .map((d) => row[{ ITEM: 'itemCode', STATUS: 'status', KIND: 'kind', MONTH: 'month', WEEK: 'week' }[d]])
          .join('|');
      const context = JSON.stringify({ filter, groupBy });
      expect(answer.map(keyOf).sort(), context).toEqual([...expected.keys()].sort());
      for (const row of answer) {
        const { averageWorkingDaysToConclude: average, ...counts } = expected.get(keyOf(row))!;
        expect(row, context).toMatchObject(counts);
        if (average === null) expect(row.averageWorkingDaysToConclude, context).toBeNull();
        else expect(row.averageWorkingDaysToConclude, context).toBeCloseTo(average, 9);
      }
      // Every supervision level is no restriction, but the rows cannot tell levels: the cases answer.
      const viaCases = await ask({ ...filter, supervisionLevels: ['NONE', 'WARNING', 'YELLOW', 'RED'] }, groupBy);
      expect(answer, context).toEqual(viaCases);
    }
    expect(fromRows).toBeGreaterThan(20);
    expect(fromTotals).toBeGreaterThan(0);
  });
});
