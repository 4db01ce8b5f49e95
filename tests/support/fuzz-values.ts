/**
 * Hostile values for fuzzing: forged IDs and cursors, edge and overflowing numbers, strings with
 * NUL bytes, unicode and injection attempts, and values of the wrong type for a GraphQL input type.
 * None of the strings contains the words the fuzz test looks for as leaks (SQL keywords, "prisma",
 * file paths), so an error that echoes the input back is not mistaken for one.
 */
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';
import { departments } from '../../schema/src/index.js';
import type { SeededRandom } from '../../services/kit/src/department/random.js';
import type { ValuePicker } from './query-generator.js';

/** Real values read from the running federation, so that some fuzzed values are almost right. */
export interface RealValues {
  /** Global IDs of every kind: cases, items, windows, staff, applicants. */
  ids: string[];
  /** Cursors seen in answers, from every list, order and filter. */
  cursors: string[];
  /** Item IDs (`housing:<code>`): the department and its item code. */
  itemIds: string[];
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Strings no service expects; each must be refused or stored as it is, never crash a service. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(64),
  '\t\r\n\v\f\u0007',
  '一窗受理，并联审批'.repeat(40),
  '\u202eRTL\u202c\u0301\u0338',
  '😀👩‍👩‍👧‍👦🇨🇳',
  '\uFFFF\uFFFE\uFEFF',
  "' OR 1=1 --",
  '"; DROP TABLE "Case"; --',
  '%s%n%x%d',
  '../../../../etc/passwd',
  '${jndi:ldap://127.0.0.1/x}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  'x'.repeat(10_000),
  '９１３３０１００ＭＡ２Ｈ３Ｋ４Ｌ５Ｘ',
];

/** Not a case number: past 32 bits, past 2^53, exponents, signs, fractions, hex, spaces, full-width digits. */
const HUGE_NUMBERS = ['99999999', '2147483648', '9007199254740993', '1e20', '-1', '0', '1.5', '0x10', ' 1', '１２', ''];

/** An ID that is not one: wrong owner, out-of-range or malformed number, decorated real ID, random base64. */
export function forgedId(random: SeededRandom, real: RealValues): string {
  const owner = random.pick([...departments.map((d) => d.code), 'center', 'hub', 'police', '']);
  const existing = real.ids.length ? random.pick(real.ids) : 'housing:1';
  switch (random.int(0, 7)) {
    case 0:
    case 1:
      return `${owner}:${random.pick(HUGE_NUMBERS)}`;
    case 2:
      return random.pick([
        `${existing}\u0000`,
        `${existing} `,
        existing.toUpperCase(),
        `${existing}:1`,
        existing.replace(':', '::'),
      ]);
    case 3:
      return Buffer.from(Array.from({ length: random.int(1, 40) }, () => random.int(0, 255))).toString('base64');
    case 4:
      return random.pick([':', '::', 'housing:', 'center:W99', `center:${'W'.repeat(1000)}`, 'center:S-1']);
    case 5:
      return `${owner}:${random.pick(HOSTILE_STRINGS)}`;
    default:
      return `${existing.split(':')[0]}:${Number(existing.split(':')[1] ?? 0) + random.int(100_000, 10_000_000)}`;
  }
}

/** JSON that decodes but means nothing, to put inside a cursor. */
function forgedPayload(random: SeededRandom, real: RealValues): string {
  const inner = random.pick([...['[null,-1]', '["9999-99-99",1e400]', '"x"', '{}'].map(base64url), '!!', '']);
  return random.pick([
    '{}',
    '[]',
    'null',
    '1e400',
    '"text"',
    `{"order":"SUBMITTED_AT:DESC","filter":"x","after":{"housing":"${inner}"},"done":[]}`,
    `{"order":"DEADLINE:ASC","filter":"","after":{"police":"${inner}"},"done":["housing","housing"]}`,
    `{"order":"NUMBER:ASC","after":{"tax":${JSON.stringify(real.ids[0] ?? 'x')}},"done":{}}`,
    `{"id":-1,"key":"${'9'.repeat(400)}"}`,
    `${'['.repeat(2000)}${']'.repeat(2000)}`,
    JSON.stringify({ order: random.pick(HOSTILE_STRINGS), after: { housing: random.pick(HOSTILE_STRINGS) } }),
  ]);
}

/**
 * A cursor that is not one: random bytes, decodable nonsense, a damaged real cursor, a real
 * cursor with an inner value swapped, or a real cursor of another list, order or filter.
 */
export function forgedCursor(random: SeededRandom, real: RealValues): string {
  const existing = real.cursors.length ? random.pick(real.cursors) : base64url('{}');
  switch (random.int(0, 5)) {
    case 0:
      return Buffer.from(Array.from({ length: random.int(0, 200) }, () => random.int(0, 255))).toString('base64url');
    case 1:
    case 2:
      return base64url(forgedPayload(random, real));
    case 3: {
      const at = random.int(0, Math.max(0, existing.length - 1));
      const replaced = `${existing.slice(0, at)}${random.pick(['*', '=', 'A', '\u0000'])}${existing.slice(at + 1)}`;
      return random.pick([existing.slice(0, at), replaced, `${existing}==`]);
    }
    case 4: {
      // A real cursor with one of its department positions replaced: decodes, has the right shape, lies.
      const decoded = Buffer.from(existing, 'base64url').toString('utf8');
      return base64url(decoded.replace(/"([A-Za-z0-9_-]{8,})"/, () => `"${base64url(forgedPayload(random, real))}"`));
    }
    default:
      return existing; // a real cursor, usually from another list, order or filter than the one it is given to
  }
}

const INT_EDGES = [0, -1, 1, 2147483647, -2147483648, 500, 501, 100_000];
const FLOAT_EDGES = [0, -0, 1e308, -1e308, 5e-324, 0.1];
const DATE_EDGES = [
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2026-10-01T00:00:00+14:00',
];

/** An `_Any` entity representation, for a subgraph's `_entities` field: forged, misshapen or of an unknown type. */
function forgedRepresentation(random: SeededRandom, real: RealValues): unknown {
  const type = random.pick(['HousingCase', 'TaxCase', 'MarketItem', 'HousingDepartment', 'Query', 'Nope', '']);
  return random.pick([
    { __typename: type, id: forgedId(random, real) },
    { __typename: type, id: random.pick(real.ids.length ? real.ids : ['housing:1']) },
    { __typename: type, code: random.pick(HOSTILE_STRINGS) },
    { __typename: type },
    {},
    'text',
    5,
    null,
  ]);
}

/**
 * A ValuePicker (for the query generator) that gives every scalar argument an edge or hostile
 * value of its own type: the query stays valid GraphQL, its values are what no client should send.
 */
export function hostilePicker(real: RealValues): ValuePicker {
  return (coordinate, type, random) => {
    if (!isLeafType(type) || isEnumType(type)) return undefined;
    const argument = coordinate.split('.').at(-1)!;
    switch (type.name) {
      case 'ID':
        return forgedId(random, real);
      case 'String':
        if (argument === 'after') return forgedCursor(random, real);
        return random.chance(0.3) ? forgedId(random, real) : random.pick(HOSTILE_STRINGS);
      case 'Int':
        return random.pick(INT_EDGES);
      case 'Float':
        return random.pick(FLOAT_EDGES);
      case 'DateTime':
        return random.pick(DATE_EDGES);
      case '_Any':
        return forgedRepresentation(random, real);
      default:
        return undefined;
    }
  };
}

/** A ValuePicker that gives arguments real values (existing IDs, cursors, item codes) most of the time. */
export function realPicker(real: RealValues): ValuePicker {
  return (coordinate, type, random) => {
    if (!isScalarType(type)) return undefined;
    const argument = coordinate.split('.').at(-1)!;
    if (argument === 'after' && real.cursors.length) return random.chance(0.7) ? random.pick(real.cursors) : undefined;
    if (type.name === 'ID' && real.ids.length) return random.chance(0.85) ? random.pick(real.ids) : undefined;
    if (/itemCode/i.test(argument) && real.itemIds.length) return random.pick(real.itemIds).split(':')[1];
    if (argument === 'code' || argument === 'department') return random.pick(departments).code;
    if (type.name === '_Any') return { __typename: 'HousingCase', id: random.pick([...real.ids, 'housing:1']) };
    return undefined;
  };
}

/**
 * A JSON value the input type cannot accept: overflowing or fractional Ints, strings for numbers,
 * objects for scalars, unknown enum values and fields, null for non-null.
 */
export function wrongValue(type: GraphQLInputType, random: SeededRandom): unknown {
  if (isNonNullType(type) && random.chance(0.2)) return null;
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    return random.chance(0.5) ? [wrongValue(nullable.ofType as GraphQLInputType, random)] : { not: 'a list' };
  }
  if (isEnumType(nullable)) return random.pick(['NOT_A_VALUE', 5, '', 'housing', { value: 1 }]);
  if (isInputObjectType(nullable)) return random.pick(['text', 5, [], { noSuchField: 1 }, [{ noSuchField: 1 }]]);
  switch (nullable.name) {
    case 'Int':
      return random.pick([2147483648, -2147483649, 1e20, 1.5, '12', true, {}, [1, 2], 2 ** 60]);
    case 'Float':
      return random.pick(['1.5', true, {}, 'Infinity', [1.5]]);
    case 'Boolean':
      return random.pick(['true', 1, 0, {}, 'yes']);
    case 'ID':
      return random.pick([1.5, true, {}, [[1]], { id: 'housing:1' }]);
    case 'DateTime':
      return random.pick(['yesterday', 5, '2026-13-45T99:99:99Z', {}, '', '\u0000']);
    default:
      return random.pick([5, true, {}, [[]], 1.5]);
  }
}
