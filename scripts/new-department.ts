/**
 * `npx tsx scripts/new-department.ts <code> <Prefix> <中文名> <English name>`: adds a department.
 *
 * Writes services/<code>/ in the shape of the others (package.json, schema.graphql, prisma/ with the
 * kit's contract and its migrations linked in and a migration of its own table, src/ with a catalog of
 * two items to replace with the department's own, one table of its own data, loaders, resolvers,
 * demo rows), adds the entry to schema/src/registry.ts and the folder to the workspaces
 * (package.json, package-lock.json). Nothing else is edited: the hub, the center, the gateway and
 * `npm start` read the registry.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { departments } from '../schema/src/registry.js';
import type { CatalogItem } from '../services/kit/src/index.js';
import { migrationsDir, writeDepartmentMigrations } from './prisma-migrations.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Words a department code cannot be: it is also an exported JS name, and these name other services. */
const RESERVED = new Set([
  ...['hub', 'center', 'gateway', 'kit', 'runtime', 'schema', 'template'],
  ...['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum'],
  ...['export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null'],
  ...['return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield'],
  ...['let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await'],
]);

interface NewDepartment {
  code: string;
  prefix: string;
  name: string;
  nameEn: string;
  port: number;
}

function fail(message: string): never {
  process.stderr.write(
    `${message}\nusage: npx tsx scripts/new-department.ts <code> <Prefix> <中文名> <English name>\n`,
  );
  process.exit(2);
}

function parseArguments(args: readonly string[]): NewDepartment {
  const [code, prefix, name, nameEn] = args.map((arg) => arg.trim());
  if (!code || !prefix || !name || !nameEn || args.length !== 4) fail('Four arguments are needed.');
  // The code is a GraphQL field, an ID prefix, a folder, a JS name and part of <CODE>_URL.
  if (!/^[a-z][a-z0-9]{1,19}$/.test(code) || RESERVED.has(code)) fail(`"${code}" is not a usable code (a-z, 0-9).`);
  if (!/^[A-Z][A-Za-z0-9]{1,19}$/.test(prefix)) fail(`"${prefix}" is not a usable type prefix (like Housing).`);
  if (!/\p{Script=Han}/u.test(name)) fail(`"${name}" is not a Chinese name.`);
  if (departments.some((d) => d.code === code || d.prefix === prefix))
    fail(`The registry has ${code} or ${prefix} already.`);
  if (existsSync(join(root, 'services', code))) fail(`services/${code} exists already.`);
  return { code, prefix, name, nameEn, port: Math.max(...departments.map((d) => d.port)) + 1 };
}

/** A TS string literal. */
const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** A GraphQL string literal. */
const gqlString = (text: string) => JSON.stringify(text);

/**
 * The two items every administrative organ handles, to be replaced by the department's own (with
 * their 12-digit catalog codes) in its src/catalog.json.
 */
function starterCatalog(d: NewDepartment): CatalogItem[] {
  return [
    {
      code: `${d.port}00010000`,
      name: '政府信息公开申请',
      kind: 'PROMISED',
      implementingBody: d.name,
      legalBasis: '《中华人民共和国政府信息公开条例》第二十七条、第三十三条',
      statutoryLimitNote: '条例 §33: answered within 20 working days of receipt unless answered on the spot.',
      statutoryLimitDays: 20,
      committedLimitDays: 15,
      fee: null,
      inCenter: true,
      windowAuthorized: true,
      onlineAvailable: true,
      maxVisits: 0,
      conditions: '申请获取本机关制作或者保存的政府信息。',
      process: '申请—登记—审查（是否属于本机关公开范围）—答复（予以公开、部分公开、不予公开或者告知）—送达',
      materials: [
        {
          name: '政府信息公开申请表',
          original: true,
          copies: 1,
          required: true,
          form: 'EITHER',
          blankFormAvailable: true,
        },
        {
          name: '申请人身份证明',
          original: false,
          copies: 1,
          required: true,
          form: 'EITHER',
          blankFormAvailable: false,
        },
      ],
    },
    {
      code: `${d.port}00020000`,
      name: '行政许可注销',
      kind: 'IMMEDIATE',
      implementingBody: d.name,
      legalBasis: '《中华人民共和国行政许可法》第七十条',
      statutoryLimitDays: 0,
      committedLimitDays: 0,
      fee: null,
      inCenter: true,
      windowAuthorized: true,
      onlineAvailable: true,
      maxVisits: 1,
      conditions: '行政许可有效期届满未延续，或者被许可人依法终止、申请注销等依法应当注销的情形。',
      process: '申请—受理—当场办理注销手续—送达',
      materials: [
        {
          name: '行政许可注销申请书',
          original: true,
          copies: 1,
          required: true,
          form: 'EITHER',
          blankFormAvailable: true,
        },
        { name: '行政许可证件', original: true, copies: 1, required: true, form: 'PAPER', blankFormAvailable: false },
      ],
    },
  ];
}

/** What a department builds on: the department kit and the runtime, nothing else of ours. */
const DEPARTMENT_DEPENDENCIES = { '@onewindow/kit': '0.1.0', '@onewindow/runtime': '0.1.0' };

/** The first registered department's folder: its scripts and build settings are every department's. */
const templateDir = () => join(root, 'services', departments[0]!.code);
const templateDepartment = () =>
  JSON.parse(readFileSync(join(templateDir(), 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The files of services/<code>/, by path inside it. */
function serviceFiles(d: NewDepartment): Record<string, string> {
  return {
    'tsconfig.build.json': readFileSync(join(templateDir(), 'tsconfig.build.json'), 'utf8'),
    'package.json': `${JSON.stringify(
      {
        name: `@onewindow/${d.code}`,
        version: '0.1.0',
        private: true,
        description: `${d.name}: the ${d.nameEn}'s subgraph`,
        type: 'module',
        scripts: templateDepartment().scripts,
        dependencies: DEPARTMENT_DEPENDENCIES,
      },
      null,
      2,
    )}\n`,
    'prisma.config.ts': `import { servicePrismaConfig } from '@onewindow/kit/prisma-config';

export default servicePrismaConfig();
`,
    'prisma/schema.prisma': `generator client {
  provider   = "prisma-client"
  output     = "../src/__generated__/prisma"
  engineType = "client"
}

datasource db {
  provider = "sqlite"
  url      = "file:./unused.db"
}

/// What a case concerns: the project, premises or thing applied for.
model Subject {
  caseId  Int    @id
  name    String
  address String
}
`,
    'schema.graphql': `${gqlString(`What a case of the ${d.nameEn} concerns: the project, premises or thing applied for.`)}
type ${d.prefix}Subject {
  name: String!
  "Where it is."
  address: String!
}

extend type ${d.prefix}Case {
  "What the case concerns, when the application named it."
  subject: ${d.prefix}Subject
}
`,
    'src/catalog.ts': `import { loadCatalog } from '@onewindow/kit';

/**
 * ${d.name}'s approval items, as published in the county's catalog (政务服务事项目录):
 * catalog.json beside this file, checked against the kit's catalog schema when loaded.
 */
export const catalog = loadCatalog(new URL('./catalog.json', import.meta.url));
`,
    'src/catalog.json': `${JSON.stringify(starterCatalog(d), null, 2)}\n`,
    'src/department.ts': `import { defineDepartment } from '@onewindow/kit';
import { PrismaClient } from './__generated__/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from './__generated__/prisma-postgresql/client.js';
import { catalog } from './catalog.js';
import { createOwnLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { ownDemoRows } from './seed.js';

/** ${d.name}: the registry entry \`${d.code}\`, its catalog and its own data. */
export const ${d.code} = defineDepartment('${d.code}', {
  Client: PrismaClient,
  PostgresClient: PostgresPrismaClient,
  catalog,
  own: { resolvers, createOwnLoaders },
  demo: { ownDemoRows, enterpriseShare: 0.5 },
});
`,
    'src/index.ts': `import { runUntilSignalled } from '@onewindow/runtime';
import { startDepartment } from '@onewindow/kit';
import { ${d.code} } from './department.js';

runUntilSignalled('${d.code}', () => startDepartment(${d.code}));
`,
    'src/loaders.ts': `import { oneRowPerCase, type DepartmentContext } from '@onewindow/kit';
import type { PrismaClient } from './__generated__/prisma/client.js';

/** ${d.nameEn}'s own per-request loaders. */
export function createOwnLoaders(db: PrismaClient) {
  return {
    subjectByCase: oneRowPerCase((caseIds) => db.subject.findMany({ where: { caseId: { in: caseIds } } })),
  };
}

export type OwnContext = DepartmentContext<ReturnType<typeof createOwnLoaders>>;
`,
    'src/resolvers.ts': `import type { Resolvers } from './__generated__/resolvers-types.js';

/** ${d.nameEn}'s own fields: what a case concerns. */
export const resolvers: Resolvers = {
  ${d.prefix}Case: {
    subject: (row, _, { own }) => own.subjectByCase.load(row.id),
  },
};
`,
    'src/seed.ts': `import type { SeededCase, SeededRandom, TableRows } from '@onewindow/kit';
import type { Subject } from './__generated__/prisma/client.js';

const SUBJECTS = ['城东片区改造项目', '县第二中学新校区', '滨河路商业综合体', '工业园区标准厂房', '城南农贸市场'];
const TOWNS = ['城关镇', '东山镇', '西河乡', '南岭镇'];

/** What every seeded case concerns. */
export function ownDemoRows(cases: readonly SeededCase[], rng: SeededRandom): TableRows {
  const rows: Subject[] = cases.map(({ row }) => ({
    caseId: row.id,
    name: rng.pick(SUBJECTS),
    address: \`\${rng.pick(TOWNS)}\${rng.int(1, 200)}号\`,
  }));
  return { table: 'Subject', rows };
}
`,
  };
}

function writeServiceFolder(d: NewDepartment): string {
  const dir = join(root, 'services', d.code);
  for (const [path, text] of Object.entries(serviceFiles(d))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // One definition of the contract's tables serves every department (see contract.prisma).
  symlinkSync('../../kit/prisma/contract.prisma', join(dir, 'prisma', 'contract.prisma'));
  mkdirSync(migrationsDir(dir));
  writeFileSync(
    join(migrationsDir(dir), 'migration_lock.toml'),
    readFileSync(join(migrationsDir(templateDir()), 'migration_lock.toml')),
  );
  writeDepartmentMigrations(dir, d.code);
  return dir;
}

/** Appends the entry to the registry's list, in its style (one line when it fits in 120 characters). */
function addRegistryEntry(d: NewDepartment): void {
  const file = join(root, 'schema', 'src', 'registry.ts');
  const text = readFileSync(file, 'utf8');
  const list = /(export const departments: readonly DepartmentEntry\[\] = \[\n[\s\S]*?\n)(\];\n)/.exec(text);
  if (!list) throw new Error(`${file}: the departments list was not found`);
  const fields = [`code: ${quote(d.code)}`, `name: ${quote(d.name)}`, `nameEn: ${quote(d.nameEn)}`];
  fields.push(`prefix: ${quote(d.prefix)}`, `port: ${d.port}`);
  const line = `  { ${fields.join(', ')} },\n`;
  const entry = line.length <= 121 ? line : `  {\n${fields.map((field) => `    ${field},\n`).join('')}  },\n`;
  writeFileSync(file, text.replace(list[0], `${list[1]}${entry}${list[2]}`));
}

/** A JSON file rewritten as npm writes it. */
function updateJson(file: string, update: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  update(json);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/** The workspace list with the new folder after the last department's. */
function withWorkspace(workspaces: unknown, folder: string): string[] {
  if (!Array.isArray(workspaces) || !workspaces.every((w) => typeof w === 'string')) {
    throw new Error('package.json: workspaces is not a list of folders');
  }
  const departmentFolders = new Set(departments.map((d) => `services/${d.code}`));
  const last = workspaces.findLastIndex((w) => departmentFolders.has(w));
  return [...workspaces.slice(0, last + 1), folder, ...workspaces.slice(last + 1)];
}

/** `entries` with `key` placed where npm's sorted lockfile puts it. */
function insertSorted(entries: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const list = Object.entries(entries);
  const at = list.findIndex(([existing]) => existing.localeCompare(key, 'en') > 0);
  list.splice(at === -1 ? list.length : at, 0, [key, value]);
  return Object.fromEntries(list);
}

function addWorkspace(d: NewDepartment): void {
  const folder = `services/${d.code}`;
  updateJson(join(root, 'package.json'), (json) => {
    json.workspaces = withWorkspace(json.workspaces, folder);
  });
  // The lockfile lists the workspaces too (npm ci refuses a lockfile that disagrees with package.json).
  updateJson(join(root, 'package-lock.json'), (json) => {
    const packages = json.packages as Record<string, Record<string, unknown>>;
    const own = packages['']!;
    own.workspaces = withWorkspace(own.workspaces, folder);
    let updated = insertSorted(packages, `node_modules/@onewindow/${d.code}`, { resolved: folder, link: true });
    updated = insertSorted(updated, folder, {
      name: `@onewindow/${d.code}`,
      version: '0.1.0',
      dependencies: DEPARTMENT_DEPENDENCIES,
    });
    json.packages = updated;
  });
}

const department = parseArguments(process.argv.slice(2));
const dir = writeServiceFolder(department);
addRegistryEntry(department);
addWorkspace(department);
process.stdout.write(
  `Wrote ${dir} and added ${department.code} to schema/src/registry.ts (port ${department.port}) and the workspaces.\n` +
    'Next: npm install (links the workspace), npm run codegen, npm run compose, then fill in src/catalog.json.\n',
);
