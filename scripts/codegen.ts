/**
 * Generates what the services build on: each service's Prisma client and the typed resolvers of
 * each subgraph (GraphQL Code Generator, federation mode). Skips the work when none of its inputs
 * changed since the last run, so `npm start` and `npm test` stay quick.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';
import { Kind, print, type DocumentNode } from 'graphql';
import {
  composeSupergraph,
  centerService,
  departmentSubgraphTypeDefs,
  departments,
  hubService,
  serviceDir,
  subgraphTypeDefs,
  type DepartmentEntry,
} from '../schema/src/index.js';

import { POSTGRES_MIGRATIONS_DIR, writePostgresSchema } from '../services/kit/src/db/postgres.js';

const run = promisify(execFile);
const root = new URL('../', import.meta.url).pathname;
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const stampFile = join(root, 'node_modules/.cache/onewindow-codegen.sha256');

/** The kit's resolvers are typed against a department called "Template", the contract's own prefix. */
const templateEntry: DepartmentEntry = { code: 'template', name: '', nameEn: '', prefix: 'Template', port: 0 };

/** Every file whose content decides the generated output. */
function inputFiles(): string[] {
  const files = [
    join(root, 'package-lock.json'),
    join(root, 'scripts/codegen.ts'),
    join(root, 'schema/src/registry.ts'),
  ];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !['node_modules', '__generated__', 'migrations'].includes(entry.name)) walk(path);
      else if (entry.name === 'supergraph.graphql') continue;
      else if (/\.(graphql|prisma)$/.test(entry.name) || entry.name === 'migration_lock.toml') files.push(path);
    }
  };
  walk(join(root, 'schema'));
  walk(join(root, 'services'));
  walk(join(root, 'web/src'));
  // The lifecycle table decides docs/lifecycle.md.
  const lifecycle = join(root, 'services/kit/src/department/lifecycle');
  files.push(
    join(root, 'schema/src/lifecycle.ts'),
    ...readdirSync(lifecycle)
      .filter((name) => !name.endsWith('.test.ts'))
      .map((name) => join(lifecycle, name)),
  );
  return files.filter(existsSync).sort();
}

function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of inputFiles()) hash.update(relative(root, file)).update(readFileSync(file));
  return hash.digest('hex');
}

/** The services with a database, each generating its Prisma client from its prisma/ folder. */
const prismaServices = ['kit', ...departments.map((d) => d.code), centerService.name];

/**
 * A service's Prisma client, and for a service that runs on PostgreSQL (it has committed
 * PostgreSQL migrations) the client of the PostgreSQL copy of its schema too.
 */
async function generatePrismaClient(service: string): Promise<void> {
  const dir = serviceDir(service);
  const generate = (schema: string[]) =>
    run(process.execPath, [prismaCli, 'generate', '--config', join(dir, 'prisma.config.ts'), ...schema], {
      cwd: dir,
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', DATABASE_URL: '' },
    });
  await generate([]);
  if (existsSync(join(dir, POSTGRES_MIGRATIONS_DIR))) await generate(['--schema', writePostgresSchema(dir)]);
}

const kitModule = '@onewindow/kit';

/** Definitions of the Federation 2 directives our SDL uses, so codegen can read it. */
const federationDirectives = `
  directive @link(url: String!, import: [String]) repeatable on SCHEMA
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
`;

interface ResolverTarget {
  service: string;
  typeDefs: DocumentNode;
  contextType: string;
  mappers: Record<string, string>;
  /** GraphQL enums typed as the TS unions the domain code uses (`file#Type`), not generated copies. */
  enumValues?: Record<string, string>;
}

function departmentMappers(prefix: string, from: string, stats: string): Record<string, string> {
  return {
    [`${prefix}Department`]: `${from}#DepartmentParent`,
    [`${prefix}Item`]: `${from}#ItemRow`,
    [`${prefix}Case`]: `${from}#CaseRow`,
    [`${prefix}Query`]: `${from}#NamespaceParent`,
    [`${prefix}Mutation`]: `${from}#NamespaceParent`,
    [`${prefix}FeedEvent`]: `${from}#FeedEventParent`,
    [`${prefix}CaseConnection`]: `${from}#CaseConnectionParent`,
    CaseEvent: `${from}#CaseEventRow`,
    CaseStatsRow: `${stats}#CaseStatsRow`,
  };
}

/**
 * The hub answers with the departments' entity types, tagged with their concrete type
 * (services/hub/src/entities.ts), and pages whose cursors are made only when selected.
 */
function hubMappers(): Record<string, string> {
  const entities = '../entities.js';
  return {
    ...Object.fromEntries(
      departments.flatMap((d) => [
        [`${d.prefix}Department`, `${entities}#DepartmentObject`],
        [`${d.prefix}Item`, `${entities}#ItemObject`],
        [`${d.prefix}Case`, `${entities}#CaseObject`],
      ]),
    ),
    Applicant: `${entities}#ApplicantReference`,
    CaseConnection: '../resolvers/cases.js#CasePage',
    PageInfo: `${entities}#PageInfoObject`,
    CaseStatsRow: `${kitModule}#CaseStatsRow`,
  };
}

function resolverTargets(): ResolverTarget[] {
  return [
    {
      service: 'kit',
      typeDefs: departmentSubgraphTypeDefs(templateEntry, { kind: Kind.DOCUMENT, definitions: [] }),
      contextType: '../department/context.js#DepartmentContext',
      mappers: departmentMappers('Template', '../department/parents.js', '../department/case-stats.js'),
    },
    ...departments.map((d) => ({
      service: d.code,
      typeDefs: subgraphTypeDefs(d.code),
      contextType: '../loaders.js#OwnContext',
      mappers: departmentMappers(d.prefix, kitModule, kitModule),
    })),
    {
      service: hubService.name,
      typeDefs: subgraphTypeDefs(hubService.name),
      contextType: '../context.js#HubContext',
      mappers: hubMappers(),
    },
    {
      service: centerService.name,
      typeDefs: subgraphTypeDefs(centerService.name),
      contextType: '../context.js#CenterContext',
      mappers: {
        ServiceWindow: './prisma/client.js#ServiceWindow',
        Staff: './prisma/client.js#Staff',
        JointApplication: '../joint/types.js#JointApplicationRow',
        JointPart: '../joint/types.js#JointPartView',
        Bulletin: './prisma/client.js#Bulletin',
        FastTrack: './prisma/client.js#FastTrack',
        RegisteredApplicant: './prisma/client.js#Applicant',
        Inquiry: './prisma/client.js#Inquiry',
        Complaint: './prisma/client.js#Complaint',
        Evaluation: './prisma/client.js#Evaluation',
        FollowUp: './prisma/client.js#FollowUp',
        CalendarChange: './prisma/client.js#CalendarChange',
        CalendarYear: '@onewindow/kit#CalendarYear',
        Notification: './prisma/client.js#Notification',
      },
      enumValues: {
        WindowKind: '../windows/hall.js#WindowKind',
        StaffRole: '../windows/hall.js#StaffRole',
        NotificationKind: '../feed/notices.js#NotificationKind',
        JointStatus: '../joint/status.js#JointStatus',
        DispatchState: '../joint/types.js#DispatchState',
        JointKind: '../joint/limit.js#JointKind',
        ComplaintSubject: '../quality/complaint-kinds.js#ComplaintSubject',
        ComplaintChannel: '../quality/complaint-kinds.js#ComplaintChannel',
        EvaluationGrade: '../quality/grades.js#Grade',
        FollowUpSource: '../quality/follow-ups.js#FollowUpSource',
        FollowUpStage: '../quality/follow-ups.js#FollowUpStage',
        FollowUpDeadline: '../quality/follow-ups.js#DueStep',
        CalendarStatus: '@onewindow/kit#CalendarYearStatus',
        SupervisionLevel: '@onewindow/kit#SupervisionLevel',
      },
    },
  ];
}

async function generateResolverTypes(target: ResolverTarget): Promise<void> {
  const output = join(serviceDir(target.service), 'src/__generated__/resolvers-types.ts');
  const config: CodegenConfig = {
    // The SDL as written: codegen's federation mode adds the federation types itself.
    schema: [federationDirectives, print(target.typeDefs)],
    silent: true,
    generates: {
      [output]: {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          contextType: target.contextType,
          mappers: target.mappers,
          enumValues: target.enumValues ?? {},
          useTypeImports: true,
          mapperTypeSuffix: 'Row',
          enumsAsTypes: true,
          scalars: { DateTime: 'Date' },
          resolverTypeWrapperSignature: 'T | Promise<T>',
        },
      },
    },
  };
  await generate(config, true);
}

/**
 * docs/lifecycle.md: the kit's lifecycle table as Markdown (a test fails when the committed file
 * is stale). Imported once the Prisma clients exist, which the kit's modules build on.
 */
async function writeLifecycleDocument(): Promise<void> {
  const { LIFECYCLE_DOCUMENT, lifecycleMarkdown } =
    await import('../services/kit/src/department/lifecycle/document.js');
  const file = join(root, LIFECYCLE_DOCUMENT);
  const markdown = lifecycleMarkdown();
  if (!existsSync(file) || readFileSync(file, 'utf8') !== markdown) writeFileSync(file, markdown);
}

/**
 * Operations one service sends another live in `.graphql` files beside the code that sends them,
 * named for the SDL they are written against: `*.department.graphql` against the contract's
 * template department (the runtime client renders them for each department: departmentOperation),
 * `*.hub.graphql` against the hub's SDL, `*.center.graphql` against the center's. A service's
 * operations for one target become typed documents (TypedDocumentNode) in its
 * src/__generated__/<target>-operations.ts; one that does not validate against its target fails
 * codegen.
 */
const operationTargets: Record<string, () => DocumentNode> = {
  department: () => departmentSubgraphTypeDefs(templateEntry, { kind: Kind.DOCUMENT, definitions: [] }),
  hub: () => subgraphTypeDefs(hubService.name),
  center: () => subgraphTypeDefs(centerService.name),
};

/** @key, which codegen's federation mode defines for the resolver types but validation needs defined. */
const keyDirective = 'directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE';

/** A service's operation files for one target, anywhere under its src/. */
function operationFiles(service: string, target: string): string[] {
  const src = join(serviceDir(service), 'src');
  if (!existsSync(src)) return [];
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(`.${target}.graphql`) && !file.includes('__generated__'))
    .map((file) => join(src, file))
    .sort();
}

async function generateOperationTypes(service: string, target: string, documents: string[]): Promise<void> {
  const config: CodegenConfig = {
    schema: [federationDirectives, keyDirective, print(operationTargets[target]!())],
    documents,
    silent: true,
    generates: {
      [join(serviceDir(service), `src/__generated__/${target}-operations.ts`)]: {
        plugins: ['typescript-operations', 'typed-document-node'],
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          // As the JSON answer has them.
          scalars: { DateTime: 'string' },
          skipTypename: true,
        },
      },
    },
  };
  await generate(config, true);
}

/**
 * The web front's operations (the .graphql files under web/src), checked against the schema clients see and
 * typed as TypedDocumentString: the page sends the text, and its variables and answer are typed.
 */
async function generateWebOperations(): Promise<void> {
  const src = join(root, 'web/src');
  const documents = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql') && !file.includes('__generated__'))
    .map((file) => join(src, file))
    .sort();
  if (!documents.length) return;
  await generate(
    {
      schema: composeSupergraph().apiSchemaSdl,
      documents,
      silent: true,
      generates: {
        [join(src, '__generated__/operations.ts')]: {
          plugins: ['typescript-operations', 'typed-document-node'],
          config: {
            useTypeImports: true,
            enumsAsTypes: true,
            documentMode: 'string',
            scalars: { DateTime: 'string' },
            skipTypename: true,
          },
        },
      },
    },
    true,
  );
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const hash = inputsHash();
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return;
  const started = performance.now();
  await Promise.all(prismaServices.map(generatePrismaClient));
  for (const target of resolverTargets()) await generateResolverTypes(target);
  for (const service of readdirSync(join(root, 'services'))) {
    for (const target of Object.keys(operationTargets)) {
      const documents = operationFiles(service, target);
      if (documents.length) await generateOperationTypes(service, target, documents);
    }
  }
  await generateWebOperations();
  await writeLifecycleDocument();
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  writeFileSync(stampFile, hash);
  process.stdout.write(
    `codegen: Prisma clients and resolver types generated in ${Math.round(performance.now() - started)} ms\n`,
  );
}

await main();
