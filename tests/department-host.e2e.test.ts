/**
 * A county that runs several departments in one process (HOSTED_DEPARTMENTS) next to one that runs
 * on its own, with two contract-only departments declared in CONTRACT_DEPARTMENTS_FILE. Every
 * service is its own process, as `npm start` runs them, and the gateway serves the supergraph
 * composed with the declared departments. Each hosted department must keep its own path, database
 * and migrations, and the gateway must federate them all as one graph.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_DEPARTMENTS_FILE, departments as builtIn, urlVariable } from '../schema/src/index.js';
import { databaseFile } from '../services/kit/src/index.js';
import { writeBenchCounty } from '../bench/departments.js';
import { SUPERVISOR, WINDOW, headersFor } from './support/callers.js';
import { atDepartment, findItem, submitCase } from './support/cases.js';
import { post, query } from './support/graphql.js';
import { startServiceProcess, type ServiceProcess } from './support/processes.js';
import { freePorts } from './support/ports.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-host-'));
/** The five built-in departments and two contract-only ones (dept06, dept07). */
const county = writeBenchCounty(dataDir, 7);
const declared = JSON.parse(readFileSync(county.contractDepartmentsFile!, 'utf8')) as { code: string; name: string }[];
const HOSTED = ['market', 'natres', 'env', 'tax', 'dept06', 'dept07'];
const ALONE = 'housing';
const DEMO_CASES = 30;

const processes: ServiceProcess[] = [];
let host: ServiceProcess;
let gateway: string;
let hostBase: string;

const cases = (code: string): number => {
  const db = new Database(databaseFile(dataDir, code), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM "Case"').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  const [hostPort, housingPort, centerPort, hubPort, gatewayPort] = await freePorts(5);
  hostBase = `http://127.0.0.1:${hostPort}`;
  const urls: Record<string, string> = {
    ...Object.fromEntries(HOSTED.map((code) => [code, `${hostBase}/${code}/graphql`])),
    [ALONE]: `http://127.0.0.1:${housingPort}/graphql`,
    center: `http://127.0.0.1:${centerPort}/graphql`,
    hub: `http://127.0.0.1:${hubPort}/graphql`,
  };
  const supergraph = join(dataDir, 'supergraph.graphql');
  const env = {
    [CONTRACT_DEPARTMENTS_FILE]: county.contractDepartmentsFile!,
    DATA_DIR: dataDir,
    DEMO_CASES: String(DEMO_CASES),
    ...Object.fromEntries(Object.entries(urls).map(([name, url]) => [urlVariable(name), url])),
  };
  execFileSync(process.execPath, ['--import', 'tsx', 'schema/src/compose-cli.ts', '--out', supergraph], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  // The departments first: the center follows their feeds, and they follow its calendar.
  // Each kept as soon as it runs: if another fails to start, afterAll still stops it.
  const kept = (starting: Promise<ServiceProcess>) =>
    starting.then((service) => {
      processes.push(service);
      return service;
    });
  const started = await Promise.all([
    kept(
      startServiceProcess('host', { ...env, PORT: String(hostPort), HOSTED_DEPARTMENTS: HOSTED.join(',') }, 120_000),
    ),
    kept(startServiceProcess(ALONE, { ...env, PORT: String(housingPort) })),
    kept(startServiceProcess('center', { ...env, PORT: String(centerPort) })),
    kept(startServiceProcess('hub', { ...env, PORT: String(hubPort) })),
  ]);
  host = started[0];
  const router = await startServiceProcess('gateway', {
    ...env,
    PORT: String(gatewayPort),
    SUPERGRAPH_PATH: supergraph,
  });
  processes.push(router);
  gateway = router.url;
}, 180_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('several departments in one process', () => {
  it('serves each hosted department at its own path, under its own name', async () => {
    const names = new Map([...builtIn, ...declared].map((d) => [d.code, d.name]));
    for (const code of HOSTED) {
      const data = await query(`${hostBase}/${code}/graphql`, `{ ${code} { department { code name } } }`);
      expect(data[code].department).toEqual({ code, name: names.get(code) });
    }
    expect(host.logs.find((line) => line.msg === 'host listening')).toMatchObject({ departments: HOSTED });
  });

  it('keeps a database of its own for each, migrated by its own migrations', () => {
    const applied = (code: string) => {
      const db = new Database(databaseFile(dataDir, code), { readonly: true });
      try {
        return (db.prepare('SELECT migration_name AS name FROM _prisma_migrations').all() as { name: string }[]).map(
          (row) => row.name,
        );
      } finally {
        db.close();
      }
    };
    for (const code of [...HOSTED, ALONE]) expect(cases(code)).toBeGreaterThan(0);
    // A contract-only department has the contract's migrations alone; market has its own table too.
    const contract = applied('dept06');
    expect(contract.length).toBeGreaterThan(0);
    expect(applied('market')).toEqual(expect.arrayContaining(contract));
    expect(applied('market').length).toBeGreaterThan(contract.length);
    expect(applied('dept07')).toEqual(contract);
  });

  it('answers a path it does not serve with 404 and the paths it does', async () => {
    const response = await post(`${hostBase}/nobody/graphql`, '{ __typename }');
    expect(response.status).toBe(404);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const code of HOSTED) expect(response.body.errors?.[0]?.message).toContain(`/${code}/graphql`);
  });
});

describe('the gateway over hosted, standalone and contract-only departments', () => {
  it('counts every department once, as its database does', async () => {
    const data = await query(
      gateway,
      '{ caseStats(groupBy: [DEPARTMENT]) { incompleteDepartments rows { department count } } }',
      {},
      await headersFor(SUPERVISOR),
    );
    const counted = Object.fromEntries(
      data.caseStats.rows.map((row: { department: string; count: number }) => [row.department, row.count]),
    );
    expect(data.caseStats.incompleteDepartments).toEqual([]);
    expect(counted).toEqual(Object.fromEntries([...HOSTED, ALONE].sort().map((code) => [code, cases(code)])));
  });

  it('takes a case at a contract-only department and finds it through the hub', async () => {
    const target = atDepartment('dept06', gateway);
    const item = await findItem(target, { kind: 'PROMISED' });
    const submitted = await submitCase(target, { item, as: WINDOW });
    expect(submitted).toMatchObject({ typename: 'Dept06Case', status: 'SUBMITTED', department: 'dept06' });
    const db = new Database(databaseFile(dataDir, 'dept06'), { readonly: true });
    expect(db.prepare('SELECT status FROM "Case" WHERE number = ?').get(submitted.number)).toEqual({
      status: 'SUBMITTED',
    });
    db.close();
    // The hub routes by the ID's department, generated ones too.
    const read = await query(
      gateway,
      'query($id: ID!) { case(id: $id) { __typename id number status } }',
      { id: submitted.id },
      await headersFor(SUPERVISOR),
    );
    expect(read.case).toEqual({
      __typename: 'Dept06Case',
      id: submitted.id,
      number: submitted.number,
      status: 'SUBMITTED',
    });
    const listed = await query(
      gateway,
      'query($departments: [ID!]) { cases(first: 100, filter: { departments: $departments }) { totalCount edges { node { id } } } }',
      { departments: ['dept06'] },
      await headersFor(SUPERVISOR),
    );
    expect(listed.cases.totalCount).toBe(cases('dept06'));
    expect(listed.cases.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(submitted.id);
  });

  it('stops every hosted department cleanly on SIGTERM, keeping what it acknowledged', async () => {
    const before = HOSTED.map(cases);
    await host.kill('SIGTERM');
    expect(host.logs.filter((line) => line.msg === 'database opened').length).toBe(HOSTED.length);
    expect(HOSTED.map(cases)).toEqual(before);
    const gone = await post(gateway, '{ dept07 { department { code } } }');
    expect(gone.body.errors?.length).toBeGreaterThan(0);
  });
});
