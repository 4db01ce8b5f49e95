/**
 * The hub scaled out as a county runs it on several machines: every department, the center and
 * the hub from their built JavaScript (`npm run build`) under plain node, each its own process
 * (the center and housing on PostgreSQL, as larger services would run, the other departments on SQLite),
 * and two gateway replicas over the same subgraphs, as behind a load balancer, sharing their state
 * (audit chain, rate-limit counts) in a PostgreSQL cluster the test starts. Both replicas give the
 * same answers, a write through one is read through the other, a caller's limit and the audit
 * chain are the same whichever replica serves, and when one replica stops the other keeps answering.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, urlVariable } from '../schema/src/index.js';
import { enterprise } from './support/applicants.js';
import { ANALYST, AUDITOR, SUPERVISOR, WINDOW, headersFor, officerOf, type Caller } from './support/callers.js';
import { atDepartment, findItem, readCase, step, submitCase } from './support/cases.js';
import { post } from './support/graphql.js';
import { startServiceProcess, type ServiceProcess } from './support/processes.js';
import { freePorts } from './support/ports.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import { openServiceDatabase } from './support/service-database.js';

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-scale-out-'));
const subgraphs = new Map<string, ServiceProcess>();
let replicas: [ServiceProcess, ServiceProcess];
let postgres: TestPostgres;
let centerUrl: string;
let housingUrl: string;
/** Operations a minute from one address without signing in, counted across both replicas. */
const PUBLIC_LIMIT = 8;

/** What a person asks of the hub: cross-department lists and numbers, a department's own data, the center's. */
const QUERIES: { name: string; text: string; as: Caller }[] = [
  { name: 'departments', text: '{ departments { code name openCases overdueCases itemCount } }', as: SUPERVISOR },
  {
    name: 'cross-department list',
    text: '{ cases(first: 30) { totalCount edges { cursor node { id number status department { code } } } } }',
    as: SUPERVISOR,
  },
  {
    name: 'overdue first',
    text: '{ cases(first: 10, filter: { overdue: true }) { totalCount edges { node { id number deadline } } } }',
    as: SUPERVISOR,
  },
  { name: 'a department', text: '{ housing { items { totalCount edges { node { code name } } } } }', as: ANALYST },
  {
    name: "the center's own data",
    text: '{ publicVoice { department departmentName evaluations complaints } catalogCoverage { department items } }',
    as: SUPERVISOR,
  },
];

const ask = async (replica: ServiceProcess, text: string, as: Caller) =>
  post(replica.url, text, {}, await headersFor(as));

beforeAll(async () => {
  const codes = departments.map((d) => d.code);
  const names = [...codes, 'hub', 'center'];
  const ports = await freePorts(names.length + 2);
  const urls = Object.fromEntries(names.map((name, i) => [urlVariable(name), `http://127.0.0.1:${ports[i]}/graphql`]));
  postgres = await startPostgres();
  const stateUrl = await postgres.createDatabase('gateway_state');
  centerUrl = await postgres.createDatabase('center');
  housingUrl = await postgres.createDatabase('housing');
  // The center and one department on PostgreSQL, as a county's larger services would be; the other departments on SQLite.
  const onPostgres: Record<string, string> = { center: centerUrl, housing: housingUrl };
  const database = (name: string): Record<string, string> =>
    onPostgres[name] ? { DATABASE_URL: onPostgres[name] } : {};
  // Each kept as soon as it runs: if another fails to start, afterAll still stops it.
  await Promise.all(
    names.map(async (name, i) => {
      const env = { ...urls, DATA_DIR: dataDir, DEMO_CASES: '40', PORT: String(ports[i]), ...database(name) };
      subgraphs.set(name, await startServiceProcess(name, env, 120_000));
    }),
  );
  // Each replica as on a machine of its own: its own data folder (its audit chain), the same subgraphs.
  const replica = (n: number) =>
    startServiceProcess('gateway', {
      ...urls,
      DATA_DIR: join(dataDir, `gateway-${n}`),
      PORT: String(ports[names.length + n]),
      GATEWAY_STATE_URL: stateUrl,
      RATE_LIMIT_PUBLIC_PER_MINUTE: String(PUBLIC_LIMIT),
    });
  replicas = [await replica(0), await replica(1)];
}, 240_000);

afterAll(async () => {
  await Promise.all([...subgraphs.values(), ...(replicas ?? [])].map((p) => p.kill('SIGTERM')));
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('services scaled out', () => {
  it('run from their built JavaScript under plain node, not from TypeScript', () => {
    for (const service of [...subgraphs.values(), ...replicas]) {
      const argv = readFileSync(`/proc/${service.pid}/cmdline`, 'utf8').split('\0');
      expect(
        argv.some((arg) => arg.endsWith('/dist/index.js')),
        service.name,
      ).toBe(true);
      expect(argv.join(' '), service.name).not.toMatch(/tsx|\.ts\b/);
    }
  });

  it('keep the center and housing in PostgreSQL and the other departments in their SQLite files', async () => {
    for (const name of ['center', 'housing']) expect(existsSync(join(dataDir, `${name}.db`)), name).toBe(false);
    for (const code of departments.map((d) => d.code).filter((code) => code !== 'housing'))
      expect(existsSync(join(dataDir, `${code}.db`)), code).toBe(true);
    const count = async (url: string, table: string) => {
      const db = openServiceDatabase('', url);
      try {
        const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`);
        return n;
      } finally {
        await db.close();
      }
    };
    expect(await count(centerUrl, 'ServiceWindow')).toBeGreaterThan(0);
    expect(await count(housingUrl, 'Case')).toBeGreaterThan(0);
  });

  it('two gateway replicas give the same answers', async () => {
    for (const { name, text, as } of QUERIES) {
      const [a, b] = await Promise.all([ask(replicas[0], text, as), ask(replicas[1], text, as)]);
      expect(a.status, name).toBe(200);
      expect(a.body.errors, name).toBeUndefined();
      expect(b, name).toEqual(a);
    }
  });

  it('a case submitted through one replica is read and moved on through the other', async () => {
    const [first, second] = replicas;
    const item = await findItem(atDepartment('housing', subgraphs.get('housing')!.url), { kind: 'PROMISED' });
    const created = await submitCase(atDepartment('housing', first.url), {
      item,
      applicant: enterprise('临江恒通建设工程有限公司'),
      as: WINDOW,
    });
    expect(created).toMatchObject({ status: 'SUBMITTED', version: 1 });
    const accepted = await step(
      atDepartment('housing', second.url),
      created,
      'accept',
      {},
      {
        as: officerOf('housing', 'staff-3'),
      },
    );
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 2 });
    for (const replica of replicas) {
      expect(await readCase(atDepartment('housing', replica.url), created.id, SUPERVISOR)).toMatchObject({
        status: 'ACCEPTED',
        version: 2,
      });
    }
  });

  it("count a caller's rate limit together, whichever replica serves each request", async () => {
    // The public, from one address: PUBLIC_LIMIT a minute in all, sent to the replicas in turn.
    const statuses: number[] = [];
    for (let i = 0; i <= PUBLIC_LIMIT; i++) {
      const response = await post(replicas[i % 2]!.url, '{ __typename }', {}, {});
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array<number>(PUBLIC_LIMIT).fill(200), 429]);
    // Over the limit on one replica is over it on the other.
    expect((await post(replicas[0].url, '{ __typename }', {}, {})).status).toBe(429);
    expect((await post(replicas[1].url, '{ __typename }', {}, {})).status).toBe(429);
  });

  it('keep one audit chain: what one replica served, the other lists for an auditor', async () => {
    const reader: Caller = { role: 'supervisor', sub: `supervisor-scale-${Date.now()}` };
    expect((await ask(replicas[0], '{ departments { code } }', reader)).status).toBe(200);
    const auditor = await headersFor(AUDITOR);
    const find = async () => {
      const records: { actor: string; seq: number }[] = [];
      for (let after = 0; ;) {
        const page = (await (
          await fetch(new URL(`/audit?after=${after}&first=1000`, replicas[1].url), { headers: auditor })
        ).json()) as { records: typeof records; hasNextPage: boolean; endCursor: number | null };
        records.push(...page.records);
        if (!page.hasNextPage || page.endCursor === null) return records;
        after = page.endCursor;
      }
    };
    // Reads are written within a fraction of a second, in batches.
    let records = await find();
    for (let tries = 0; !records.some((r) => r.actor === reader.sub) && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      records = await find();
    }
    expect(records.some((r) => r.actor === reader.sub)).toBe(true);
    // One chain: places 1, 2, 3, … with no gap and no fork, though two replicas appended.
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
  });

  it('when one replica stops, the other keeps answering everything', async () => {
    const [first, second] = replicas;
    const before = await Promise.all(QUERIES.map(({ text, as }) => ask(second, text, as)));
    await first.kill('SIGTERM');
    await expect(fetch(first.url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    const after = await Promise.all(QUERIES.map(({ text, as }) => ask(second, text, as)));
    expect(after).toEqual(before);
    expect(after.every(({ status, body }) => status === 200 && !body.errors)).toBe(true);
    expect((await fetch(new URL('/health', second.url))).status).toBe(200);
  });
});
