import { describe, expect, it } from 'vitest';
import { parse, print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { departmentOperation } from './department-operation.js';

const housing = { code: 'housing', prefix: 'Housing' };

describe('a template department operation rendered for a department', () => {
  it("puts the department's namespace under the template alias, so the answer keeps its typed shape", () => {
    const document = parse('query CaseNumber($id: ID!) { template { case(id: $id) { id number } } }');
    expect(print(departmentOperation(document, housing))).toBe(
      print(parse('query CaseNumber($id: ID!) { template: housing { case(id: $id) { id number } } }')),
    );
  });

  it("names the department's types in type conditions, fragments on root types included", () => {
    const document = parse(`
      mutation Submit($input: SubmitApplicationInput!) { ...Submitted }
      fragment Submitted on Mutation { template { submit(input: $input) { ...CaseFields ... on TemplateCase { status } } } }
      fragment CaseFields on TemplateCase { id item { ... on TemplateItem { name } } }
    `);
    expect(print(departmentOperation(document, { code: 'tax', prefix: 'Tax' }))).toBe(
      print(
        parse(`
          mutation Submit($input: SubmitApplicationInput!) { ...Submitted }
          fragment Submitted on Mutation { template: tax { submit(input: $input) { ...CaseFields ... on TaxCase { status } } } }
          fragment CaseFields on TaxCase { id item { ... on TaxItem { name } } }
        `),
      ),
    );
  });

  it('leaves other fields, an explicit alias and nested fields called template alone', () => {
    const document = parse('{ mine: template { items { edges { node { template: code } } } } departments { code } }');
    expect(print(departmentOperation(document, housing))).toBe(
      print(parse('{ mine: housing { items { edges { node { template: code } } } } departments { code } }')),
    );
  });

  it('renders a document once per department and keeps its type', () => {
    const document: TypedDocumentNode<
      { template: { latestEventCursor: string | null } },
      Record<string, never>
    > = parse('{ template { latestEventCursor } }');
    const forHousing = departmentOperation(document, housing);
    expect(departmentOperation(document, housing)).toBe(forHousing);
    expect(departmentOperation(document, { code: 'env', prefix: 'Env' })).not.toBe(forHousing);
    expect(document.definitions).toEqual(parse('{ template { latestEventCursor } }').definitions);
  });
});
