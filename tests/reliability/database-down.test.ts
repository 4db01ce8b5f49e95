/**
 * The departments' PostgreSQL server stopped under a running federation, then started again, as
 * the users meet it through the gateway:
 *
 * - each department's own numbers (`departments { openCases }`) are null, each with a
 *   DEPARTMENT_UNAVAILABLE that names its department, never a bare internal error;
 * - a list across departments names every one of them as missing;
 * - a routed write is reported as of unknown outcome, with its idempotency key, and nothing is
 *   written; once the server is back the same write goes through, once.
 *
 * The departments run on PostgreSQL here whatever the project (one cluster for the file); the
 * center keeps its own database and goes on answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../../schema/src/index.js';
import { person } from '../support/applicants.js';
import { SUPERVISOR, WINDOW, headersFor } from '../support/callers.js';
import { findItem, throughHub } from '../support/cases.js';
import { departmentPostgres, openDepartmentDatabase, stopDepartmentPostgres } from '../support/department-database.js';
import { SUBGRAPHS, startFederation, type Federation } from '../support/federation.js';
import { post } from '../support/graphql.js';

const CODES = departments.map((d) => d.code).sort();
let federation: Federation;
const wasOnPostgres = process.env.ONEWINDOW_TEST_DEPARTMENT_DATABASE;

beforeAll(async () => {
  process.env.ONEWINDOW_TEST_DEPARTMENT_DATABASE = 'postgresql';
  federation = await startFederation({ services: [...SUBGRAPHS, 'gateway'], demoCases: 30 });
});

afterAll(async () => {
  await federation?.stop();
  await stopDepartmentPostgres().catch(() => undefined);
  if (wasOnPostgres === undefined) delete process.env.ONEWINDOW_TEST_DEPARTMENT_DATABASE;
  else process.env.ONEWINDOW_TEST_DEPARTMENT_DATABASE = wasOnPostgres;
});

/** How many cases the department's database holds, read straight. */
async function casesIn(code: string): Promise<number> {
  const db = openDepartmentDatabase(federation.dataDir, code);
  try {
    return Number((await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM "Case"'))[0]!.n);
  } finally {
    await db.close();
  }
}

describe('the departments’ database down, through the gateway', () => {
  it('names every department whose numbers are missing, writes nothing, and takes the same write once it is back', async () => {
    const gateway = federation.gateway.url;
    const supervisor = await headersFor(SUPERVISOR);
    const item = await findItem(throughHub(gateway), { department: 'housing' });
    const submit = `mutation($input: RoutedSubmitInput!) { submitApplication(input: $input) { id status } }`;
    const input = { idempotencyKey: 'submit-while-database-down', itemId: item.id, applicant: person('钱七') };
    const before = await casesIn('housing');

    const postgres = await departmentPostgres();
    await postgres.halt();
    try {
      const overview = await post(gateway, '{ departments { code openCases } }', {}, supervisor);
      expect(overview.status).toBe(200);
      const numbers = (overview.body.data?.departments ?? []) as { code: string; openCases: number | null }[];
      expect(numbers.map((d) => d.code).sort()).toEqual(CODES);
      expect(numbers.every((d) => d.openCases === null)).toBe(true);
      const named = (overview.body.errors ?? []).map((error) => [error.extensions?.code, error.extensions?.department]);
      expect(new Set(named.map(([code]) => code))).toEqual(new Set(['DEPARTMENT_UNAVAILABLE']));
      expect([...new Set(named.map(([, department]) => department))].sort()).toEqual(CODES);

      const list = await post(gateway, '{ cases(first: 5) { totalCount incompleteDepartments } }', {}, supervisor);
      expect([...(list.body.data?.cases.incompleteDepartments ?? [])].sort()).toEqual(CODES);

      const write = await post(gateway, submit, { input }, await headersFor(WINDOW));
      expect(write.body.errors?.[0]?.extensions).toMatchObject({
        code: 'DEPARTMENT_UNAVAILABLE',
        department: 'housing',
        outcome: 'UNKNOWN',
        idempotencyKey: input.idempotencyKey,
      });
    } finally {
      await postgres.resume();
    }

    // Back: nothing was written meanwhile; the same write goes through, and a second time is the same case.
    expect(await casesIn('housing')).toBe(before);
    const done = await post(gateway, submit, { input }, await headersFor(WINDOW));
    expect(done.body.errors).toBeUndefined();
    const again = await post(gateway, submit, { input }, await headersFor(WINDOW));
    expect(again.body.data?.submitApplication.id).toBe(done.body.data?.submitApplication.id);
    expect(await casesIn('housing')).toBe(before + 1);
    const overview = await post(gateway, '{ departments { code openCases } }', {}, supervisor);
    expect(overview.body.errors).toBeUndefined();
  });
});
