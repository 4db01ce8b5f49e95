import { describe, expect, it } from 'vitest';
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { findDepartment, subgraphTypeDefs } from '@onewindow/schema';
import { caseSelection, itemSelection, type Selection } from './pushdown.js';

const schema = buildSubgraphSchema([{ typeDefs: subgraphTypeDefs('hub') }]);
const housing = findDepartment('housing')!;
const market = findDepartment('market')!;

/** What a resolver of the query's first root field would see. */
function selectionOf(query: string): Selection {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments, schema };
}

describe("the hub's department queries follow the client's selection", () => {
  it('ask only the selected case fields, and always the id', () => {
    const selection = selectionOf('{ cases(first: 50) { edges { node { number deadline department { code } } } } }');
    expect(caseSelection(housing, selection, ['edges', 'node'])).toBe('id number deadline');
  });

  it('follow aliases, inline and named fragments, and keep type conditions per department', () => {
    const selection =
      selectionOf(`{ cases { edges { n: node { __typename x: number ...F ... on HousingCase { s: status item { name ... on HousingItem { code } } } ... on MarketCase { overdue } } } } }
      fragment F on Case { deadline item { kind department { code } } }`);
    expect(caseSelection(housing, selection, ['edges', 'node'])).toBe(
      'id number item { id code name kind } status deadline',
    );
    expect(caseSelection(market, selection, ['edges', 'node'])).toBe('id number item { id kind } deadline overdue');
  });

  it('ask for the item only when it is selected, and only its id when nothing of it is served', () => {
    expect(caseSelection(housing, selectionOf('{ case(id: "housing:1") { id } }'), [])).toBe('id');
    expect(
      caseSelection(housing, selectionOf('{ case(id: "housing:1") { item { __typename department { name } } } }'), []),
    ).toBe('id item { id }');
  });

  it('for catalog items too', () => {
    const selection = selectionOf(
      '{ items { totalCount edges { node { name ... on ApprovalItem { maxVisits } ... on MarketItem { kind } } } } }',
    );
    expect(itemSelection(housing, selection, ['edges', 'node'])).toBe('id name maxVisits');
    expect(itemSelection(market, selection, ['edges', 'node'])).toBe('id name kind maxVisits');
  });
});
