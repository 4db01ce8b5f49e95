/**
 * The department registry: the one list of departments the hub federates. Adding a department
 * means adding an entry here, writing its subgraph and recomposing; nothing else is edited by hand.
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
}

export const departments: readonly DepartmentEntry[] = [
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
 * The URL a subgraph is reached at: `<NAME>_URL` from the given environment when set, otherwise
 * http://127.0.0.1:<default port>/graphql.
 */
export function subgraphUrl(subgraph: string, env: Record<string, string | undefined> = process.env): string {
  return env[urlVariable(subgraph)] ?? `http://127.0.0.1:${defaultPort(subgraph)}/graphql`;
}
