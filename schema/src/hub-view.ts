import {
  Kind,
  visit,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type InterfaceTypeDefinitionNode,
} from 'graphql';
import type { DepartmentEntry } from './registry.js';
import { routedMutations } from './lifecycle.js';
import {
  concatDocuments,
  contractTypeDefs,
  departmentEntityTypeDefs,
  federationLink,
  lifecycleTypeDefs,
  departmentTemplate,
} from './sdl.js';

/**
 * The contract fields the hub serves itself, from each department's answer to its pushdown
 * query. Every other field of a department's entity is resolved by the department through
 * ordinary federation. The hub's pushdown selection (services/hub) is built from this list too.
 */
export const hubServedFields = {
  Department: ['code', 'name', 'nameEn'],
  ApprovalItem: [
    'id',
    'code',
    'name',
    'department',
    'kind',
    'statutoryLimitDays',
    'committedLimitDays',
    'inCenter',
    'windowAuthorized',
    'onlineAvailable',
    'maxVisits',
  ],
  Case: [
    'id',
    'number',
    'item',
    'department',
    'status',
    'submittedAt',
    'acceptedAt',
    'deadline',
    'concludedAt',
    'overdue',
    'remainingWorkingDays',
    'supervisionLevel',
  ],
} as const satisfies Record<string, readonly string[]>;

type ContractInterface = keyof typeof hubServedFields;

/** The template type that implements each contract interface. */
const implementingTemplate: Record<ContractInterface, string> = {
  Department: 'Department',
  ApprovalItem: 'Item',
  Case: 'Case',
};

function keepFields<T extends ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode>(
  node: T,
  names: readonly string[],
): T {
  return { ...node, fields: node.fields?.filter((f) => names.includes(f.name.value)) };
}

/** `@key(fields: "...")` becomes `@key(fields: "...", resolvable: false)`: the hub never resolves entities. */
function unresolvableKey(directive: ConstDirectiveNode): ConstDirectiveNode {
  if (directive.name.value !== 'key') return directive;
  return {
    ...directive,
    arguments: [
      ...(directive.arguments ?? []),
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'resolvable' },
        value: { kind: Kind.BOOLEAN, value: false },
      },
    ],
  };
}

/** The hub's view of one department: its three entity types with only the hub-served fields. */
export function hubDepartmentTypeDefs(entry: DepartmentEntry): DefinitionNode[] {
  const wanted = new Map<string, readonly string[]>(
    (Object.keys(hubServedFields) as ContractInterface[]).map((iface) => [
      entry.prefix + implementingTemplate[iface],
      hubServedFields[iface],
    ]),
  );
  return departmentEntityTypeDefs(entry).definitions.flatMap((def) => {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) return [];
    const fields = wanted.get(def.name.value);
    if (!fields) return [];
    return [{ ...keepFields(def, fields), directives: def.directives?.map(unresolvableKey) }];
  });
}

/** Names of every type a document refers to (field types, arguments, interfaces, unions). */
function referencedTypeNames(definitions: readonly DefinitionNode[]): Set<string> {
  const names = new Set<string>();
  visit(concatDocuments([{ kind: Kind.DOCUMENT, definitions }]), {
    NamedType: (node) => {
      names.add(node.name.value);
    },
  });
  return names;
}

const prunable = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
]);

/**
 * Fields whose type is another contract interface (`Case.item: ApprovalItem!`). The hub's
 * concrete types serve them (`HousingCase.item: HousingItem!`), but its interfaces leave them
 * out: when the hub's `Case` interface declared `item`, Hive's Rust planner could not plan
 * `case(id) { item { legalBasis } }` (a field of the item that only its department serves) and
 * answered INTERNAL_SERVER_ERROR. Declared on the concrete types only, every planner goes through
 * the concrete type to the department (tests/reliability/differential.test.ts).
 */
const interfaceTypedFields = new Set(['item', 'department']);

/**
 * The contract as the hub sees it: interfaces cut to the hub-served fields (less the
 * interface-typed ones), and the contract's types the hub never uses (value types, enums, inputs)
 * left out, until nothing more drops.
 */
function hubContractDefinitions(rest: readonly DefinitionNode[]): DefinitionNode[] {
  let kept = contractTypeDefs.definitions.map((def) =>
    def.kind === Kind.INTERFACE_TYPE_DEFINITION && def.name.value in hubServedFields
      ? keepFields(
          def,
          hubServedFields[def.name.value as ContractInterface].filter((f) => !interfaceTypedFields.has(f)),
        )
      : def,
  );
  for (;;) {
    const referenced = referencedTypeNames([...kept, ...rest]);
    const next = kept.filter((def) => !prunable.has(def.kind) || !('name' in def) || referenced.has(def.name!.value));
    if (next.length === kept.length) return kept;
    kept = next;
  }
}

const named = (name: string) => ({ kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: name } }) as const;

/** The input type of a mutation field's one argument (`input: X!`), or null. */
function inputTypeOf(field: FieldDefinitionNode): string | null {
  const type = field.arguments?.length === 1 ? field.arguments[0]!.type : undefined;
  return type?.kind === Kind.NON_NULL_TYPE && type.type.kind === Kind.NAMED_TYPE ? type.type.name.value : null;
}

/**
 * The department template's lifecycle mutations (TemplateMutation), checked against the lifecycle
 * table (lifecycle.ts): the same mutations with the same inputs, so neither can change alone.
 */
function templateMutations(): Map<string, FieldDefinitionNode> {
  const template = departmentTemplate.definitions.find(
    (def): def is ObjectTypeDefinitionNode =>
      def.kind === Kind.OBJECT_TYPE_DEFINITION && def.name.value === 'TemplateMutation',
  );
  const fields = new Map((template?.fields ?? []).map((field) => [field.name.value, field]));
  const problems = [
    ...routedMutations.flatMap((routed) => {
      const field = fields.get(routed.departmentField);
      if (!field) return [`${routed.departmentField} is missing`];
      const input = inputTypeOf(field);
      const expected = routed.departmentInputType;
      return input === expected ? [] : [`${routed.departmentField} takes ${input}, not ${expected}`];
    }),
    ...[...fields.keys()]
      .filter((name) => !routedMutations.some((r) => r.departmentField === name))
      .map((name) => `${name} is not in the table`),
  ];
  if (problems.length) {
    throw new Error(
      'TemplateMutation (schema/contract/department.graphql) differs from the lifecycle table ' +
        `(schema/src/lifecycle.ts): ${problems.join('; ')}`,
    );
  }
  return fields;
}

/**
 * The hub's mutations, one per department lifecycle mutation: transitions keep their names and
 * inputs and are routed by case ID; the submission is routed by item ID (lifecycle.ts).
 */
function hubMutationType(): DefinitionNode {
  const template = templateMutations();
  return {
    kind: Kind.OBJECT_TYPE_DEFINITION,
    name: { kind: Kind.NAME, value: 'Mutation' },
    fields: routedMutations.map((routed) => {
      const field = template.get(routed.departmentField)!;
      const route = routed.routeBy === 'itemId' ? 'the item' : 'the case';
      return {
        ...field,
        name: { kind: Kind.NAME, value: routed.hubField },
        description: {
          kind: Kind.STRING,
          value: `${field.description?.value ?? ''} Routed to the department that owns ${route}.`,
        },
        arguments: field.arguments?.map((a) => ({
          ...a,
          type: { kind: Kind.NON_NULL_TYPE, type: named(routed.inputType) },
        })),
        // Nullable, as the department's: a refused write nulls its own answer, not its siblings'.
        type: named('Case'),
      };
    }),
  };
}

/**
 * The whole SDL of the hub: the federation link, its view of the contract, the hub-served
 * fields of every registered department's entities, and the hub's own root fields.
 */
export function hubSubgraphTypeDefs(registry: readonly DepartmentEntry[], ownTypeDefs: DocumentNode): DocumentNode {
  const perDepartment = registry.flatMap(hubDepartmentTypeDefs);
  const rest = [...perDepartment, ...lifecycleTypeDefs.definitions, hubMutationType(), ...ownTypeDefs.definitions];
  return concatDocuments([
    federationLink,
    { kind: Kind.DOCUMENT, definitions: [...hubContractDefinitions(rest), ...rest] },
  ]);
}
