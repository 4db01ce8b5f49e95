import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, type DocumentNode } from 'graphql';
import { centerService, departments, findDepartment, hubService, type DepartmentEntry } from './registry.js';
import { concatDocuments, contractTypeDefs, departmentSubgraphTypeDefs, federationLink, loadTypeDefs } from './sdl.js';
import { hubSubgraphTypeDefs } from './hub-view.js';

const servicesDir = new URL('../../services/', import.meta.url);

/** A service's folder: services/<name>/. Every subgraph follows this layout. */
export function serviceDir(name: string): string {
  return fileURLToPath(new URL(`${name}/`, servicesDir));
}

/** The SDL file a department or the hub keeps beside its resolvers: services/<name>/schema.graphql. */
function ownTypeDefs(name: string): DocumentNode {
  return loadTypeDefs(new URL(`${name}/schema.graphql`, servicesDir));
}

/** The full SDL a department subgraph serves (a contract-only department has no SDL of its own). */
export function departmentTypeDefs(entry: DepartmentEntry): DocumentNode {
  const own = entry.catalogFile ? { kind: Kind.DOCUMENT as const, definitions: [] } : ownTypeDefs(entry.code);
  return departmentSubgraphTypeDefs(entry, own);
}

/**
 * The contract types the center uses as they are (its joint applications have supervision levels
 * like cases; its audit trail is read like a department's): taken from the contract, so the two
 * cannot drift apart and break composition.
 */
const CENTER_CONTRACT_TYPES = new Set(['SupervisionLevel', 'AuditRecord']);
const centerSharedContract: DocumentNode = {
  kind: Kind.DOCUMENT,
  definitions: contractTypeDefs.definitions.filter(
    (d) => 'name' in d && d.name !== undefined && CENTER_CONTRACT_TYPES.has(d.name.value),
  ),
};

/**
 * The center's modules, each with its SDL in services/center/src/<module>/<module>.graphql. Their
 * SDL is joined in this order after the center's base (src/base.graphql), and a subgraph lists its
 * root fields in the order it declares them, so this order is the order of the center's `Query`
 * and `Mutation` fields in the composed schema.
 */
export const centerModules = [
  'feed',
  'tracking',
  'applicants',
  'windows',
  'fast-track',
  'bulletin',
  'joint',
  'quality',
  'calendar',
  'audit',
] as const;

/**
 * The center's own SDL: its base, then each module's. A module with SDL that is not listed above is
 * an error, not left out.
 */
function centerOwnTypeDefs(): DocumentNode {
  const src = new URL(`${centerService.name}/src/`, servicesDir);
  const listed: readonly string[] = centerModules;
  const unlisted = readdirSync(src, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && readdirSync(new URL(`${entry.name}/`, src)).includes(`${entry.name}.graphql`),
    )
    .map((entry) => entry.name)
    .filter((name) => !listed.includes(name));
  if (unlisted.length) throw new Error(`Center modules with SDL but not in centerModules: ${unlisted.join(', ')}`);
  return concatDocuments([
    loadTypeDefs(new URL('base.graphql', src)),
    ...centerModules.map((module) => loadTypeDefs(new URL(`${module}/${module}.graphql`, src))),
  ]);
}

/**
 * The full SDL of any subgraph by name: a department code, `hub` or `center`. Services serve
 * exactly this, and composition composes exactly this. `inHubView` narrows the hub's view to some
 * departments, for a test federation that runs only those (composeSupergraph's subsets).
 */
export function subgraphTypeDefs(name: string, inHubView: readonly DepartmentEntry[] = departments): DocumentNode {
  if (name === hubService.name) return hubSubgraphTypeDefs(inHubView, ownTypeDefs(name));
  if (name === centerService.name) return concatDocuments([federationLink, centerSharedContract, centerOwnTypeDefs()]);
  const entry = findDepartment(name);
  if (!entry) throw new Error(`Unknown subgraph "${name}"`);
  return departmentTypeDefs(entry);
}
