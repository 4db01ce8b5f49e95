/**
 * Random GraphQL-over-HTTP requests for fuzzing, valid and invalid, generated from each server's
 * schema with a seed (the same seed gives the same requests). Valid read queries come from the
 * query generator (tests/support/query-generator.ts); the rest break one thing each: a value, a
 * variable's type, the document, the JSON, the HTTP method or media type, the body's size. Every
 * mutation is refused by construction (a value of the wrong type, a missing or unknown argument,
 * forged IDs, GET); the fuzz test checks the databases to prove it.
 */
import {
  getNamedType,
  getNullableType,
  GraphQLScalarType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  typeFromAST,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { SeededRandom } from '../../services/kit/src/department/random.js';
import { QueryGenerator, type GeneratedQuery, type ValuePicker } from './query-generator.js';
import { HOSTILE_STRINGS, hostilePicker, realPicker, wrongValue, type RealValues } from './fuzz-values.js';

/** A server to fuzz: the gateway or one subgraph, with the schema clients see there. */
export interface FuzzTarget {
  name: string;
  schema: GraphQLSchema;
}

/** One HTTP request to send, and what it tries. */
export interface FuzzRequest {
  kind: FuzzKind;
  target: string;
  method: string;
  /** Appended to the target's URL: `?query=…` for GET. */
  search: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** Asks for a write (always one that must be refused). */
  write: boolean;
}

/** What each kind of request tries, with its share of the run. */
const KINDS = {
  'valid query': 24,
  'hostile values': 14,
  'forged entities': 3,
  'wrong variable types': 10,
  'Int overflow': 5,
  'huge strings': 2,
  'malformed JSON': 6,
  'malformed GraphQL': 6,
  'batched array': 3,
  subscription: 3,
  'operation names': 4,
  'empty body': 3,
  'content type': 4,
  'HTTP method': 2,
  'mutation over GET': 3,
  'deep nesting': 3,
  'invalid mutation': 6,
} as const;
export type FuzzKind = keyof typeof KINDS;
export const FUZZ_KINDS = Object.keys(KINDS) as FuzzKind[];

type Request = Partial<FuzzRequest>;
type Operation = { query: string; variables: Record<string, unknown> };
type Field = GraphQLField<unknown, unknown>;

const JSON_TYPE = 'application/json';
const EVENTS = 'text/event-stream';
const ACCEPTS = [JSON_TYPE, 'application/graphql-response+json', '*/*', EVENTS, `${JSON_TYPE}, ${EVENTS}`, ''];
const MB = 1024 * 1024;
/** The `_Any` scalar, for asking the picker for an entity representation. */
const ANY = new GraphQLScalarType({ name: '_Any' });

/** Builds requests for a set of targets (the gateway first); `next()` gives the next one. */
export class FuzzOperations {
  private readonly random: SeededRandom;
  private readonly valid = new Map<string, QueryGenerator>();
  private readonly hostile = new Map<string, QueryGenerator>();
  private readonly total = Object.values(KINDS).reduce<number>((sum, weight) => sum + weight, 0);
  /** Queries the generator could not make (each replaced by `{ __typename }`), per target, and the first reason. */
  readonly generatorFailures: { byTarget: Record<string, number>; first?: string } = { byTarget: {} };

  constructor(
    private readonly targets: FuzzTarget[],
    private readonly real: RealValues,
    private readonly seed: number,
  ) {
    this.random = new SeededRandom(seed);
  }

  /** The next request: a kind drawn by its share, a target (the gateway 40 %, the subgraphs share the rest). */
  next(): FuzzRequest {
    let draw = this.random.next() * this.total;
    const kind = FUZZ_KINDS.find((k) => (draw -= KINDS[k]) < 0) ?? 'valid query';
    const target = this.random.chance(0.4) ? this.targets[0]! : this.random.pick(this.targets.slice(1));
    const built = this.build(kind, target);
    const request = { kind, target: target.name, method: 'POST', search: '', write: false, ...built };
    return { ...request, headers: built.headers ?? {} };
  }

  /** One of several requests, only the chosen one built (building one may draw a generated query). */
  private choose<T>(...options: (() => T)[]): T {
    return this.random.pick(options)();
  }

  private build(kind: FuzzKind, target: FuzzTarget): Request {
    const r = this.random;
    switch (kind) {
      case 'valid query': {
        const operation = this.validQuery(target);
        return r.chance(0.15) ? this.get(operation, this.accept()) : this.post(operation, this.accept());
      }
      case 'hostile values': {
        const { query, variables } = this.generated(this.hostile, target, hostilePicker(this.real));
        return this.post({ query, variables }, this.accept());
      }
      case 'forged entities':
        return this.post(this.entities(target));
      case 'wrong variable types':
        return this.post(this.wrongVariable(target));
      case 'Int overflow':
        return this.post({ query: this.intOverflow(target) });
      case 'huge strings':
        return this.hugeString(target);
      case 'malformed JSON':
        return this.malformedJson(target);
      case 'malformed GraphQL':
        return this.post({ query: this.malformedDocument(target) });
      case 'batched array':
        return this.batched(target);
      case 'subscription':
        return this.post({ query: this.subscription(target) }, this.accept());
      case 'operation names':
        return this.operationNames(target);
      case 'empty body':
        return this.emptyBody();
      case 'content type':
        return this.contentType(target);
      case 'HTTP method': {
        const body = r.chance(0.5) ? JSON.stringify({ query: '{ __typename }' }) : undefined;
        const method = r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
        return { method, headers: { 'content-type': JSON_TYPE }, body };
      }
      case 'mutation over GET': {
        const mutation = (r.chance(0.5) && this.validSubmit(target)) || this.mutation(target, 'semantic');
        const operation = mutation ?? { query: 'mutation { __typename }', variables: {} };
        return { ...this.get(operation, this.accept()), write: true };
      }
      case 'deep nesting':
        return this.post({ query: this.deep(target) });
      case 'invalid mutation': {
        const mutation = this.mutation(target, r.pick(['coercion', 'validation', 'semantic'] as const));
        return mutation ? { ...this.post(mutation), write: true } : this.post({ query: 'mutation { __typename }' });
      }
    }
  }

  /** Mostly JSON, sometimes another media type a client may ask for (an event stream, anything, none). */
  private accept(): string {
    return this.random.chance(0.7) ? JSON_TYPE : this.random.pick(ACCEPTS);
  }

  private post(payload: unknown, accept = JSON_TYPE): Request {
    const headers = { 'content-type': JSON_TYPE, ...(accept ? { accept } : {}) };
    return { method: 'POST', headers, body: JSON.stringify(payload) };
  }

  private get(operation: Operation, accept = JSON_TYPE): Request {
    const params = new URLSearchParams({ query: operation.query });
    if (Object.keys(operation.variables).length) params.set('variables', JSON.stringify(operation.variables));
    return { method: 'GET', search: `?${params}`, headers: accept ? { accept } : {} };
  }

  /** The next query of the target's generator; a failure to generate falls back to `{ __typename }`. */
  private generated(generators: Map<string, QueryGenerator>, target: FuzzTarget, pick: ValuePicker): GeneratedQuery {
    let generator = generators.get(target.name);
    if (!generator) {
      const seed = this.seed + generators.size * 7919 + (generators === this.hostile ? 1 : 0);
      generator = new QueryGenerator(target.schema, { seed, pick, maxDepth: 3 });
      generators.set(target.name, generator);
    }
    try {
      return generator.next();
    } catch (error) {
      const failures = this.generatorFailures;
      failures.byTarget[target.name] = (failures.byTarget[target.name] ?? 0) + 1;
      failures.first ??= `${target.name}: ${error instanceof Error ? error.message : String(error)}`;
      return { query: '{ __typename }', variables: {}, covers: [] };
    }
  }

  /** A generated read query with real values (IDs, cursors, item codes) where it has arguments. */
  private validQuery(target: FuzzTarget): Operation {
    const { query, variables } = this.generated(this.valid, target, realPicker(this.real));
    return { query, variables };
  }

  /**
   * A subgraph's `_entities` (the gateway's way in, which anyone who reaches a subgraph can call)
   * with forged, misshapen or foreign representations. The gateway has no such field: there it
   * is a validation error.
   */
  private entities(target: FuzzTarget): Operation {
    const union = target.schema.getType('_Entity');
    const types = union && isUnionType(union) ? union.getTypes() : [];
    const chosen = types.length ? this.random.pick([types, [this.random.pick(types)]]) : [];
    const fragments = chosen.map((type) => {
      const leaves = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && !f.args.length);
      const names = leaves.slice(0, this.random.int(1, 4)).map((f) => f.name);
      return `... on ${type.name} { ${names.join(' ') || '__typename'} }`;
    });
    const pick = hostilePicker(this.real);
    const count = this.random.pick([1, 3, 50]);
    const representation = () => pick('Query._entities.representations', ANY, this.random);
    const representations = Array.from({ length: count }, representation);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ${fragments.join(' ')} } }`;
    return { query, variables: { r: representations } };
  }

  /** A valid query with one variable given a value its type refuses. */
  private wrongVariable(target: FuzzTarget): Operation {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const { query, variables } = this.validQuery(target);
      const definitions = parse(query).definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION ? (d.variableDefinitions ?? []) : [],
      );
      if (!definitions.length) continue;
      const definition = this.random.pick(definitions);
      const type = typeFromAST(target.schema, definition.type) as GraphQLInputType | undefined;
      if (!type) continue;
      return { query, variables: { ...variables, [definition.variable.name.value]: wrongValue(type, this.random) } };
    }
    return { query: 'query($first: Int) { __typename }', variables: { first: 2147483648 } };
  }

  /** `first: 2147483648` and the like, written into the document: a validation error. */
  private intOverflow(target: FuzzTarget): string {
    const fields = intArguments(target.schema);
    const overflows = ['2147483648', '-2147483649', '1e20', '1.5', '9'.repeat(26), '"5"', '0x10', 'null'];
    const literal = this.random.pick(overflows);
    if (!fields.length) return `{ __typename(x: ${literal}) }`;
    const { path, arg } = this.random.pick(fields);
    return selectionFor(path, (field) => (field === path.at(-1) ? `(${arg.name}: ${literal})` : ''));
  }

  /** A string of about 900 kB (under the 1 MB body limit) or over the limit, in a variable or the document. */
  private hugeString(target: FuzzTarget): Request {
    const text = `一窗${'x'.repeat(this.random.pick([900 * 1024, MB, 3 * MB]))}\u0000`;
    return this.choose(
      () => this.post({ query: 'query($text: String) { __typename }', variables: { text } }),
      () => this.post({ query: `{ __typename } # ${text.replaceAll('\u0000', '')}` }),
      // Inside a real query's first string argument, and as a variable it never declares.
      () => {
        const { query } = this.validQuery(target);
        return this.post({ query: query.replace(/"[^"]*"/, JSON.stringify(text)), variables: { unused: text } });
      },
    );
  }

  private malformedJson(target: FuzzTarget): Request {
    const r = this.random;
    const good = () => JSON.stringify(this.validQuery(target));
    const bytes = (values: number[]) => Uint8Array.from(values);
    const body = this.choose<string | Uint8Array<ArrayBuffer>>(
      () => good().slice(0, -r.int(1, 40)),
      () => `${good()},`,
      () => `${good()}${good()}`,
      () => good().replace('"query"', "'query'"),
      () => good().replace(/":/, '" '),
      () => '{"query": "{ __typename }",}',
      () => '{"query": "{ __typename }", "variables": {"a": NaN}}',
      () => `{"query": "{ __typename }", "variables": ${'['.repeat(50_000)}}`,
      () => `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
      () => 'undefined',
      () => '\u0000{"query": "{ __typename }"}',
      () => `\uFEFF${good()}`,
      () => bytes(Array.from({ length: r.int(1, 300) }, () => r.int(0, 255))),
      // `{"q":"` + invalid UTF-8 + `"}`
      () => bytes([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
    );
    return { headers: { 'content-type': JSON_TYPE, accept: this.accept() }, body };
  }

  /** A real query damaged (truncated, a character dropped or added), or a document that never was one. */
  private malformedDocument(target: FuzzTarget): string {
    const r = this.random;
    const damaged = (change: (query: string, at: number) => string) => {
      const { query } = this.validQuery(target);
      return change(query, r.int(0, query.length - 1));
    };
    const stray = () => r.pick(['{', '}', '(', '"', '$', '@', '\u0000', '…', '\\', '#']);
    return this.choose(
      () => damaged((query, at) => query.slice(0, at)),
      () => damaged((query, at) => query.slice(0, at) + query.slice(at + 1)),
      () => damaged((query, at) => query.slice(0, at) + stray() + query.slice(at)),
      () => damaged((query) => query.replaceAll('{', '(').replace(/\)/, '}')),
      () => '{'.repeat(r.int(1, 20_000)),
      () => `query Q { ${'}'.repeat(r.int(1, 100))}`,
      () => `{ __typename @${r.pick(['skip', 'include', 'nope'])}(if: ${r.pick(['$undefined', '5', '"x"'])}) }`,
      () => 'fragment A on Query { ...A } { ...A }',
      () => `{ ${Array.from({ length: r.int(10, 3000) }, (_, i) => `field${i}`).join(' ')} }`,
      () => `{ __typename(${'a: 1, '.repeat(r.int(1, 2000))}) }`,
      () => `"""${r.pick(HOSTILE_STRINGS)}`,
      () => r.pick(HOSTILE_STRINGS),
      () => '{ case(id: "\\uD800") { id } }',
      () => '\u0000{ __typename }',
      () => 'query ($x: Int = "text") { __typename }',
      () => '{ __schema { types { name } } } extra',
    );
  }

  private batched(target: FuzzTarget): Request {
    const body = this.choose<unknown[]>(
      () => [],
      () => [this.validQuery(target)],
      () => [this.validQuery(target), this.validQuery(target)],
      () => Array.from({ length: 100 }, () => ({ query: '{ __typename }' })),
      () => [1, 'two', null],
      () => [[this.validQuery(target)]],
    );
    return { headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
  }

  /** A subscription of the target's query fields (no service has subscriptions), or of nothing at all. */
  private subscription(target: FuzzTarget): string {
    return this.choose(
      () => this.validQuery(target).query.replace(/^query\b/, 'subscription'),
      () => 'subscription { __typename }',
      () => 'subscription S { x }',
      () => 'subscription',
    );
  }

  private operationNames(target: FuzzTarget): Request {
    const { query, variables } = this.validQuery(target);
    const twice = `${query}\n${query.replace(/^query Generated/, 'query Other')}`;
    return this.choose(
      () => this.post({ query, variables, operationName: 'NoSuchOperation' }),
      () => this.post({ query: twice, variables }),
      () => this.post({ query: '{ __typename } { __typename }' }),
      () => this.post({ query, variables, operationName: this.random.pick([5, {}, [], '', '\u0000', true]) }),
      () => this.post({ query: 'query A { __typename } mutation A { __typename }', operationName: 'A' }),
      () => this.get({ query: twice, variables }),
    );
  }

  private emptyBody(): Request {
    const r = this.random;
    const body = r.pick(['', ' ', '{}', 'null', '""', '0', '{"query": ""}', '{"query": null}', '{"query": "   "}']);
    return { headers: r.chance(0.8) ? { 'content-type': JSON_TYPE } : {}, body };
  }

  private contentType(target: FuzzTarget): Request {
    const { query, variables } = this.validQuery(target);
    const json = JSON.stringify({ query, variables });
    const multipart = `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${json}\r\n--x--`;
    const [type, body] = this.random.pick<[string | undefined, string]>([
      ['text/plain', json],
      ['application/x-www-form-urlencoded', new URLSearchParams({ query }).toString()],
      ['multipart/form-data; boundary=x', multipart],
      ['application/graphql', query],
      ['application/json; charset=utf-16', json],
      ['application/xml', `<query>${query}</query>`],
      [undefined, json],
      ['application/json; charset=utf-8; boundary=', json],
      ['*/*', json],
    ]);
    return { headers: type ? { 'content-type': type } : {}, body };
  }

  /**
   * A mutation that must be refused. `coercion`: a variable of the wrong type; `validation`: a
   * required argument left out or an unknown one added; `semantic`: well-typed, but every ID
   * forged and every string hostile.
   */
  private mutation(target: FuzzTarget, how: 'coercion' | 'validation' | 'semantic'): Operation | null {
    const paths = mutationPaths(target.schema);
    if (!paths.length) return null;
    const path = this.random.pick(paths);
    const leaf = path.at(-1)!;
    const pick = hostilePicker(this.real);
    const required = leaf.args.filter((arg) => isNonNullType(arg.type));
    const drop = how === 'validation' && required.length && this.random.chance(0.5);
    const dropped = drop ? this.random.pick(required) : undefined;
    const sent = leaf.args.filter((arg) => arg !== dropped && (isNonNullType(arg.type) || this.random.chance(0.3)));
    const value = (arg: GraphQLArgument) => inputValue(arg.type, `${leaf.name}.${arg.name}`, pick, this.random);
    const variables = Object.fromEntries(sent.map((arg) => [arg.name, value(arg)]));
    const coerced = how === 'coercion' && sent.length ? this.random.pick(sent) : undefined;
    if (coerced) variables[coerced.name] = wrongValue(coerced.type, this.random);
    const args = sent.map((arg) => `${arg.name}: $${arg.name}`);
    // Nothing else makes it invalid (or it takes no argument to forge): an argument it does not have.
    const invalid = { validation: !!dropped, coercion: !!coerced, semantic: sent.length > 0 }[how];
    if (!invalid) args.push('noSuchArgument: 1');
    const definitions = sent.map((arg) => `$${arg.name}: ${arg.type.toString()}`);
    const header = definitions.length ? `mutation Fuzz(${definitions.join(', ')})` : 'mutation Fuzz';
    const selection = selectionFor(path, (field) => (field === leaf && args.length ? `(${args.join(', ')})` : ''));
    return { query: `${header} ${selection}`, variables };
  }

  /**
   * A submission that would create a case if it ran (a real item of the department, a well-formed
   * applicant), for the department's subgraph or through the gateway; null elsewhere. Sent only
   * over GET, which must refuse every mutation.
   */
  private validSubmit(target: FuzzTarget): Operation | null {
    const itemId = this.real.itemIds.length ? this.random.pick(this.real.itemIds) : undefined;
    const [department, itemCode] = itemId?.split(':') ?? [];
    if (!department || !itemCode || (target.name !== department && target !== this.targets[0])) return null;
    const input = {
      idempotencyKey: `fuzz-get-${this.random.digits(12)}`,
      itemCode,
      applicant: { kind: 'ENTERPRISE', name: '临江恒通建设工程有限公司', idNumber: '91330100MA2H3K4L5X' },
    };
    const query = `mutation($input: SubmitApplicationInput!) { ${department} { submit(input: $input) { id } } }`;
    return { query, variables: { input } };
  }

  /**
   * Nesting as deep as a client can write: a valid chain of one-item fields, thousands of
   * aliases, a fragment bomb, nonsense thousands deep, a long introspection chain.
   */
  private deep(target: FuzzTarget): string {
    const r = this.random;
    const root = target.schema.getQueryType()!.name;
    return this.choose(
      () => deepPath(target.schema, r.int(8, 25), this.real, r),
      () => `{ ${Array.from({ length: r.pick([1000, 5000]) }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      () => {
        const levels = r.pick([16, 32]);
        const fragment = (i: number) => `fragment F${i} on ${root} { ...F${i + 1} ...F${i + 1} }`;
        const fragments = Array.from({ length: levels }, (_, i) => fragment(i));
        return `{ ...F0 } ${fragments.join(' ')} fragment F${levels} on ${root} { a: __typename b: __typename }`;
      },
      () => {
        const depth = r.pick([100, 1000, 5000]);
        return `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`;
      },
      () => {
        const depth = r.int(20, 80);
        return `{ __type(name: "Query") { ${'ofType { '.repeat(depth)}name${' }'.repeat(depth)} } }`;
      },
    );
  }
}

/** `{ housing { submit(…) { __typename } } }`: the fields nested, the last one with its arguments. */
function selectionFor(path: Field[], argsOf: (field: Field) => string): string {
  let inner = '';
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const field = path[i]!;
    const body = inner || (isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '');
    inner = `{ ${field.name}${argsOf(field)} ${body} }`;
  }
  return inner;
}

/** Fields reachable from Query in one or two steps (through fields without required arguments) that take an Int. */
function intArguments(schema: GraphQLSchema): { path: Field[]; arg: GraphQLArgument }[] {
  const found: { path: Field[]; arg: GraphQLArgument }[] = [];
  const visit = (type: GraphQLCompositeType, path: Field[]) => {
    if (!isObjectType(type) || path.length > 1) return;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) {
        if (getNamedType(arg.type).name === 'Int') found.push({ path: [...path, field], arg });
      }
      const next = getNamedType(field.type);
      if (isCompositeType(next) && !field.args.some((a) => isNonNullType(a.type))) visit(next, [...path, field]);
    }
  };
  visit(schema.getQueryType()!, []);
  return found;
}

/** Every mutation a schema offers, as the path of fields to it, department namespaces (`Mutation.housing`) opened. */
function mutationPaths(schema: GraphQLSchema): Field[][] {
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  return Object.values(mutation.getFields()).flatMap((field) => {
    const type = getNamedType(field.type);
    const inner = isObjectType(type) && !field.args.length ? Object.values(type.getFields()) : [];
    return inner.some((f) => f.args.length) ? inner.map((f) => [field, f]) : [[field]];
  });
}

/** A value for an input type: the picker's for scalars, all required and some optional fields of input objects. */
function inputValue(type: GraphQLInputType, at: string, pick: ValuePicker, random: SeededRandom, depth = 0): unknown {
  const named = getNamedType(type);
  if (isListType(getNullableType(type))) return [inputValue(named, at, pick, random, depth + 1)];
  if (isInputObjectType(named)) {
    if (depth > 4) return {};
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type) || random.chance(0.3));
    return Object.fromEntries(
      fields.map((f) => [f.name, inputValue(f.type, `${named.name}.${f.name}`, pick, random, depth + 1)]),
    );
  }
  if (isEnumType(named)) return random.pick(named.getValues()).name;
  const picked = pick(at, named, random);
  if (picked !== undefined) return picked;
  return { Int: 1, Float: 1.5, Boolean: true }[named.name] ?? 'x';
}

/** The fields of an object or interface type (none for a union). */
const fieldsOf = (type: GraphQLCompositeType): Field[] => ('getFields' in type ? Object.values(type.getFields()) : []);

/** Whether a field can be a step of a deep path: one object, or a list or connection kept to one item by `first`. */
function isSingleStep(field: Field): boolean {
  if (field.name.startsWith('_') || !isCompositeType(getNamedType(field.type))) return false;
  const many = isListType(getNullableType(field.type)) || getNamedType(field.type).name.endsWith('Connection');
  if (many && !field.args.some((a) => a.name === 'first')) return false;
  return field.args.every((a) => !isNonNullType(a.type) || ['ID', 'String'].includes(getNamedType(a.type).name));
}

/**
 * A valid query `depth` fields deep, each step a field that gives one object, so that depth
 * costs no fan-out; required arguments get real values.
 */
function deepPath(schema: GraphQLSchema, depth: number, real: RealValues, random: SeededRandom): string {
  const pick = realPicker(real);
  const steps: string[] = [];
  let type: GraphQLCompositeType = schema.getQueryType()!;
  for (let i = 0; i < depth; i += 1) {
    const candidates = fieldsOf(type).filter(isSingleStep);
    if (!candidates.length) break;
    const field = random.pick(candidates);
    const args = field.args.flatMap((a) => {
      if (a.name === 'first') return ['first: 1'];
      if (!isNonNullType(a.type)) return [];
      const argumentType = getNamedType(a.type) as GraphQLInputType;
      const value = pick(`${type.name}.${field.name}.${a.name}`, argumentType, random) ?? 'x';
      return [`${a.name}: ${JSON.stringify(value)}`];
    });
    steps.push(`${field.name}${args.length ? `(${args.join(', ')})` : ''}`);
    type = getNamedType(field.type) as GraphQLCompositeType;
    // A connection's one item: step through edges { node } to keep walking.
    const edges = fieldsOf(type).find((f) => f.name === 'edges');
    const node = edges && fieldsOf(getNamedType(edges.type) as GraphQLCompositeType).find((f) => f.name === 'node');
    if (type.name.endsWith('Connection') && node) {
      steps.push('edges', 'node');
      type = getNamedType(node.type) as GraphQLCompositeType;
    }
  }
  return `{ ${steps.map((s) => `${s} {`).join(' ')} __typename ${'} '.repeat(steps.length)}}`;
}
