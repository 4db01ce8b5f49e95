import { readFileSync } from 'node:fs';
import { Kind, parse, visit, type DocumentNode, type DefinitionNode } from 'graphql';
import type { DepartmentEntry } from './registry.js';

const contractDir = new URL('../contract/', import.meta.url);

/** The Federation 2 link every subgraph SDL starts with. */
export const federationLink = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
`);

/** The shared contract: scalars, enums, interfaces, value types and shared inputs. */
export const contractTypeDefs: DocumentNode = parse(readFileSync(new URL('contract.graphql', contractDir), 'utf8'));

/** The case lifecycle's enums and inputs, which only departments serve. */
export const lifecycleTypeDefs: DocumentNode = parse(readFileSync(new URL('lifecycle.graphql', contractDir), 'utf8'));

/** The per-department entity template ("Template" stands for the department's prefix). */
export const departmentTemplate: DocumentNode = parse(readFileSync(new URL('department.graphql', contractDir), 'utf8'));

const TEMPLATE_PREFIX = 'Template';
const TEMPLATE_ROOT_FIELD = 'template';

function renamed(name: string, entry: DepartmentEntry): string {
  return name.startsWith(TEMPLATE_PREFIX) ? entry.prefix + name.slice(TEMPLATE_PREFIX.length) : name;
}

/**
 * The department's entity types (`HousingDepartment`, `HousingItem`, `HousingCase`, their
 * connections and the `Query.housing` namespace), rendered from the contract template.
 */
export function departmentEntityTypeDefs(entry: DepartmentEntry): DocumentNode {
  return visit(departmentTemplate, {
    Name: (node) => ({ ...node, value: renamed(node.value, entry) }),
    FieldDefinition: (node) =>
      node.name.value === TEMPLATE_ROOT_FIELD ? { ...node, name: { ...node.name, value: entry.code } } : undefined,
  });
}

/**
 * The whole SDL a department subgraph serves: the federation link, the contract, the rendered
 * entity types and the department's own SDL (its extra types and `extend type <Prefix>Case`).
 */
export function departmentSubgraphTypeDefs(entry: DepartmentEntry, ownTypeDefs: DocumentNode): DocumentNode {
  return concatDocuments([
    federationLink,
    contractTypeDefs,
    lifecycleTypeDefs,
    departmentEntityTypeDefs(entry),
    ownTypeDefs,
  ]);
}

/** One document holding the definitions of all the given documents, in order. */
export function concatDocuments(documents: readonly DocumentNode[]): DocumentNode {
  const definitions: DefinitionNode[] = documents.flatMap((d) => d.definitions);
  return { kind: Kind.DOCUMENT, definitions };
}

/** Parses a `.graphql` file given by a URL (use `new URL('x.graphql', import.meta.url)`). */
export function loadTypeDefs(url: URL): DocumentNode {
  return parse(readFileSync(url, 'utf8'));
}
