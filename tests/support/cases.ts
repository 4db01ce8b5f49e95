/**
 * Cases made and moved the way window staff and officers do it, for the end-to-end tests: find an
 * item, submit an application, take a transition or walk a case to a status through the state
 * machine (the kit's TRANSITIONS table). Each works against a department's own subgraph
 * (`mutation { housing { accept(...) } }`) or through a gateway with the hub's routed mutations
 * (`mutation { accept(...) }`), whichever the test is about. Each acts as the person who would:
 * window staff submit, the department's officer takes the steps (a chief representative decides
 * on the spot), unless the test says who (`as`). Every answer must be free of errors; a test
 * about a refusal sends its request itself.
 */
import { randomUUID } from 'node:crypto';
import { findDepartment } from '../../schema/src/index.js';
import { TRANSITIONS, TRANSITION_NAMES, type TransitionName } from '../../services/kit/src/index.js';
import { parseGlobalId } from '../../services/runtime/src/ids.js';
import { person, type Applicant } from './applicants.js';
import { query } from './graphql.js';
import { WINDOW, chiefOf, headersFor, officerOf, type Caller } from './callers.js';

/**
 * Where lifecycle mutations go. With `department`, its own namespaced fields, at its subgraph or
 * through a gateway; without, the hub's routed fields through a gateway.
 */
export interface CaseTarget {
  url: string;
  department?: string;
}

/** A department's own lifecycle mutations, at `url` (its subgraph, or a gateway that composes it). */
export const atDepartment = (department: string, url: string): CaseTarget => ({ url, department });

/** The hub's routed lifecycle mutations, through the gateway at `url`: the IDs say which department. */
export const throughHub = (url: string): CaseTarget => ({ url });

/** An approval item (审批事项) of a department's catalog. */
export interface Item {
  id: string;
  code: string;
  department: string;
  name: string;
  kind: string;
  committedLimitDays: number;
  materials: string[];
}

/** A case as the last mutation returned it: each step returns a new one, the old one stays as it was. */
export interface CaseState {
  /** The concrete type that answered (`HousingCase`...). */
  typename: string;
  id: string;
  /** The department that answered for the case. */
  department: string;
  number: string;
  status: string;
  version: number;
  deadline: string | null;
  overdue: boolean;
  /** The code on the applicant's receipt (远程查询); null for a caller who may not see it. */
  verificationCode: string;
  item: { code: string; kind: string; materials: string[] };
}

const ITEM_FIELDS = 'id code name kind committedLimitDays materials { name }';
/** The department's own fields of its case type; through the hub, asked on that concrete type. */
const OWN_FIELDS = 'version verificationCode item { code kind materials { name } }';
const CASE_FIELDS = '__typename id number status deadline overdue department { code }';

interface ItemNode extends Omit<Item, 'materials' | 'department'> {
  materials: { name: string }[];
}

/** Every item of a department, optionally of one kind. Through the hub, `department` names it. */
export async function listItems(
  target: CaseTarget,
  filter: { department?: string; kind?: string } = {},
): Promise<Item[]> {
  const department = target.department ?? filter.department;
  if (!department) throw new Error('listItems through the hub needs the department');
  const variables = {
    filter: {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(target.department ? {} : { departments: [department] }),
    },
  };
  const items = `items(filter: $filter, first: 200) { edges { node { ${ITEM_FIELDS} } } }`;
  const text = target.department
    ? `query($filter: ItemFilter) { ${department} { ${items} } }`
    : `query($filter: ItemFilter) { ${items} }`;
  // The catalog is public: no identity.
  const data = await query(target.url, text, variables);
  const connection = (target.department ? data[department].items : data.items) as { edges: { node: ItemNode }[] };
  return connection.edges.map(({ node }) => ({ ...node, department, materials: node.materials.map((m) => m.name) }));
}

/** The first item that fits: of a kind, and whatever else `where` asks (materials to send back, a limit...). */
export async function findItem(
  target: CaseTarget,
  filter: { department?: string; kind?: string; where?: (item: Item) => boolean } = {},
): Promise<Item> {
  const found = (await listItems(target, filter)).find(filter.where ?? (() => true));
  if (found) return found;
  const asked = { department: target.department ?? filter.department, kind: filter.kind };
  throw new Error(`no item fits ${JSON.stringify(asked)}`);
}

interface CaseNode {
  __typename: string;
  id: string;
  department: { code: string };
  number: string;
  status: string;
  deadline: string | null;
  overdue: boolean;
  version: number;
  verificationCode: string;
  item: { code: string; kind: string; materials: { name: string }[] };
}

const stateOf = ({ __typename, department, item, ...node }: CaseNode): CaseState => ({
  ...node,
  typename: __typename,
  department: department.code,
  item: { code: item.code, kind: item.kind, materials: item.materials.map((m) => m.name) },
});

/**
 * Asks `field` of the department's own root (`{ housing { case(id: $id) {...} } }`) or of the hub's
 * (`{ case(id: $id) { ... on HousingCase {...} } }`), and returns the case it answers with.
 */
async function ask(
  target: CaseTarget,
  department: string,
  operation: string,
  field: { name: string; args: string },
  variables: Record<string, unknown>,
  caller: Caller,
): Promise<CaseState> {
  const asked = `${field.name}${field.args}`;
  const headers = await headersFor(caller);
  if (target.department) {
    const text = `${operation} { ${department} { ${asked} { ${CASE_FIELDS} ${OWN_FIELDS} } } }`;
    return stateOf((await query(target.url, text, variables, headers))[department][field.name]);
  }
  const prefix = findDepartment(department)?.prefix;
  if (!prefix) throw new Error(`no department "${department}"`);
  const text = `${operation} { ${asked} { ${CASE_FIELDS} ... on ${prefix}Case { ${OWN_FIELDS} } } }`;
  return stateOf((await query(target.url, text, variables, headers))[field.name]);
}

/** Sends one lifecycle mutation (`submit` or a transition) as `caller` and returns the case it answers with. */
const send = (
  target: CaseTarget,
  department: string,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  caller: Caller,
) => ask(target, department, `mutation($input: ${inputType}!)`, { name, args: '(input: $input)' }, { input }, caller);

/**
 * A case as its department has it now, read by its officer unless `as` says who: to go on with a
 * case the test did not make (a joint application's part).
 */
export const readCase = (target: CaseTarget, id: string, as?: Caller): Promise<CaseState> => {
  const { department } = parseGlobalId(id);
  const variables = { id };
  return ask(
    target,
    department,
    'query($id: ID!)',
    { name: 'case', args: '(id: $id)' },
    variables,
    as ?? officerOf(department),
  );
};

/** A new idempotency key: every request of these builders is a new one unless the test gives its own. */
const newKey = () => `kit-${randomUUID()}`;

export interface Submission {
  /** The item: from findItem, or its global ID (`housing:000140001000`). */
  item: Item | string;
  /** Who applies; a person named 李四 unless given (see applicants.ts). */
  applicant?: Applicant;
  /** Who submits it; window staff (WINDOW) unless given. */
  as?: Caller;
  key?: string;
  note?: string;
  jointApplicationId?: string;
}

/** Submits an application (收件) and returns the new case, SUBMITTED. */
export async function submitCase(target: CaseTarget, submission: Submission): Promise<CaseState> {
  const itemId = typeof submission.item === 'string' ? submission.item : submission.item.id;
  const { department, localId: itemCode } = parseGlobalId(itemId);
  const common = {
    idempotencyKey: submission.key ?? newKey(),
    applicant: submission.applicant ?? person(),
    ...(submission.note ? { note: submission.note } : {}),
    ...(submission.jointApplicationId ? { jointApplicationId: submission.jointApplicationId } : {}),
  };
  if (target.department && target.department !== department) {
    throw new Error(`${itemId} is not an item of ${target.department}`);
  }
  const caller = submission.as ?? WINDOW;
  return target.department
    ? send(target, department, 'submit', 'SubmitApplicationInput', { ...common, itemCode }, caller)
    : send(target, department, 'submitApplication', 'RoutedSubmitInput', { ...common, itemId }, caller);
}

const YEAR_MS = 365 * 86_400_000;

/** 否定报备: what a refusal or a denial says when the test does not care which reason. */
export const DENIAL = { reason: '申请人不符合法定条件', legalBasis: '《中华人民共和国行政许可法》第三十八条第二款' };

/**
 * What a transition needs besides the case, when the test does not say: the case's first material
 * for a one-time notice, a reason and basis for a refusal, an expert review for a suspension (ending
 * a year from now, so still ahead of a clock a test moves on), an approved extension.
 */
export function transitionDefaults(name: TransitionName, materials: readonly string[] = []): Record<string, unknown> {
  switch (TRANSITIONS[name].inputType) {
    case 'RequestSupplementInput':
      return { missingMaterials: materials.slice(0, 1) };
    case 'DenialInput':
      return DENIAL;
    case 'SuspendInput':
      return {
        procedure: 'EXPERT_REVIEW',
        reason: '组织专家评审',
        expectedEnd: new Date(Date.now() + YEAR_MS).toISOString(),
      };
    case 'ExtendDeadlineInput':
      return { approvedBy: '局长 李明', reason: '需补充核查现场条件。' };
    default:
      return {};
  }
}

export interface StepOptions {
  /**
   * Who acts: the department's officer unless given, or for a decision on the spot a chief
   * representative authorized for the item (stepCaller).
   */
  as?: Caller;
  key?: string;
}

/** Who takes a step when the test does not say: the department's officer; a chief for approveOnSpot. */
export const stepCaller = (current: CaseState, name: TransitionName): Caller =>
  name === 'approveOnSpot' ? chiefOf(current.department, [current.item.code]) : officerOf(current.department);

/**
 * Takes one transition on the case's current version; `input` adds to or replaces the defaults
 * (transitionDefaults). Returns the case as the department answers.
 */
export async function step(
  target: CaseTarget,
  current: CaseState,
  name: TransitionName,
  input: Record<string, unknown> = {},
  options: StepOptions = {},
): Promise<CaseState> {
  const request = {
    idempotencyKey: options.key ?? newKey(),
    caseId: current.id,
    expectedVersion: current.version,
    ...transitionDefaults(name, current.item.materials),
    ...input,
  };
  const caller = options.as ?? stepCaller(current, name);
  return send(target, current.department, name, TRANSITIONS[name].inputType, request, caller);
}

export interface WalkOptions extends Omit<StepOptions, 'key'> {
  /** Inputs of particular transitions on the way (a suspension's procedure, say). */
  inputs?: Partial<Record<TransitionName, Record<string, unknown>>>;
}

/** Takes the given transitions one after another, each on the version the one before returned. */
export async function walk(
  target: CaseTarget,
  current: CaseState,
  names: readonly TransitionName[],
  options: WalkOptions = {},
): Promise<CaseState> {
  let state = current;
  for (const name of names) state = await step(target, state, name, options.inputs?.[name], options);
  return state;
}

/**
 * The shortest way from one status to another through the state machine, by transitions that
 * change the status. Deciding on the spot is a way only for an immediate item (即办件): the
 * department refuses it for any other.
 */
export function pathTo(from: string, to: string, options: { immediate?: boolean } = {}): TransitionName[] {
  const moves: { name: TransitionName; from: readonly string[]; to: string }[] = TRANSITION_NAMES.flatMap((name) => {
    const transition = TRANSITIONS[name];
    if (transition.to === null || (name === 'approveOnSpot' && !options.immediate)) return [];
    return [{ name, from: transition.from, to: transition.to }];
  });
  const paths = new Map<string, TransitionName[]>([[from, []]]);
  for (const [status, path] of paths) {
    if (status === to) return path;
    for (const move of moves) {
      if (move.from.includes(status) && !paths.has(move.to)) paths.set(move.to, [...path, move.name]);
    }
  }
  throw new Error(`no way from ${from} to ${to} in the case state machine`);
}

/** Walks the case to `status` by the shortest way (pathTo), with default inputs unless `inputs` says. */
export async function walkTo(
  target: CaseTarget,
  current: CaseState,
  status: string,
  options: WalkOptions = {},
): Promise<CaseState> {
  const path = pathTo(current.status, status, { immediate: current.item.kind === 'IMMEDIATE' });
  return walk(target, current, path, options);
}
