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

/** The SDL file a service keeps beside its resolvers: services/<name>/schema.graphql. */
function ownTypeDefs(name: string): DocumentNode {
  return loadTypeDefs(new URL(`${name}/schema.graphql`, servicesDir));
}

/** The full SDL a department subgraph serves. */
export function departmentTypeDefs(entry: DepartmentEntry): DocumentNode {
  return departmentSubgraphTypeDefs(entry, ownTypeDefs(entry.code));
}

/**
 * The contract types the center uses as they are (its joint applications have supervision levels
 * like cases): taken from the contract, so the two cannot drift apart and break composition.
 */
const centerSharedContract: DocumentNode = {
  kind: Kind.DOCUMENT,
  definitions: contractTypeDefs.definitions.filter((d) => 'name' in d && d.name?.value === 'SupervisionLevel'),
};

/**
 * The full SDL of any subgraph by name: a department code, `hub` or `center`. Services serve
 * exactly this, and composition composes exactly this.
 */
export function subgraphTypeDefs(name: string): DocumentNode {
  if (name === hubService.name) return hubSubgraphTypeDefs(departments, ownTypeDefs(name));
  if (name === centerService.name) return concatDocuments([federationLink, centerSharedContract, ownTypeDefs(name)]);
  const entry = findDepartment(name);
  if (!entry) throw new Error(`Unknown subgraph "${name}"`);
  return departmentTypeDefs(entry);
}
