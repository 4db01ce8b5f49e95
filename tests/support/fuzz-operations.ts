/**
 * Random GraphQL-over-HTTP requests for fuzzing, valid and invalid, generated from each server's
 * schema with a seed (the same seed gives the same requests). Valid read queries come from the
 * query generator (tests/support/query-generator.ts); the rest break one thing each: a value, a
 * variable's type, the document, the JSON, the HTTP method or media type, the body's size. Every
 * mutation is refused by construction (a value of the wrong type, a missing argument, a forged
 * ID, GET); the test checks the databases to prove it.
 */
import {
  getNamedType,
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
  GraphQLScalarType,
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

const JSON_TYPE = 'application/json';
const ACCEPTS = [JSON_TYPE, 'application/graphql-response+json', '*/*', 'text/event-stream', `${JSON_TYPE}, text/event-stream`, ''];
const MB = 1024 * 1024;
/** The `_Any` scalar, for asking the picker for an entity representation. */
const ANY = new GraphQLScalarType({ name: '_Any' });

/** A mutation field to call: `[housing, submit]` for a department's namespaced mutation, `[accept]` for a hub one. */
interface MutationPath {
  fields: GraphQLField<unknown, unknown>[];
}

/** Builds requests for a set of targets; `next()` gives the next one. */
export class FuzzOperations {
  private readonly random: SeededRandom;
  private readonly valid = new Map<string, QueryGenerator>();
  private readonly hostile = new Map<string, QueryGenerator>();
  private readonly weights: [FuzzKind, number][];
  /** Queries the generator could not make (each replaced by `{ __typename }`), per target, and the first reason. */
  readonly generatorFailures: { byTarget: Record<string, number>; first?: string } = { byTarget: {} };
  private readonly total: number;

  constructor(
    private readonly targets: FuzzTarget[],
    private readonly real: RealValues,
    private readonly seed: number,
  ) {
    this.random = new SeededRandom(seed);
    this.weights = Object.entries(KINDS) as [FuzzKind, number][];
    this.total = this.weights.reduce((sum, [, weight]) => sum + weight, 0);
  }

  /** The next request: a kind drawn by its share, a target (the gateway 40 %, the subgraphs share the rest). */
  next(): FuzzRequest {
    let draw = this.random.next() * this.total;
    const kind = this.weights.find(([, weight]) => (draw -= weight) < 0)?.[0] ?? 'valid query';
    const target = this.random.chance(0.4) ? this.targets[0]! : this.random.pick(this.targets.slice(1));
    const built = this.build(kind, target);
    return { kind, target: target.name, method: 'POST', search: '', write: false, ...built, headers: built.headers ?? {} };
  }

  private build(kind: FuzzKind, target: FuzzTarget): Partial<FuzzRequest> {
    const r = this.random;
    switch (kind) {
      case 'valid query': {
        const { query, variables } = this.generated(this.valid, target, realPicker(this.real));
        return r.chance(0.15) ? this.get({ query, variables }, this.accept()) : this.post({ query, variables }, this.accept());
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
      case 'HTTP method':
        return { method: r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']), headers: { 'content-type': JSON_TYPE }, body: r.chance(0.5) ? JSON.stringify({ query: '{ __typename }' }) : undefined };
      case 'mutation over GET': {
        const mutation = (r.chance(0.5) && this.validSubmit(target)) || this.mutation(target, 'semantic');
        return { ...this.get(mutation ?? { query: 'mutation { __typename }' }, this.accept()), write: true };
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

  private post(payload: unknown, accept = JSON_TYPE): Partial<FuzzRequest> {
    return { method: 'POST', headers: { 'content-type': JSON_TYPE, ...(accept ? { accept } : {}) }, body: JSON.stringify(payload) };
  }

  private get(payload: { query: string; variables?: Record<string, unknown> }, accept = JSON_TYPE): Partial<FuzzRequest> {
    const params = new URLSearchParams({ query: payload.query });
    if (payload.variables && Object.keys(payload.variables).length) params.set('variables', JSON.stringify(payload.variables));
    return { method: 'GET', search: `?${params}`, headers: accept ? { accept } : {} };
  }

  /** The next query of the target's generator; a failure to generate falls back to `{ __typename }`. */
  private generated(generators: Map<string, QueryGenerator>, target: FuzzTarget, pick: ValuePicker): GeneratedQuery {
    let generator = generators.get(target.name);
    if (!generator) {
      generator = new QueryGenerator(target.schema, { seed: this.seed + generators.size * 7919 + (generators === this.hostile ? 1 : 0), pick, maxDepth: 3 });
      generators.set(target.name, generator);
    }
    try {
      return generator.next();
    } catch (error) {
      this.generatorFailures.byTarget[target.name] = (this.generatorFailures.byTarget[target.name] ?? 0) + 1;
      this.generatorFailures.first ??= `${target.name}: ${error instanceof Error ? error.message : String(error)}`;
      return { query: '{ __typename }', variables: {}, covers: [] };
    }
  }

  /**
   * A subgraph's `_entities` (the gateway's way in, which anyone who reaches a subgraph can call)
   * with forged, misshapen or foreign representations. The gateway has no such field: there it
   * is a validation error.
   */
  private entities(target: FuzzTarget): { query: string; variables: Record<string, unknown> } {
    const union = target.schema.getType('_Entity');
    const types = union && isUnionType(union) ? union.getTypes() : [];
    const fragments = types.length
      ? this.random.pick([types, [this.random.pick(types)]]).map((type) => {
          const scalars = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type)));
          return `... on ${type.name} { ${scalars.slice(0, this.random.int(1, 4)).map((f) => f.name).join(' ') || '__typename'} }`;
        })
      : [];
    const pick = hostilePicker(this.real);
    const representations = Array.from({ length: this.random.pick([1, 3, 50]) }, () => pick('Query._entities.representations', ANY, this.random));
    return { query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename ${fragments.join(' ')} } }`, variables: { r: representations } };
  }

  /** A valid query with one variable given a value its type refuses. */
  private wrongVariable(target: FuzzTarget): { query: string; variables: Record<string, unknown> } {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const { query, variables } = this.generated(this.valid, target, realPicker(this.real));
      const definitions = parse(query).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? (d.variableDefinitions ?? []) : []));
      if (!definitions.length) continue;
      const definition = this.random.pick(definitions);
      const type = typeFromAST(target.schema, definition.type) as GraphQLInputType | undefined;
      if (!type) continue;
      return { query, variables: { ...variables, [definition.variable.name.value]: wrongValue(type, this.random) } };
    }
    return { query: 'query($first: Int) { __typename }', variables: { first: 2147483648 } };
  }

  /** Fields reachable from Query in one or two steps that take an Int argument. */
  private intFields(schema: GraphQLSchema): { path: GraphQLField<unknown, unknown>[]; arg: GraphQLArgument }[] {
    const found: { path: GraphQLField<unknown, unknown>[]; arg: GraphQLArgument }[] = [];
    const visit = (type: GraphQLCompositeType, path: GraphQLField<unknown, unknown>[]) => {
      if (!isObjectType(type) || path.length > 1) return;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (getNamedType(arg.type).name === 'Int') found.push({ path: [...path, field], arg });
        const next = getNamedType(field.type);
        if (isCompositeType(next) && !field.args.some((a) => isNonNullType(a.type))) visit(next, [...path, field]);
      }
    };
    visit(schema.getQueryType()!, []);
    return found;
  }

  /** `first: 2147483648` and the like, written into the document: a validation error. */
  private intOverflow(target: FuzzTarget): string {
    const fields = this.intFields(target.schema);
    const literal = this.random.pick(['2147483648', '-2147483649', '1e20', '1.5', '99999999999999999999999999', '"5"', '0x10', 'null']);
    if (!fields.length) return `{ __typename(x: ${literal}) }`;
    const { path, arg } = this.random.pick(fields);
    return selectionFor(path, (field) => (field === path.at(-1) ? `(${arg.name}: ${literal})` : ''));
  }

  /** A string of about 900 kB (under the 1 MB body limit) or over the limit, in a variable or the document. */
  private hugeString(target: FuzzTarget): Partial<FuzzRequest> {
    const size = this.random.pick([900 * 1024, MB, 3 * MB]);
    const text = `一窗${'x'.repeat(size)}\u0000`;
    const { query } = this.generated(this.valid, target, realPicker(this.real));
    if (this.random.chance(0.5)) return this.post({ query: 'query($text: String) { __typename }', variables: { text } });
    if (this.random.chance(0.5)) return this.post({ query: `{ __typename } # ${text.replaceAll('\u0000', '')}` });
    // Inside a real query's first string argument, or as a variable it never declares.
    return this.post({ query: query.replace(/"[^"]*"/, JSON.stringify(text)), variables: { unused: text } });
  }

  private malformedJson(target: FuzzTarget): Partial<FuzzRequest> {
    const { query, variables } = this.generated(this.valid, target, realPicker(this.real));
    const good = JSON.stringify({ query, variables });
    const r = this.random;
    const body = r.pick<string | Uint8Array<ArrayBuffer>>([
      good.slice(0, r.int(1, good.length - 1)),
      `${good},`,
      `${good}${good}`,
      good.replace('"query"', "'query'"),
      good.replace(/":/, '" '),
      '{"query": "{ __typename }",}',
      '{"query": "{ __typename }", "variables": {"a": NaN}}',
      `{"query": "{ __typename }", "variables": ${'['.repeat(50_000)}}`,
      `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
      'undefined',
      '\u0000{"query": "{ __typename }"}',
      `\uFEFF${good}`,
      Uint8Array.from(Array.from({ length: r.int(1, 300) }, () => r.int(0, 255))),
      Uint8Array.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
    ]);
    return { headers: { 'content-type': JSON_TYPE, accept: this.accept() }, body };
  }

  /** A real query damaged (truncated, a character dropped, doubled or swapped), or a document that never was one. */
  private malformedDocument(target: FuzzTarget): string {
    const { query } = this.generated(this.valid, target, realPicker(this.real));
    const r = this.random;
    const at = r.int(0, query.length - 1);
    return r.pick([
      query.slice(0, at),
      query.slice(0, at) + query.slice(at + 1),
      query.slice(0, at) + r.pick(['{', '}', '(', '"', '$', '@', '\u0000', '…', '\\', '#']) + query.slice(at),
      query.replaceAll('{', '(').replace(/\)/, '}'),
      '{'.repeat(r.int(1, 20_000)),
      `query Q { ${'}'.repeat(r.int(1, 100))}`,
      `{ __typename @${r.pick(['skip', 'include', 'nope', 'deprecated'])}(if: ${r.pick(['$undefined', '5', '"x"'])}) }`,
      'fragment A on Query { ...A } { ...A }',
      `{ ${Array.from({ length: r.int(10, 3000) }, (_, i) => `field${i}`).join(' ')} }`,
      `{ __typename(${'a: 1, '.repeat(r.int(1, 2000))}) }`,
      `"""${r.pick(HOSTILE_STRINGS)}`,
      r.pick(HOSTILE_STRINGS),
      '{ case(id: "\\uD800") { id } }',
      '\u0000{ __typename }',
      'query ($x: Int = "text") { __typename }',
      '{ __schema { types { name } } } extra',
    ]);
  }

  private batched(target: FuzzTarget): Partial<FuzzRequest> {
    const one = () => {
      const { query, variables } = this.generated(this.valid, target, realPicker(this.real));
      return { query, variables };
    };
    const r = this.random;
    const body = r.pick([[], [one()], [one(), one()], Array.from({ length: 100 }, () => ({ query: '{ __typename }' })), [1, 'two', null], [[one()]]]);
    return { headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
  }

  /** A subscription of the target's query fields (no service has subscriptions), or of nothing at all. */
  private subscription(target: FuzzTarget): string {
    const { query } = this.generated(this.valid, target, realPicker(this.real));
    return this.random.pick([query.replace(/^query\b/, 'subscription'), 'subscription { __typename }', 'subscription S { x }', 'subscription']);
  }

  private operationNames(target: FuzzTarget): Partial<FuzzRequest> {
    const { query, variables } = this.generated(this.valid, target, realPicker(this.real));
    const renamed = query.replace(/^query Generated/, 'query Other');
    return this.random.pick([
      this.post({ query, variables, operationName: 'NoSuchOperation' }),
      this.post({ query: `${query}\n${renamed}`, variables }),
      this.post({ query: '{ __typename } { __typename }' }),
      this.post({ query, variables, operationName: this.random.pick([5, {}, [], '', '\u0000', true]) }),
      this.post({ query: 'query A { __typename } mutation A { __typename }', operationName: 'A' }),
      this.get({ query: `${query}\n${renamed}`, variables }),
    ]);
  }

  private emptyBody(): Partial<FuzzRequest> {
    const r = this.random;
    const body = r.pick(['', ' ', '{}', 'null', '""', '0', '{"query": ""}', '{"query": null}', '{"query": "   "}']);
    return { headers: r.chance(0.8) ? { 'content-type': JSON_TYPE } : {}, body };
  }

  private contentType(target: FuzzTarget): Partial<FuzzRequest> {
    const { query, variables } = this.generated(this.valid, target, realPicker(this.real));
    const r = this.random;
    const json = JSON.stringify({ query, variables });
    const [type, body] = r.pick<[string | undefined, string]>([
      ['text/plain', json],
      ['application/x-www-form-urlencoded', new URLSearchParams({ query }).toString()],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${json}\r\n--x--`],
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
  private mutation(target: FuzzTarget, how: 'coercion' | 'validation' | 'semantic'): { query: string; variables: Record<string, unknown> } | null {
    const paths = mutationPaths(target.schema);
    if (!paths.length) return null;
    const { fields } = this.random.pick(paths);
    const leaf = fields.at(-1)!;
    const pick = hostilePicker(this.real);
    const variables: Record<string, unknown> = {};
    const definitions: string[] = [];
    const args = leaf.args.flatMap((arg, index) => {
      const required = isNonNullType(arg.type);
      if (how === 'validation' && required && index === 0) return [];
      if (!required && !this.random.chance(0.3)) return [];
      const name = `a${index}`;
      definitions.push(`$${name}: ${arg.type.toString()}`);
      variables[name] = inputValue(arg.type, `${leaf.name}.${arg.name}`, pick, this.random);
      return [`${arg.name}: $${name}`];
    });
    if (how === 'validation' && (args.length === leaf.args.length || this.random.chance(0.5))) args.push('noSuchArgument: 1');
    if (how === 'coercion' && definitions.length) {
      const name = this.random.pick(Object.keys(variables));
      const arg = leaf.args[Number(name.slice(1))]!;
      variables[name] = wrongValue(arg.type, this.random);
    }
    const header = definitions.length ? `mutation Fuzz(${definitions.join(', ')})` : 'mutation Fuzz';
    return { query: `${header} ${selectionFor(fields, (field) => (field === leaf && args.length ? `(${args.join(', ')})` : ''))}`, variables };
  }

  /**
   * A submission that would create a case if it ran (a real item of the department, a well-formed
   * applicant), for the department's subgraph or through the gateway; null elsewhere. Sent only
   * over GET, which must refuse every mutation.
   */
  private validSubmit(target: FuzzTarget): { query: string; variables: Record<string, unknown> } | null {
    const itemId = this.real.itemIds.length ? this.random.pick(this.real.itemIds) : undefined;
    const [department, itemCode] = itemId?.split(':') ?? [];
    if (!department || !itemCode || (target.name !== department && target.name !== this.targets[0]!.name)) return null;
    const input = {
      idempotencyKey: `fuzz-get-${this.random.digits(12)}`,
      itemCode,
      applicant: { kind: 'ENTERPRISE', name: '临江恒通建设工程有限公司', idNumber: '91330100MA2H3K4L5X' },
      actor: 'staff-3',
    };
    return { query: `mutation($input: SubmitApplicationInput!) { ${department} { submit(input: $input) { id } } }`, variables: { input } };
  }

  /** Nesting as deep as a client can write: a valid chain of one-item fields, thousands of aliases, a fragment bomb, nonsense thousands deep. */
  private deep(target: FuzzTarget): string {
    const r = this.random;
    switch (r.int(0, 4)) {
      case 0:
        return deepPath(target.schema, r.int(8, 25), this.real, r);
      case 1:
        return `{ ${Array.from({ length: r.pick([1000, 5000]) }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      case 2: {
        const levels = r.pick([16, 32]);
        const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on ${target.schema.getQueryType()!.name} { ...F${i + 1} ...F${i + 1} }`);
        return `{ ...F0 } ${fragments.join(' ')} fragment F${levels} on ${target.schema.getQueryType()!.name} { a: __typename b: __typename }`;
      }
      case 3: {
        const depth = r.pick([100, 1000, 5000]);
        return `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`;
      }
      default: {
        const depth = r.int(20, 80);
        return `{ __type(name: "Query") { ${'ofType { '.repeat(depth)}name${' }'.repeat(depth)} } }`;
      }
    }
  }
}

/** `{ housing { submit(…) { __typename } } }`: the fields nested, the last one with its arguments. */
function selectionFor(path: GraphQLField<unknown, unknown>[], argsOf: (field: GraphQLField<unknown, unknown>) => string): string {
  let inner = '';
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const field = path[i]!;
    const body = inner || (isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '');
    inner = `{ ${field.name}${argsOf(field)} ${body} }`;
  }
  return inner;
}

/** Every mutation a schema offers, with department namespaces (`Mutation.housing`) opened. */
function mutationPaths(schema: GraphQLSchema): MutationPath[] {
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  return Object.values(mutation.getFields()).flatMap((field) => {
    const type = getNamedType(field.type);
    const namespace = isObjectType(type) && !field.args.length && Object.values(type.getFields()).some((f) => f.args.length);
    return namespace ? Object.values(type.getFields()).map((inner) => ({ fields: [field, inner] })) : [{ fields: [field] }];
  });
}

/** A value for an input type: the picker's for scalars, all required and some optional fields of input objects. */
function inputValue(type: GraphQLInputType, coordinate: string, pick: ValuePicker, random: SeededRandom, depth = 0): unknown {
  const named = getNamedType(type);
  if (isListType(isNonNullType(type) ? type.ofType : type)) return [inputValue(named, coordinate, pick, random, depth + 1)];
  if (isInputObjectType(named)) {
    if (depth > 4) return {};
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type) || random.chance(0.3));
    return Object.fromEntries(fields.map((f) => [f.name, inputValue(f.type, `${named.name}.${f.name}`, pick, random, depth + 1)]));
  }
  if (isEnumType(named)) return random.pick(named.getValues()).name;
  const picked = pick(coordinate, named, random);
  if (picked !== undefined) return picked;
  return { Int: 1, Float: 1.5, Boolean: true }[named.name] ?? 'x';
}

/**
 * A valid query `depth` fields deep, each step a field that gives one object (lists only where
 * `first: 1` keeps them to one item), so that depth costs no fan-out; required arguments get real values.
 */
function deepPath(schema: GraphQLSchema, depth: number, real: RealValues, random: SeededRandom): string {
  const pick = realPicker(real);
  const steps: string[] = [];
  let type: GraphQLCompositeType = schema.getQueryType()!;
  for (let i = 0; i < depth; i += 1) {
    if (!isObjectType(type) && !('getFields' in type)) break;
    const candidates = Object.values(type.getFields()).filter((field) => {
      if (field.name.startsWith('_') || !isCompositeType(getNamedType(field.type))) return false;
      const list = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
      const first = field.args.find((a) => a.name === 'first');
      const connection = getNamedType(field.type).name.endsWith('Connection');
      if ((list || connection) && !first) return false;
      return field.args.every((a) => !isNonNullType(a.type) || getNamedType(a.type).name === 'ID' || getNamedType(a.type).name === 'String');
    });
    if (!candidates.length) break;
    const field = random.pick(candidates);
    const args = field.args.flatMap((a) => {
      if (a.name === 'first') return ['first: 1'];
      if (!isNonNullType(a.type)) return [];
      const value = pick(`${type.name}.${field.name}.${a.name}`, getNamedType(a.type) as GraphQLInputType, random) ?? 'x';
      return [`${a.name}: ${JSON.stringify(value)}`];
    });
    steps.push(`${field.name}${args.length ? `(${args.join(', ')})` : ''}`);
    type = getNamedType(field.type) as GraphQLCompositeType;
    // A connection's one item: step through edges { node } to keep walking.
    if (type.name.endsWith('Connection') && 'getFields' in type && type.getFields().edges) {
      steps.push('edges', 'node');
      const edge = getNamedType(type.getFields().edges!.type) as GraphQLCompositeType;
      type = getNamedType((edge as { getFields: () => Record<string, GraphQLField<unknown, unknown>> }).getFields().node!.type) as GraphQLCompositeType;
    }
  }
  return `{ ${steps.map((s) => `${s} {`).join(' ')} __typename ${'} '.repeat(steps.length)}}`;
}
