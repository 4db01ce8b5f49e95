/**
 * Generates valid read queries from a schema, seeded: the same seed gives the same queries.
 *
 * It first aims at coverage: every field of every object and interface type reachable from
 * `Query` (through fields, and through inline fragments on the concrete types behind an
 * interface) is selected by at least one query, reached by a shortest path from the root.
 * Then it keeps generating random queries: random subsets of fields, aliases, `__typename`,
 * inline and named fragments on the concrete department types, arguments as literals or as
 * variables. Argument values come from the caller's `pick` (real IDs, cursors seen in earlier
 * answers) and otherwise from the argument's type.
 */
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
  type GraphQLSchema,
  type GraphQLUnionType,
  parse,
  validate,
} from 'graphql';
import { SeededRandom } from '../../services/kit/src/department/random.js';

export interface GeneratedQuery {
  query: string;
  variables: Record<string, unknown>;
  /** `Type.field` coordinates the query selects. */
  covers: string[];
}

/**
 * Supplies a realistic value for an argument (`Query.case(id:)` → a real case ID), or
 * `undefined` to let the generator make one from the argument's type. `coordinate` is
 * `Type.field.argument`; for input object fields it is `InputType.field`.
 */
export type ValuePicker = (coordinate: string, type: GraphQLInputType, random: SeededRandom) => unknown;

export interface QueryGeneratorOptions {
  seed: number;
  pick?: ValuePicker;
  /** Deepest selection of a random query (coverage paths may go deeper). Default 4. */
  maxDepth?: number;
}

type Composite = GraphQLObjectType | GraphQLInterfaceType;

/** A step from a composite type to the next on the way to a field: a field, or a fragment on a concrete type. */
type Step = { kind: 'field'; field: GraphQLField<unknown, unknown> } | { kind: 'fragment'; type: GraphQLObjectType };

const isComposite = (type: GraphQLNamedType): type is Composite => isObjectType(type) || isInterfaceType(type);
const isInternal = (name: string) => name.startsWith('__') || name.startsWith('join__') || name.startsWith('link__');

/** Fields a client may select on a type (introspection and federation internals left out). */
function fieldsOf(type: Composite): GraphQLField<unknown, unknown>[] {
  return Object.values(type.getFields()).filter((f) => !isInternal(f.name) && !isInternal(getNamedType(f.type).name));
}

/** Every `Type.field` reachable from Query, with the shortest path of steps from Query to its type. */
export function reachableFields(schema: GraphQLSchema): { fields: Set<string>; pathTo: Map<string, Step[]> } {
  const query = schema.getQueryType();
  if (!query) throw new Error('The schema has no Query type');
  const pathTo = new Map<string, Step[]>([[query.name, []]]);
  const queue: Composite[] = [query];
  const fields = new Set<string>();
  while (queue.length) {
    const type = queue.shift()!;
    const path = pathTo.get(type.name)!;
    const next: [Composite, Step][] = [];
    for (const field of fieldsOf(type)) {
      fields.add(`${type.name}.${field.name}`);
      const target = getNamedType(field.type);
      if (isComposite(target)) next.push([target, { kind: 'field', field }]);
    }
    if (isAbstractType(type)) {
      for (const concrete of schema.getPossibleTypes(type)) next.push([concrete, { kind: 'fragment', type: concrete }]);
    }
    for (const [target, step] of next) {
      if (pathTo.has(target.name)) continue;
      pathTo.set(target.name, [...path, step]);
      queue.push(target);
    }
  }
  return { fields, pathTo };
}

/** Builds one query: collects variables and covered coordinates while printing selections. */
class QueryBuilder {
  readonly variables: Record<string, unknown> = {};
  readonly definitions: string[] = [];
  readonly covers = new Set<string>();
  readonly fragments: string[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly random: SeededRandom,
    private readonly pick: ValuePicker,
  ) {}

  /** `(first: 3, filter: $v1)`: required arguments always, optional ones sometimes. */
  arguments(owner: string, field: GraphQLField<unknown, unknown>): string {
    const parts = field.args.flatMap((arg) => {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (!required && !this.random.chance(0.45)) return [];
      const value = this.value(`${owner}.${field.name}.${arg.name}`, arg.type);
      if (value === undefined) return [];
      return [`${arg.name}: ${this.asVariableOrLiteral(arg, value)}`];
    });
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private asVariableOrLiteral(arg: GraphQLArgument, value: unknown): string {
    if (!this.random.chance(0.4)) return literal(value, arg.type);
    const name = `v${this.definitions.length}`;
    this.definitions.push(`$${name}: ${arg.type.toString()}`);
    this.variables[name] = value;
    return `$${name}`;
  }

  /** A value of an input type; `undefined` only for a nullable type left out. */
  value(coordinate: string, type: GraphQLInputType, depth = 0): unknown {
    const picked = this.pick(coordinate, type, this.random);
    if (picked !== undefined) return picked;
    if (isNonNullType(type)) return this.value(coordinate, type.ofType, depth) ?? this.fallback(type.ofType);
    if (isListType(type)) {
      const items = Array.from({ length: this.random.int(1, 3) }, () =>
        this.value(coordinate, type.ofType as GraphQLInputType, depth + 1),
      );
      return items.filter((v) => v !== undefined);
    }
    if (isEnumType(type)) return this.random.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      if (depth > 3) return undefined;
      const out: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const required = isNonNullType(field.type) && field.defaultValue === undefined;
        if (!required && !this.random.chance(0.3)) continue;
        const value = this.value(`${type.name}.${field.name}`, field.type, depth + 1);
        if (value !== undefined) out[field.name] = value;
      }
      return out;
    }
    return this.scalar(type.name);
  }

  private fallback(type: GraphQLInputType): unknown {
    if (isListType(type)) return [];
    if (isInputObjectType(type)) return {};
    return this.scalar(getNamedType(type).name);
  }

  private scalar(name: string): unknown {
    switch (name) {
      case 'Int':
        return this.random.int(1, 12);
      case 'Float':
        return Math.round(this.random.next() * 1000) / 10;
      case 'Boolean':
        return this.random.chance(0.5);
      case 'DateTime':
        return new Date(
          Date.UTC(2026, this.random.int(0, 10), this.random.int(1, 28), this.random.int(0, 23)),
        ).toISOString();
      default:
        return `x${this.random.digits(3)}`;
    }
  }

  /**
   * A random selection set of a composite type: a few fields (nested up to `depth`), sometimes
   * `__typename`, aliases and fragments on the concrete types behind an interface. `must`
   * selections are always included (the path to a coverage target).
   */
  selection(type: Composite, depth: number, must: string[] = [], prefer: Set<string> = new Set()): string {
    const parts: string[] = [...must];
    const fields = fieldsOf(type);
    const wanted = this.random.int(1, Math.min(4, fields.length));
    const preferred = fields.filter((f) => prefer.has(`${type.name}.${f.name}`));
    const ordered = [...preferred, ...shuffle(fields, this.random)];
    const chosen = new Set<string>();
    for (const field of ordered) {
      if (chosen.size >= wanted + Math.min(preferred.length, 6)) break;
      if (chosen.has(field.name)) continue;
      const printed = this.field(type, field, depth, prefer);
      if (printed === null) continue;
      chosen.add(field.name);
      parts.push(printed);
    }
    if (this.random.chance(0.2)) parts.push('__typename');
    if (isAbstractType(type) && depth > 0) {
      for (const concrete of this.schema.getPossibleTypes(type)) {
        if (!this.random.chance(preferredIn(concrete, prefer) ? 0.9 : 0.25)) continue;
        parts.push(this.fragment(concrete, depth, prefer));
      }
    }
    if (!parts.length) parts.push('__typename');
    return `{ ${parts.join(' ')} }`;
  }

  /** `... on HousingCase { … }`, or a named fragment spread now and then. */
  fragment(concrete: GraphQLObjectType, depth: number, prefer: Set<string>, must: string[] = []): string {
    const body = this.selection(concrete, depth, must, prefer);
    if (!this.random.chance(0.25)) return `... on ${concrete.name} ${body}`;
    const name = `F${this.fragments.length}`;
    this.fragments.push(`fragment ${name} on ${concrete.name} ${body}`);
    return `...${name}`;
  }

  /** One field with arguments and, for a composite type, a nested selection; null when too deep. */
  field(
    owner: Composite,
    field: GraphQLField<unknown, unknown>,
    depth: number,
    prefer: Set<string>,
    inner?: string,
  ): string | null {
    const target = getNamedType(field.type);
    if ((isComposite(target) || isUnionType(target)) && depth <= 0 && inner === undefined) return null;
    this.covers.add(`${owner.name}.${field.name}`);
    const alias = this.random.chance(0.12) ? `${field.name}_${this.random.int(1, 99)}: ` : '';
    const args = this.arguments(owner.name, field);
    if (isLeafType(getNullableType(field.type)) || isLeafType(target)) return `${alias}${field.name}${args}`;
    if (isUnionType(target))
      return `${alias}${field.name}${args} ${inner ?? this.unionSelection(target, depth - 1, prefer)}`;
    return `${alias}${field.name}${args} ${inner ?? this.selection(target as Composite, depth - 1, [], prefer)}`;
  }

  /** A union has no fields of its own: `__typename` and fragments on some of its members. */
  unionSelection(union: GraphQLUnionType, depth: number, prefer: Set<string>): string {
    const members = union.getTypes().filter(() => depth > 0 && this.random.chance(0.5));
    return `{ __typename ${members.map((member) => this.fragment(member, depth, prefer)).join(' ')} }`;
  }

  print(body: string): string {
    const header = this.definitions.length ? `query Generated(${this.definitions.join(', ')})` : 'query Generated';
    return [`${header} ${body}`, ...this.fragments].join('\n');
  }
}

function preferredIn(type: Composite, prefer: Set<string>): boolean {
  return Object.keys(type.getFields()).some((name) => prefer.has(`${type.name}.${name}`));
}

function shuffle<T>(values: readonly T[], random: SeededRandom): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A GraphQL literal for a JSON value of the given input type (enums unquoted). */
function literal(value: unknown, type: GraphQLInputType): string {
  const nullable = getNullableType(type);
  if (value === null) return 'null';
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    return `[${items.map((v) => literal(v, nullable.ofType as GraphQLInputType)).join(', ')}]`;
  }
  if (isEnumType(nullable)) return String(value);
  if (isInputObjectType(nullable) && typeof value === 'object') {
    const fields = nullable.getFields();
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${k}: ${literal(v, fields[k]!.type)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** Generates queries one at a time, coverage targets first, then random ones. */
export class QueryGenerator {
  private readonly random: SeededRandom;
  private readonly reach: ReturnType<typeof reachableFields>;
  readonly covered = new Set<string>();
  private readonly pick: ValuePicker;
  private readonly maxDepth: number;

  constructor(
    private readonly schema: GraphQLSchema,
    options: QueryGeneratorOptions,
  ) {
    this.random = new SeededRandom(options.seed);
    this.reach = reachableFields(schema);
    this.pick = options.pick ?? (() => undefined);
    this.maxDepth = options.maxDepth ?? 4;
  }

  /** Every `Type.field` reachable from Query. */
  get reachable(): ReadonlySet<string> {
    return this.reach.fields;
  }

  /** Reachable fields no query has selected yet. */
  uncovered(): string[] {
    return [...this.reach.fields].filter((f) => !this.covered.has(f));
  }

  /** The next query; one that breaks a validation rule (two fields in conflict, say) is made again. */
  next(): GeneratedQuery {
    for (let attempt = 0; ; attempt += 1) {
      const target = this.uncovered()[0];
      const builder = new QueryBuilder(this.schema, this.random, this.pick);
      const body = target
        ? this.towards(builder, target)
        : builder.selection(this.schema.getQueryType()!, this.maxDepth);
      const query = builder.print(body);
      const errors = validate(this.schema, parse(query));
      if (errors.length) {
        if (attempt < 50) continue;
        throw new Error(`No valid query for ${target ?? 'a random query'}: ${errors[0]!.message}\n${query}`);
      }
      for (const coordinate of builder.covers) this.covered.add(coordinate);
      return { query, variables: builder.variables, covers: [...builder.covers] };
    }
  }

  /** A query whose selection walks the shortest path to `target`, with random company on the way. */
  private towards(builder: QueryBuilder, target: string): string {
    const [typeName, fieldName] = target.split('.') as [string, string];
    const steps = this.reach.pathTo.get(typeName)!;
    const prefer = new Set(this.uncovered());
    const owner = this.schema.getType(typeName) as Composite;
    const targetField = owner.getFields()[fieldName]!;
    // Innermost first: the target field, then each step wraps it.
    let selection = builder.selection(owner, 1, [builder.field(owner, targetField, 2, prefer)!], prefer);
    const types = this.typesAlong(steps);
    for (let i = steps.length - 1; i >= 0; i -= 1) {
      const step = steps[i]!;
      const parent = types[i]!;
      const wrapped =
        step.kind === 'fragment'
          ? `... on ${step.type.name} ${selection}`
          : builder.field(parent, step.field, 0, prefer, selection)!;
      selection = builder.selection(parent, 1, [wrapped], prefer);
    }
    return selection;
  }

  /** The composite type each step starts from: Query, then each step's target. */
  private typesAlong(steps: Step[]): Composite[] {
    const types: Composite[] = [this.schema.getQueryType()!];
    for (const step of steps) {
      types.push(step.kind === 'fragment' ? step.type : (getNamedType(step.field.type) as Composite));
    }
    return types;
  }
}

/** `count` queries from a fresh generator: coverage first, then random. */
export function generateQueries(
  schema: GraphQLSchema,
  options: QueryGeneratorOptions & { count: number },
): GeneratedQuery[] {
  const generator = new QueryGenerator(schema, options);
  return Array.from({ length: options.count }, () => generator.next());
}
