import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, visit, type DocumentNode, type FieldNode, type NameNode } from 'graphql';

/**
 * The contract's stand-ins for a department (schema/contract/department.graphql): the root field
 * every department namespaces its views and lifecycle under, and the prefix of its entity types.
 */
const TEMPLATE_FIELD = 'template';
const TEMPLATE_PREFIX = 'Template';

/** What a department operation is rendered for: a registry entry (`housing`, `Housing`). */
export interface DepartmentTarget {
  code: string;
  prefix: string;
}

const rendered = new WeakMap<DocumentNode, Map<string, DocumentNode>>();

const named = (node: NameNode, value: string): NameNode => ({ ...node, value });

/**
 * An operation written against the template department (`{ template { case(id: $id) { id } } }`,
 * checked and typed by `npm run codegen` against the contract's template SDL), rendered for one
 * department: the namespace field becomes the department's (`housing`) under the alias `template`,
 * so the answer keeps the shape the document's type promises, and `Template…` type conditions
 * become the department's types (`HousingCase`). Rendered once per document and department.
 */
export function departmentOperation<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  department: DepartmentTarget,
): TypedDocumentNode<TData, TVariables> {
  let byDepartment = rendered.get(document);
  if (!byDepartment) rendered.set(document, (byDepartment = new Map()));
  let result = byDepartment.get(department.code);
  if (!result) byDepartment.set(department.code, (result = render(document, department)));
  return result;
}

function render(document: DocumentNode, department: DepartmentTarget): DocumentNode {
  const namespace = (field: FieldNode): FieldNode =>
    field.name.value === TEMPLATE_FIELD
      ? { ...field, alias: field.alias ?? named(field.name, TEMPLATE_FIELD), name: named(field.name, department.code) }
      : field;
  return visit(document, {
    // The namespace is a root field: at the top of an operation, or of a fragment on a root type.
    OperationDefinition: (operation) => ({
      ...operation,
      selectionSet: {
        ...operation.selectionSet,
        selections: operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? namespace(s) : s)),
      },
    }),
    FragmentDefinition: (fragment) =>
      ['Query', 'Mutation'].includes(fragment.typeCondition.name.value)
        ? {
            ...fragment,
            selectionSet: {
              ...fragment.selectionSet,
              selections: fragment.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? namespace(s) : s)),
            },
          }
        : undefined,
    NamedType: (type) =>
      type.name.value.startsWith(TEMPLATE_PREFIX)
        ? { ...type, name: named(type.name, department.prefix + type.name.value.slice(TEMPLATE_PREFIX.length)) }
        : undefined,
  });
}
