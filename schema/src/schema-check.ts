import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { parse, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { findDepartment, subgraphNames, subgraphUrl } from './registry.js';
import { departmentSubgraphTypeDefs } from './sdl.js';
import { subgraphTypeDefs } from './subgraphs.js';

/** What a change does to the clients of the graph. */
export type Impact = 'breaking' | 'dangerous' | 'safe';

export interface SchemaChange {
  impact: Impact;
  /** graphql-inspector's kind of change: FIELD_REMOVED, ENUM_VALUE_REMOVED, … */
  type: string;
  /** Where, as `Type.field` or `Enum.VALUE`. */
  path: string;
  /** What changed, as a person reads it. */
  message: string;
  /** Why it has this impact, and what to do instead. */
  advice?: string;
  /** For a breaking change listed in the acknowledgements: the reason given there. */
  acknowledged?: string;
}

export interface SchemaCheckResult {
  /** Composition errors: the proposed graph does not compose at all. */
  compositionErrors: string[];
  changes: SchemaChange[];
  /** Breaking changes not acknowledged: the check fails on these. */
  unacknowledged: SchemaChange[];
}

/** A breaking change a team decided to make anyway, with why (schema/breaking-changes.json). */
export interface Acknowledgement {
  /** The change's path (`Type.field`), as the check reports it. */
  path: string;
  /** Its kind (FIELD_REMOVED, …); matching both keeps one acknowledgement from covering another change. */
  type: string;
  reason: string;
}

export interface SchemaCheckInput {
  /** The supergraph clients use today (the committed one, or one at a base revision). */
  currentSupergraphSdl: string;
  /** The subgraph whose change is proposed, and its own SDL (a department's schema.graphql); the working tree's otherwise. */
  proposed?: { subgraph: string; ownTypeDefs?: DocumentNode };
  /** Operations clients are known to send: the trusted documents, the web front's. */
  clientDocuments: readonly string[];
  acknowledgements: readonly Acknowledgement[];
}

/** The schema clients see of a supergraph: no join directives, nothing @inaccessible. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Enum values the known client operations write as literals (`statuses: [APPROVED]`). */
function enumLiteralsIn(documents: readonly string[]): Set<string> {
  const values = new Set<string>();
  for (const text of documents) {
    visit(parse(text), {
      EnumValue(node) {
        values.add(node.value);
      },
    });
  }
  return values;
}

/**
 * Whether a client can send values of this enum: it types an argument or an input field somewhere.
 * The schema comes from the composition's own copy of graphql, so its types are told apart by
 * shape (input objects have fields but no interfaces), not by `instanceof`.
 */
function isInputEnum(schema: GraphQLSchema, enumName: string): boolean {
  type Field = { type: { toString(): string }; args?: readonly { type: { toString(): string } }[] };
  type Shaped = { name: string; getFields?: () => Record<string, Field>; getInterfaces?: unknown };
  const named = (type: { toString(): string }) => type.toString().replace(/[[\]!]/g, '');
  const types: Shaped[] = Object.values(schema.getTypeMap());
  for (const type of types) {
    if (type.name.startsWith('__') || !type.getFields) continue;
    const fields = Object.values(type.getFields());
    const isInputObject = !type.getInterfaces;
    if (isInputObject && fields.some((f) => named(f.type) === enumName)) return true;
    if (!isInputObject && fields.some((f) => f.args?.some((arg) => named(arg.type) === enumName))) return true;
  }
  return false;
}

const ADVICE: Record<string, string> = {
  FIELD_REMOVED: 'Deprecate it (@deprecated(reason: "…")) and remove it once no client asks for it.',
  FIELD_TYPE_CHANGED: 'Add a field with the new type beside the old one, and deprecate the old one.',
  INPUT_FIELD_ADDED:
    'A new input field must be optional (or have a default), or every client sending the input breaks.',
  FIELD_ARGUMENT_ADDED: 'A new argument must be optional (or have a default).',
  TYPE_REMOVED: 'Deprecate its fields first; remove the type once no client uses it.',
};

/** One inspector change in our terms: enum removals weighed against what clients send. */
function classify(
  change: Change,
  current: GraphQLSchema,
  clientLiterals: ReadonlySet<string>,
  acknowledgements: readonly Acknowledgement[],
): SchemaChange {
  const path = change.path ?? '';
  let impact: Impact =
    change.criticality.level === CriticalityLevel.Breaking
      ? 'breaking'
      : change.criticality.level === CriticalityLevel.Dangerous
        ? 'dangerous'
        : 'safe';
  let advice = ADVICE[change.type];
  if (change.type === 'ENUM_VALUE_REMOVED') {
    const [enumName = '', value = ''] = path.split('.');
    if (!isInputEnum(current, enumName)) {
      impact = 'dangerous';
      advice =
        'Only answers carry this enum: clients stop receiving the value; one that lists every value should be told.';
    } else if (!clientLiterals.has(value)) {
      impact = 'dangerous';
      advice = 'No known client operation sends this value; a client we do not know may. Deprecate it first.';
    } else advice = 'A known client operation sends this value. Deprecate it, and remove it once no client sends it.';
  }
  const acknowledged = acknowledgements.find((a) => a.path === path && a.type === change.type);
  return {
    impact,
    type: change.type,
    path,
    message: change.message,
    ...(advice ? { advice } : {}),
    ...(impact === 'breaking' && acknowledged ? { acknowledged: acknowledged.reason } : {}),
  };
}

/**
 * Composes the proposed graph (the working tree's subgraphs, with the proposed subgraph's SDL when
 * given) and compares the schema clients would see with the one they see today: every change, how
 * it affects clients, and the breaking ones nobody acknowledged.
 */
export async function checkSchema(input: SchemaCheckInput): Promise<SchemaCheckResult> {
  const proposedTypeDefs = (name: string): DocumentNode => {
    if (input.proposed?.subgraph !== name || !input.proposed.ownTypeDefs) return subgraphTypeDefs(name);
    const entry = findDepartment(name);
    if (!entry) throw new Error(`--sdl is for a department's own SDL; "${name}" is not a department.`);
    return departmentSubgraphTypeDefs(entry, input.proposed.ownTypeDefs);
  };
  if (input.proposed && !subgraphNames.includes(input.proposed.subgraph))
    throw new Error(`No subgraph "${input.proposed.subgraph}". Known: ${subgraphNames.join(', ')}.`);
  const composition = composeServices(
    subgraphNames.map((name) => ({ name, url: subgraphUrl(name, {}), typeDefs: proposedTypeDefs(name) })),
  );
  if (composition.errors)
    return { compositionErrors: composition.errors.map((e) => e.message), changes: [], unacknowledged: [] };
  const current = apiSchemaOf(input.currentSupergraphSdl);
  const proposed = composition.schema.toAPISchema().toGraphQLJSSchema();
  const clientLiterals = enumLiteralsIn(input.clientDocuments);
  const changes = (await diff(current, proposed)).map((change) =>
    classify(change, current, clientLiterals, input.acknowledgements),
  );
  return {
    compositionErrors: [],
    changes,
    unacknowledged: changes.filter((c) => c.impact === 'breaking' && !c.acknowledged),
  };
}

/** Reads schema/breaking-changes.json: a list of { path, type, reason }. */
export function readAcknowledgements(file: string): Acknowledgement[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const list = JSON.parse(text) as unknown;
  const valid = (a: unknown): a is Acknowledgement =>
    typeof a === 'object' &&
    a !== null &&
    ['path', 'type', 'reason'].every((key) => typeof (a as Record<string, unknown>)[key] === 'string') &&
    (a as Acknowledgement).reason.trim().length > 0;
  if (!Array.isArray(list) || !list.every(valid))
    throw new Error(`${file}: expected a list of { "path", "type", "reason" } with a reason for each.`);
  return list;
}

/** The report a person reads: what breaks, what might, what is safe. */
export function describeSchemaCheck(result: SchemaCheckResult, against: string): string {
  if (result.compositionErrors.length)
    return `The proposed graph does not compose:\n${result.compositionErrors.map((e) => `  - ${e}`).join('\n')}\n`;
  if (!result.changes.length) return `No change to the schema clients see (compared with ${against}).\n`;
  const lines = [`Compared with ${against}:`];
  const section = (title: string, changes: SchemaChange[]) => {
    if (!changes.length) return;
    lines.push('', `${title} (${changes.length}):`);
    for (const c of changes) {
      lines.push(`  - ${c.message}${c.acknowledged ? ` [acknowledged: ${c.acknowledged}]` : ''}`);
      if (c.advice && c.impact !== 'safe') lines.push(`      ${c.advice}`);
    }
  };
  section(
    'Breaking: clients that use these will fail',
    result.changes.filter((c) => c.impact === 'breaking'),
  );
  section(
    'Dangerous: may change what some clients see',
    result.changes.filter((c) => c.impact === 'dangerous'),
  );
  section(
    'Safe',
    result.changes.filter((c) => c.impact === 'safe'),
  );
  lines.push(
    '',
    result.unacknowledged.length
      ? `${result.unacknowledged.length} breaking change(s) not acknowledged: deprecate instead, or list each in schema/breaking-changes.json with { "path", "type", "reason" }.`
      : 'No unacknowledged breaking change.',
  );
  return `${lines.join('\n')}\n`;
}
