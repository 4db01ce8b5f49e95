/**
 * Operations shaped to hurt, for the limits tests: nested too deep, aliased too often, too many
 * root fields, too costly. Each is a valid operation of the schema (so only the limit refuses it).
 */

/**
 * `{ cases(first: 1) { edges { node { id applicant { cases(first: 1) { … totalCount } } } } } }`:
 * each loop through an applicant's cases (the hub's `Applicant.cases`) is 4 fields deeper.
 */
export function applicantLoop(loops: number, first = 1): string {
  const level = (n: number): string =>
    n === 0 ? 'totalCount' : `edges { node { id applicant { cases(first: ${first}) { ${level(n - 1)} } } } }`;
  return `{ cases(first: ${first}) { ${level(loops)} } }`;
}

/** How deep applicantLoop(loops) nests: `cases`, then 4 per loop, then `totalCount`. */
export const applicantLoopDepth = (loops: number): number => 1 + 4 * loops + 1;

/**
 * An introspection chain `{ __type(name: "Query") { fields { type { ofType { … name } } } } }`
 * `depth` fields deep: valid in every schema, at any depth (what a subgraph can be sent).
 */
export function typeChain(depth: number): string {
  const ofTypes = Math.max(0, depth - 4);
  return `{ __type(name: "Query") { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } }`;
}

/** `count` aliases of one field inside `wrap`'s braces: `{ housing { a0: department { code } … } }`. */
export function aliasBomb(
  count: number,
  field = 'department { code }',
  wrap = (inner: string) => `{ housing { ${inner} } }`,
) {
  return wrap(Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' '));
}

/** The nested page query of docs/security.md: 500 × 500 × 500 cases asked for in one operation. */
export const NESTED_PAGES =
  '{ cases(first: 500) { edges { node { applicant { cases(first: 500) { edges { node { applicant ' +
  '{ cases(first: 500) { totalCount } } } } } } } } } }';
