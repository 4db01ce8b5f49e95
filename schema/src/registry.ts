import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The department registry: the one list of departments the hub federates. Adding a department
 * means adding an entry here, writing its subgraph and recomposing; nothing else is edited by hand.
 *
 * A department that publishes only the contract (no fields or tables of its own) can instead be
 * declared in a file named by CONTRACT_DEPARTMENTS_FILE, with its catalog beside it: see
 * `contractDepartments` below. The bench generates its 20 and 40 departments that way.
 */
export interface DepartmentEntry {
  /** Registry code; also the GraphQL root field and the prefix of global IDs (`housing:123`). */
  code: string;
  /** Official Chinese name. */
  name: string;
  nameEn: string;
  /** Type prefix of the department's entities: `Housing` gives HousingCase, HousingItem... */
  prefix: string;
  /** Default port of the department's subgraph; the URL can be overridden per deployment. */
  port: number;
  /**
   * Only for a contract-only department (declared in CONTRACT_DEPARTMENTS_FILE): the absolute path
   * of its catalog.json. Such a department has no services/<code>/ folder; the kit serves it.
   */
  catalogFile?: string;
}

const builtInDepartments: readonly DepartmentEntry[] = [
  { code: 'market', name: '市场监督管理局', nameEn: 'Market Regulation Bureau', prefix: 'Market', port: 4011 },
  {
    code: 'housing',
    name: '住房和城乡建设局',
    nameEn: 'Housing and Urban-Rural Development Bureau',
    prefix: 'Housing',
    port: 4012,
  },
  { code: 'natres', name: '自然资源局', nameEn: 'Natural Resources Bureau', prefix: 'Natres', port: 4013 },
  // Since the 垂直管理 reform the county's bureau is a branch (分局) of the city's 生态环境局.
  {
    code: 'env',
    name: '市生态环境局县分局',
    nameEn: 'Ecology and Environment Bureau (county branch)',
    prefix: 'Env',
    port: 4014,
  },
  { code: 'tax', name: '税务局', nameEn: 'Taxation Bureau', prefix: 'Tax', port: 4015 },
];

/** The variable naming the file of contract-only departments, which every service reads at start. */
export const CONTRACT_DEPARTMENTS_FILE = 'CONTRACT_DEPARTMENTS_FILE';

const CODE = /^[a-z][a-z0-9]{1,19}$/;
const PREFIX = /^[A-Z][A-Za-z0-9]{1,19}$/;

/**
 * The contract-only departments of a file: a JSON array of `{ code, name, nameEn, prefix, port,
 * catalog }`, where `catalog` is the path of the department's catalog.json relative to the file.
 * Codes and prefixes must be new: a built-in department cannot be redeclared. Every problem is
 * reported at once, naming the entry, so a typo stops every service with the same clear message.
 */
export function readContractDepartments(file: string, known: readonly DepartmentEntry[]): DepartmentEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${CONTRACT_DEPARTMENTS_FILE} ${file}: not a readable JSON file: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!Array.isArray(data))
    throw new Error(`${CONTRACT_DEPARTMENTS_FILE} ${file}: must hold a JSON array of departments`);
  const problems: string[] = [];
  const entries: DepartmentEntry[] = [];
  const codes = new Set(known.map((d) => d.code));
  const prefixes = new Set(known.map((d) => d.prefix));
  data.forEach((raw: Record<string, unknown>, index) => {
    const at = `entry #${index + 1}${typeof raw?.code === 'string' ? ` (${raw.code})` : ''}`;
    const { code, name, nameEn, prefix, port, catalog } = raw ?? {};
    if (typeof code !== 'string' || !CODE.test(code)) problems.push(`${at}: code must match ${CODE}`);
    else if (codes.has(code)) problems.push(`${at}: code "${code}" is taken`);
    if (typeof prefix !== 'string' || !PREFIX.test(prefix)) problems.push(`${at}: prefix must match ${PREFIX}`);
    else if (prefixes.has(prefix)) problems.push(`${at}: prefix "${prefix}" is taken`);
    if (typeof name !== 'string' || !name) problems.push(`${at}: name is required`);
    if (typeof nameEn !== 'string' || !nameEn) problems.push(`${at}: nameEn is required`);
    if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535)
      problems.push(`${at}: port must be a port number`);
    if (typeof catalog !== 'string' || !catalog) problems.push(`${at}: catalog (the catalog.json path) is required`);
    if (problems.length) return;
    codes.add(code as string);
    prefixes.add(prefix as string);
    entries.push({
      code: code as string,
      name: name as string,
      nameEn: nameEn as string,
      prefix: prefix as string,
      port: port as number,
      catalogFile: resolve(dirname(file), catalog as string),
    });
  });
  if (problems.length) throw new Error(`${CONTRACT_DEPARTMENTS_FILE} ${file}:\n${problems.join('\n')}`);
  return entries;
}

const contractDepartmentsFile = process.env[CONTRACT_DEPARTMENTS_FILE];

/** Every department: the built-in ones, then the contract-only ones of CONTRACT_DEPARTMENTS_FILE. */
export const departments: readonly DepartmentEntry[] = [
  ...builtInDepartments,
  ...(contractDepartmentsFile ? readContractDepartments(resolve(contractDepartmentsFile), builtInDepartments) : []),
];

/** The services that are not departments, with their default ports. */
export const centerService = { name: 'center', port: 4002 } as const;
export const hubService = { name: 'hub', port: 4001 } as const;
export const gatewayPort = 4000;

/** Every subgraph of the supergraph, in composition order. */
export const subgraphNames: readonly string[] = [
  hubService.name,
  centerService.name,
  ...departments.map((d) => d.code),
];

export function findDepartment(code: string): DepartmentEntry | undefined {
  return departments.find((d) => d.code === code);
}

/** Default port of a subgraph by name (a department code, `hub` or `center`). */
export function defaultPort(subgraph: string): number {
  if (subgraph === hubService.name) return hubService.port;
  if (subgraph === centerService.name) return centerService.port;
  const dept = findDepartment(subgraph);
  if (!dept) throw new Error(`Unknown subgraph "${subgraph}"`);
  return dept.port;
}

/** The environment variable that overrides a subgraph's URL, e.g. `HOUSING_URL`. */
export function urlVariable(subgraph: string): string {
  return `${subgraph.toUpperCase()}_URL`;
}

/**
 * The variable that gives a service its PostgreSQL database where one process or launcher starts
 * several (`npm start`, the department host): `<NAME>_DATABASE_URL`, e.g. HOUSING_DATABASE_URL. The
 * service itself reads it as DATABASE_URL.
 */
export function databaseUrlVariable(service: string): string {
  return `${service.toUpperCase()}_DATABASE_URL`;
}

/**
 * The URL a subgraph is reached at: `<NAME>_URL` from the given environment when set, otherwise
 * http://127.0.0.1:<default port>/graphql.
 */
export function subgraphUrl(subgraph: string, env: Record<string, string | undefined> = process.env): string {
  return env[urlVariable(subgraph)] ?? `http://127.0.0.1:${defaultPort(subgraph)}/graphql`;
}
