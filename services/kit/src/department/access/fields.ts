import { Kind, type DocumentNode, type FieldDefinitionNode, type GraphQLFieldResolver } from 'graphql';
import type { Identity } from '@onewindow/runtime';
import { caseReading, type CaseView } from './reads.js';
import { maskIdNumberForAnalyst, maskName, maskPhone } from './masking.js';
import { isPersonal, withholds, type FieldProtection } from './policy.js';
import type { PersonalReads } from './personal-reads.js';

/**
 * Field-level protection: what one personal or confidential value looks like to the caller, and
 * the department's own protected fields wrapped so that their resolvers apply it.
 */

/** What a field needs of the request's context. */
export interface FieldAccessContext {
  identity: Identity;
  department: { code: string };
  personalReads: PersonalReads;
}

/** How the caller sees cases, or null when they may see none (the case itself was refused before). */
export function viewOf(context: FieldAccessContext): CaseView | null {
  try {
    return caseReading(context.identity, context.department.code).view;
  } catch {
    return null;
  }
}

/**
 * A protected value as the caller may see it: whole for a full view, masked or null for analysts
 * (`protection`), null for anyone else. A personal value that is returned is noted for the audit.
 */
export function protectedValue<T>(
  value: T,
  protection: FieldProtection,
  context: FieldAccessContext,
  read: { caseId: number | null; field: string },
): T | string | null {
  if (value === null || value === undefined) return null;
  const view = viewOf(context);
  if (view === null || (view === 'masked' && withholds(protection))) return null;
  if (isPersonal(protection)) context.personalReads.add(read.caseId, read.field, view === 'masked');
  if (view === 'full') return value;
  const text = String(value);
  switch (protection) {
    case 'name':
      return maskName(text);
    case 'idNumber':
      return maskIdNumberForAnalyst(text);
    case 'phone':
      return maskPhone(text);
    default:
      return null;
  }
}

/**
 * The case a department's own object belongs to: the case row itself (its `<Prefix>Case` type), or
 * a row of its own tables (`caseId`, as the kit's oneRowPerCase loaders give them).
 */
function caseIdOf(parent: unknown, typeName: string, caseType: string): number | null {
  const row = parent as { caseId?: unknown; id?: unknown } | null;
  if (typeof row?.caseId === 'number') return row.caseId;
  return typeName === caseType && typeof row?.id === 'number' ? row.id : null;
}

type FieldResolver = GraphQLFieldResolver<unknown, FieldAccessContext>;

/**
 * The department's resolvers with each protected field (`Type.field`) wrapped: the field's own
 * resolver (or the default, the parent's property) runs, and its value goes through protectedValue.
 */
export function protectOwnFields(
  resolvers: Record<string, unknown>,
  fields: Readonly<Record<string, FieldProtection>>,
  casePrefix: string,
): Record<string, unknown> {
  const protectedResolvers: Record<string, unknown> = { ...resolvers };
  for (const [path, protection] of Object.entries(fields)) {
    const [typeName, fieldName] = path.split('.') as [string, string];
    const typeResolvers = { ...(protectedResolvers[typeName] as Record<string, unknown> | undefined) };
    const own = typeResolvers[fieldName] as FieldResolver | undefined;
    const wrapped: FieldResolver = async (parent, args, context, info) => {
      const value: unknown = own
        ? await own(parent, args, context, info)
        : (parent as Record<string, unknown>)[fieldName];
      const caseId = caseIdOf(parent, typeName, `${casePrefix}Case`);
      return protectedValue(value, protection, context, { caseId, field: path });
    };
    typeResolvers[fieldName] = wrapped;
    protectedResolvers[typeName] = typeResolvers;
  }
  return protectedResolvers;
}

/**
 * Refuses at start a protection of a field the department's SDL does not have, or a withheld one
 * (null for analysts) that the SDL declares non-null: either would fail only when an analyst asks.
 */
export function checkProtectedFields(
  typeDefs: DocumentNode,
  fields: Readonly<Record<string, FieldProtection>>,
  department: string,
): void {
  const declared = new Map<string, FieldDefinitionNode>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) declared.set(`${definition.name.value}.${field.name.value}`, field);
  }
  const problems = Object.entries(fields).flatMap(([path, protection]) => {
    const field = declared.get(path);
    if (!field) return [`${path} is not a field of its schema`];
    if (withholds(protection) && field.type.kind === Kind.NON_NULL_TYPE)
      return [`${path} is non-null, but analysts get null for a ${protection} field`];
    return [];
  });
  if (problems.length) throw new Error(`The access policy of ${department}: ${problems.join('; ')}`);
}
