/**
 * A new department is one folder (scripts/new-department.ts). In a scratch copy of this checkout the
 * script adds `transport`; nothing but services/transport/, the registry and the workspace lists
 * changes. The copy then composes the supergraph, generates its code, typechecks the new folder and
 * serves the department, which answers with its catalog and its seeded cases' own data, and takes an
 * application.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from './support/graphql.js';
import { WINDOW, headersFor, officerOf } from './support/callers.js';
import { startServiceProcess, type ServiceProcess } from './support/processes.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const department = { code: 'transport', prefix: 'Transport', name: '交通运输局', nameEn: 'Transport Bureau' };

/** Runs a command in `cwd` and returns its output; its output is in the error when it fails. */
function run(cwd: string, command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}
const git = (cwd: string, ...args: string[]) =>
  run(cwd, 'git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args]);

/**
 * This checkout's files as they are now (committed or not, without what git ignores) in a new
 * repository of their own, with node_modules linked from this checkout (the root's and each
 * workspace's own), except the workspace packages, which point into the copy.
 */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-new-department-'));
  const files = run(root, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0');
  for (const file of files.filter(Boolean)) {
    const from = join(root, file);
    const to = join(dir, file);
    let stat;
    try {
      stat = lstatSync(from);
    } catch {
      continue; // deleted in the work tree
    }
    mkdirSync(dirname(to), { recursive: true });
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else copyFileSync(from, to);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'scratch copy');
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@onewindow'), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    // .cache holds codegen's stamp, which must be the copy's own.
    if (entry !== '@onewindow' && entry !== '.cache')
      symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
  }
  const workspaces = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { workspaces: string[] })
    .workspaces;
  for (const workspace of workspaces) {
    const { name } = JSON.parse(readFileSync(join(dir, workspace, 'package.json'), 'utf8')) as { name: string };
    symlinkSync(join(dir, workspace), join(modules, name));
    // A workspace's own versions of packages the root holds in another version (npm nests them there).
    const own = join(root, workspace, 'node_modules');
    if (existsSync(own)) symlinkSync(own, join(dir, workspace, 'node_modules'));
  }
  return dir;
}

let scratch = '';
let dataDir = '';
let service: ServiceProcess | undefined;

beforeAll(() => {
  scratch = scratchCopy();
  dataDir = mkdtempSync(join(tmpdir(), 'onewindow-transport-data-'));
  const { code, prefix, name, nameEn } = department;
  run(scratch, process.execPath, ['--import', 'tsx', 'scripts/new-department.ts', code, prefix, name, nameEn]);
}, 120_000);

afterAll(async () => {
  await service?.kill('SIGTERM');
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('scripts/new-department.ts', () => {
  it('writes services/transport/ and edits only the registry and the workspace lists', () => {
    const changed = git(scratch, 'status', '--porcelain', '--untracked-files=normal').trimEnd().split('\n').sort();
    expect(changed).toEqual([
      ' M package-lock.json',
      ' M package.json',
      ' M schema/src/registry.ts',
      '?? services/transport/',
    ]);
    expect(readFileSync(join(scratch, 'schema/src/registry.ts'), 'utf8')).toContain(
      "{ code: 'transport', name: '交通运输局', nameEn: 'Transport Bureau', prefix: 'Transport', port: 4016 },",
    );
    const { workspaces } = JSON.parse(readFileSync(join(scratch, 'package.json'), 'utf8')) as { workspaces: string[] };
    expect(workspaces.slice(workspaces.indexOf('services/tax'), workspaces.indexOf('services/center') + 1)).toEqual([
      'services/tax',
      'services/transport',
      'services/center',
    ]);
    const lock = JSON.parse(readFileSync(join(scratch, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, any>;
    };
    expect(lock.packages['']!.workspaces).toEqual(workspaces);
    // A department builds on the kit and the runtime only, in its package.json as in the lockfile.
    const dependencies = { '@onewindow/kit': '0.1.0', '@onewindow/runtime': '0.1.0' };
    expect(lock.packages['services/transport']).toEqual({
      name: '@onewindow/transport',
      version: '0.1.0',
      dependencies,
    });
    expect(JSON.parse(readFileSync(join(scratch, 'services/transport/package.json'), 'utf8')).dependencies).toEqual(
      dependencies,
    );
    expect(readlinkSync(join(scratch, 'services/transport/prisma/contract.prisma'))).toBe(
      '../../kit/prisma/contract.prisma',
    );
    // The contract's tables come from the kit's migrations, linked in (a real folder, its migration.sql a
    // link: migrate deploy skips linked folders); its own migration builds its own table and nothing else.
    const migrationsDir = join(scratch, 'services/transport/prisma/migrations');
    const contract = readdirSync(join(root, 'services/kit/prisma/contract-migrations')).sort();
    const migrations = readdirSync(migrationsDir).sort();
    expect(migrations).toEqual([...contract, expect.stringMatching(/^\d{14}_transport$/), 'migration_lock.toml']);
    for (const name of contract) {
      expect(lstatSync(join(migrationsDir, name)).isDirectory()).toBe(true);
      const link = join(migrationsDir, name, 'migration.sql');
      expect(readlinkSync(link)).toBe(`../../../../kit/prisma/contract-migrations/${name}/migration.sql`);
    }
    const first = readFileSync(join(migrationsDir, contract[0]!, 'migration.sql'), 'utf8');
    expect(first).toContain('CREATE TABLE "Case"');
    expect(first).toContain(readFileSync(join(root, 'services/kit/prisma/contract-indexes.sql'), 'utf8'));
    const own = readFileSync(join(migrationsDir, migrations[contract.length]!, 'migration.sql'), 'utf8');
    expect(own).toContain('CREATE TABLE "Subject"');
    expect(own).not.toMatch(/CREATE TABLE "(Case|Item)"/);
  });

  it('refuses a code the registry has already, and leaves the checkout alone', () => {
    expect(() =>
      run(scratch, process.execPath, ['--import', 'tsx', 'scripts/new-department.ts', 'env', 'Env2', '环境', 'Env']),
    ).toThrow(/has env or Env2 already/);
    expect(git(scratch, 'status', '--porcelain').trimEnd().split('\n')).toHaveLength(4);
  });

  it('composes into the supergraph beside the others', () => {
    run(scratch, process.execPath, ['--import', 'tsx', 'schema/src/compose-cli.ts']);
    const supergraph = readFileSync(join(scratch, 'schema/supergraph.graphql'), 'utf8');
    expect(supergraph).toContain('transport: TransportQuery! @join__field(graph: TRANSPORT)');
    expect(supergraph).toMatch(
      /\ntype TransportCase implements Case[^}]*\n {2}subject: TransportSubject @join__field\(graph: TRANSPORT\)/,
    );
  }, 60_000);

  it('generates and typechecks', () => {
    run(scratch, process.execPath, ['--import', 'tsx', 'scripts/codegen.ts']);
    // The whole copy takes minutes to check; the new folder (and what it imports) is what is new.
    writeFileSync(
      join(scratch, 'tsconfig.transport.json'),
      JSON.stringify({ extends: './tsconfig.json', include: ['services/transport'] }),
    );
    run(scratch, process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.transport.json']);
  }, 240_000);

  it('serves its catalog and seeded cases, and takes an application', async () => {
    service = await startServiceProcess(
      'transport',
      { DATA_DIR: dataDir, DEMO_CASES: '20', CENTER_URL: 'http://127.0.0.1:1/graphql' },
      90_000,
      scratch,
      'source',
    );
    const catalog = await query(
      service.url,
      '{ transport { items { totalCount edges { node { id code name kind implementingBody } } } } }',
    );
    expect(catalog.transport.items.totalCount).toBe(2);
    expect(catalog.transport.items.edges.map((e: any) => e.node)).toEqual([
      {
        id: 'transport:401600010000',
        code: '401600010000',
        name: '政府信息公开申请',
        kind: 'PROMISED',
        implementingBody: '交通运输局',
      },
      {
        id: 'transport:401600020000',
        code: '401600020000',
        name: '行政许可注销',
        kind: 'IMMEDIATE',
        implementingBody: '交通运输局',
      },
    ]);

    // Its cases are read by its own officers; window staff take the application.
    const officer = await headersFor(officerOf('transport'));
    const seeded = await query(
      service.url,
      '{ transport { cases(first: 50) { totalCount edges { node { number subject { name address } } } } } }',
      {},
      officer,
    );
    expect(seeded.transport.cases.totalCount).toBeGreaterThan(0);
    for (const { node } of seeded.transport.cases.edges) {
      expect(node.number).toMatch(/^TRANSPORT-\d{8}-\d{6}$/);
      expect(node.subject).toEqual({ name: expect.any(String), address: expect.stringMatching(/号$/) });
    }

    const submitted = await query(
      service.url,
      `mutation($input: SubmitApplicationInput!) { transport { submit(input: $input) {
        id number status verificationCode item { code } applicant { id kind idNumberMasked } subject { name } } } }`,
      {
        input: {
          idempotencyKey: 'new-department-1',
          itemCode: '401600010000',
          applicant: { kind: 'PERSON', name: '李四', idNumber: '330102198803150021' },
        },
      },
      await headersFor(WINDOW),
    );
    expect(submitted.transport.submit).toMatchObject({
      id: expect.stringMatching(/^transport:\d+$/),
      number: expect.stringMatching(/^TRANSPORT-\d{8}-\d{6}$/),
      status: 'SUBMITTED',
      verificationCode: expect.stringMatching(/^\d{6}$/),
      item: { code: '401600010000' },
      applicant: { id: expect.stringMatching(/^applicant:/), kind: 'PERSON', idNumberMasked: '3301**********0021' },
      subject: null,
    });
    const { id } = submitted.transport.submit;
    const read = await query(
      service.url,
      'query($id: ID!) { transport { case(id: $id) { status events { action actor } } } }',
      { id },
      officer,
    );
    expect(read.transport.case).toEqual({
      status: 'SUBMITTED',
      events: [{ action: 'submit', actor: `window:${WINDOW.sub}` }],
    });
  }, 120_000);
});
