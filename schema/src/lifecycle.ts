/**
 * The case lifecycle as every package needs it: for each transition, the statuses it may start
 * from, the one it ends in and its input type in the contract; the submission, which creates a
 * case, beside them. The department kit completes each record with its behaviour (input checks,
 * rules, change, notice: services/kit/src/department/lifecycle/transitions.ts), the hub routes
 * one mutation per record, and the department template's TemplateMutation declares exactly these
 * (hub-view.ts refuses to build the hub's SDL otherwise).
 */

/** The contract's CaseStatus values (schema/contract/contract.graphql). */
export type CaseStatusName =
  | 'SUBMITTED'
  | 'SUPPLEMENT_REQUESTED'
  | 'ACCEPTED'
  | 'IN_REVIEW'
  | 'SUSPENDED'
  | 'APPROVED'
  | 'DENIED'
  | 'NOT_ACCEPTED'
  | 'WITHDRAWN';

export interface TransitionDeclaration {
  /** The statuses it may start from; from any other it is INVALID_TRANSITION. */
  from: readonly CaseStatusName[];
  /** The status it ends in; null: the status stays. */
  to: CaseStatusName | null;
  /** Its input type in the contract (schema/contract/lifecycle.graphql). */
  inputType: string;
}

/**
 * The case state machine, one transition per mutation of the department (in the order the
 * template declares them). At the hub each keeps its name and input, routed by the case ID.
 */
export const TRANSITIONS = {
  requestSupplement: { from: ['SUBMITTED'], to: 'SUPPLEMENT_REQUESTED', inputType: 'RequestSupplementInput' },
  resubmit: { from: ['SUPPLEMENT_REQUESTED'], to: 'SUBMITTED', inputType: 'TransitionInput' },
  accept: { from: ['SUBMITTED'], to: 'ACCEPTED', inputType: 'TransitionInput' },
  notAccept: { from: ['SUBMITTED', 'SUPPLEMENT_REQUESTED'], to: 'NOT_ACCEPTED', inputType: 'DenialInput' },
  startReview: { from: ['ACCEPTED'], to: 'IN_REVIEW', inputType: 'TransitionInput' },
  suspend: { from: ['ACCEPTED', 'IN_REVIEW'], to: 'SUSPENDED', inputType: 'SuspendInput' },
  resume: { from: ['SUSPENDED'], to: 'IN_REVIEW', inputType: 'TransitionInput' },
  approve: { from: ['ACCEPTED', 'IN_REVIEW'], to: 'APPROVED', inputType: 'TransitionInput' },
  deny: { from: ['ACCEPTED', 'IN_REVIEW'], to: 'DENIED', inputType: 'DenialInput' },
  // Every open status (the kit's OPEN_STATUSES; a test keeps the two equal).
  withdraw: {
    from: ['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'ACCEPTED', 'IN_REVIEW', 'SUSPENDED'],
    to: 'WITHDRAWN',
    inputType: 'TransitionInput',
  },
  approveOnSpot: { from: ['SUBMITTED'], to: 'APPROVED', inputType: 'TransitionInput' },
  // §42 extends a running clock only: while SUSPENDED nothing runs out, so extend after resume.
  extendDeadline: { from: ['ACCEPTED', 'IN_REVIEW'], to: null, inputType: 'ExtendDeadlineInput' },
} as const satisfies Record<string, TransitionDeclaration>;

export type TransitionName = keyof typeof TRANSITIONS;

export const isTransitionName = (name: string): name is TransitionName => Object.hasOwn(TRANSITIONS, name);

/** Every transition, in the template's order. */
export const TRANSITION_NAMES: readonly TransitionName[] = Object.keys(TRANSITIONS).filter(isTransitionName);

/** Every transition a case in `status` may take next. */
export function allowedTransitions(status: string): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => TRANSITIONS[name].from.some((from) => from === status));
}

/**
 * The submission creates a case, so it has no status to start from. At the hub it is
 * `submitApplication`, and its input names the item by global ID (`housing:000140001000`): that
 * is the route to the department, which receives the item's code instead.
 */
export const SUBMISSION = {
  name: 'submit',
  to: 'SUBMITTED',
  inputType: 'SubmitApplicationInput',
  hubField: 'submitApplication',
  hubInputType: 'RoutedSubmitInput',
} as const;

/** One lifecycle mutation as the hub routes it. */
export interface RoutedMutation {
  /** Its name at the hub, and the department's. */
  hubField: string;
  departmentField: string;
  /** Its input type at the hub, and the department's. */
  inputType: string;
  departmentInputType: string;
  /** The input field whose global ID names the department: the case's, or the item's for a submission. */
  routeBy: 'caseId' | 'itemId';
}

/** The hub's mutations: the submission, then one per transition. */
export const routedMutations: readonly RoutedMutation[] = [
  {
    hubField: SUBMISSION.hubField,
    departmentField: SUBMISSION.name,
    inputType: SUBMISSION.hubInputType,
    departmentInputType: SUBMISSION.inputType,
    routeBy: 'itemId',
  },
  ...TRANSITION_NAMES.map((name): RoutedMutation => ({
    hubField: name,
    departmentField: name,
    inputType: TRANSITIONS[name].inputType,
    departmentInputType: TRANSITIONS[name].inputType,
    routeBy: 'caseId',
  })),
];
