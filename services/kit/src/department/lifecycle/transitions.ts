import { SUBMISSION, isTransitionName, type DepartmentEntry, type TransitionName } from '@onewindow/schema';
import { BadUserInputError } from '@onewindow/runtime';
import { LAST_CALENDAR_YEAR } from '../../calendar/statutory.js';
import type { CaseRow } from '../parents.js';
import { addWorkingDays, chinaDay, workingDaysBetween } from '../working-days.js';
import { defineTransition, submitApplication, type Change, type LifecycleContext, type Step } from './engine.js';
import type { Notice } from './notices.js';
import { actingCaller } from '../access/acting.js';
import { guardWrite } from '../access/guard.js';
import { checkSubmittedItem, checkSubmitter } from '../access/writes.js';
import { NOTICE_PERIOD_WORKING_DAYS, noticePeriodEnd } from './periods.js';
import {
  denialSchema,
  extendSchema,
  parseInput,
  submitSchema,
  supplementSchema,
  suspendSchema,
  transitionSchema,
  type TransitionRequest,
} from './validation.js';

export { TRANSITIONS, TRANSITION_NAMES, allowedTransitions, type TransitionName } from '@onewindow/schema';

/**
 * The case lifecycle as one table: for each transition, its declaration (from, to, input type:
 * schema/src/lifecycle.ts) joined to what the kit does with it: the input schema, the rules it
 * checks, the change it writes and the notice it causes. The department's mutation resolvers, the
 * engine and docs/lifecycle.md are driven from it; the table must have every declared transition
 * and nothing else.
 */

/** A decision on the merits records how long it took in working days, suspensions excluded. */
const decided = (row: CaseRow, now: Date): Change['data'] => ({
  concludedAt: now,
  workingDaysToConclude: row.acceptedAt
    ? Math.max(0, workingDaysBetween(row.acceptedAt, now) - row.suspendedDays)
    : null,
});

/** 不予受理 and 不予许可 keep their reason and legal basis on the case, for the refusal notice. */
const refusal = ({ row, now, request }: Step<{ reason: string; legalBasis: string }>): Change => ({
  data: {
    ...(row.acceptedAt ? decided(row, now) : { concludedAt: now }),
    denialReason: request.reason,
    denialLegalBasis: request.legalBasis,
  },
  event: { reason: request.reason, legalBasis: request.legalBasis },
});

/**
 * Acceptance: the clock starts. When the §32 notice period has passed without a notice, the
 * application counts as accepted from receipt, and its deadline runs from then.
 */
async function acceptance({ row, now, item }: Step<TransitionRequest>): Promise<Change> {
  const { committedLimitDays } = await item();
  const deemed = now > noticePeriodEnd(row.receivedAt);
  const acceptedAt = deemed ? row.receivedAt : now;
  return {
    data: { acceptedAt, deemedAccepted: deemed, deadline: addWorkingDays(acceptedAt, committedLimitDays) },
    event: deemed
      ? {
          note:
            `§32: no notice within ${NOTICE_PERIOD_WORKING_DAYS} working days of receipt ` +
            `(${chinaDay(row.receivedAt)}); accepted from receipt`,
        }
      : {},
  };
}

/** The deadline a §42 extension moves; a case without one has nothing to extend. */
function deadlineToExtend({ row, refuse }: Step<TransitionRequest>): Date {
  if (!row.deadline) throw refuse(`Case ${row.number} has no deadline to extend.`);
  return row.deadline;
}

const REFUSAL_NOTICE =
  'the reason, the legal basis and the remedies: 行政复议 within 60 days, 行政诉讼 within 6 months (§38)';

export const LIFECYCLE = {
  requestSupplement: defineTransition('requestSupplement', {
    input: supplementSchema,
    rules: [
      {
        says: 'Once per case: the one-time notice (一次性告知) lists every missing material at once.',
        check: ({ row, refuse }) => {
          if (row.supplementRequestedAt) {
            throw refuse(
              `Case ${row.number} was already sent back on ${chinaDay(row.supplementRequestedAt)}: ` +
                'the one-time notice (一次性告知) must list every missing material at once.',
            );
          }
        },
      },
      {
        says:
          `Within the §32 notice period, ${NOTICE_PERIOD_WORKING_DAYS} working days from receipt; ` +
          'after it the case counts as accepted from receipt.',
        check: ({ row, now, refuse }) => {
          if (now > noticePeriodEnd(row.receivedAt)) {
            throw refuse(
              `The notice period of case ${row.number} ended on ${chinaDay(noticePeriodEnd(row.receivedAt))} ` +
                '(§32: 5 working days from receipt); it counts as accepted from receipt. Accept it instead.',
            );
          }
        },
      },
      {
        says: "Names only materials of the item's own list, by their catalog names (BAD_USER_INPUT otherwise).",
        check: async ({ request, item }) => {
          const { code, materials } = await item();
          const known = new Set(materials.map((m) => m.name));
          const unknown = request.missingMaterials.filter((name) => !known.has(name));
          if (unknown.length) {
            throw new BadUserInputError(
              `Not materials of item ${code}: ${unknown.join('、')}. ` +
                'The notice lists materials by their catalog names.',
              {
                field: 'missingMaterials',
                known: [...known],
              },
            );
          }
        },
      },
    ],
    change: ({ now, request }) => ({
      data: { supplementRequestedAt: now, missingMaterials: JSON.stringify(request.missingMaterials) },
      event: { materials: request.missingMaterials },
    }),
    notice: {
      kind: 'SUPPLEMENT_REQUESTED',
      says: "every missing material, to bring at once to the department's window",
    },
  }),
  resubmit: defineTransition('resubmit', {
    input: transitionSchema,
    rules: [],
    // A resubmission is a new receipt: the §32 period runs again from it.
    change: ({ now }) => ({ data: { receivedAt: now }, event: {} }),
    notice: null,
  }),
  accept: defineTransition('accept', {
    input: transitionSchema,
    rules: [],
    change: acceptance,
    notice: null,
  }),
  notAccept: defineTransition('notAccept', {
    input: denialSchema,
    rules: [],
    change: refusal,
    notice: { kind: 'CONCLUDED', says: `不予受理, with ${REFUSAL_NOTICE}` },
  }),
  startReview: defineTransition('startReview', {
    input: transitionSchema,
    rules: [],
    change: () => ({ data: {}, event: {} }),
    notice: null,
  }),
  suspend: defineTransition('suspend', {
    input: suspendSchema,
    rules: [
      {
        says: 'The procedure is expected to end in the future, within the working-day calendar (BAD_USER_INPUT otherwise).',
        check: ({ request, now }) => {
          if (request.expectedEnd <= now) {
            throw new BadUserInputError(`expectedEnd (${chinaDay(request.expectedEnd)}) must be in the future.`, {
              field: 'expectedEnd',
            });
          }
          // Its working days are counted whenever the event is read (the center's feed among them).
          if (Number(chinaDay(request.expectedEnd).slice(0, 4)) > LAST_CALENDAR_YEAR) {
            throw new BadUserInputError(
              `expectedEnd (${chinaDay(request.expectedEnd)}) is past the working-day calendar, which ends in ${LAST_CALENDAR_YEAR}.`,
              { field: 'expectedEnd' },
            );
          }
        },
      },
    ],
    change: ({ now, request }) => ({
      data: { suspendedAt: now },
      event: {
        reason: request.reason,
        procedure: request.procedure,
        expectedEnd: request.expectedEnd,
        ...(request.legalBasis ? { legalBasis: request.legalBasis } : {}),
      },
    }),
    notice: {
      kind: 'SPECIAL_PROCEDURE',
      says:
        'the procedure, its legal basis and the working days it is expected to take, ' +
        'which do not count toward the limit (§45)',
    },
  }),
  resume: defineTransition('resume', {
    input: transitionSchema,
    rules: [],
    // The deadline moves by the working days spent suspended.
    change: ({ row, now }) => {
      const suspended = row.suspendedAt ? workingDaysBetween(row.suspendedAt, now) : 0;
      return {
        data: {
          suspendedAt: null,
          suspendedDays: row.suspendedDays + suspended,
          deadline: row.deadline && suspended > 0 ? addWorkingDays(row.deadline, suspended) : row.deadline,
        },
        event: { note: `clock stopped for ${suspended} working day(s)` },
      };
    },
    notice: null,
  }),
  approve: defineTransition('approve', {
    input: transitionSchema,
    rules: [],
    change: ({ row, now }) => ({ data: decided(row, now), event: {} }),
    notice: { kind: 'CONCLUDED', says: '已办结：准予许可' },
  }),
  deny: defineTransition('deny', {
    input: denialSchema,
    rules: [],
    change: refusal,
    notice: { kind: 'CONCLUDED', says: `不予许可, with ${REFUSAL_NOTICE}` },
  }),
  withdraw: defineTransition('withdraw', {
    input: transitionSchema,
    rules: [],
    change: ({ now }) => ({ data: { concludedAt: now, suspendedAt: null }, event: {} }),
    notice: { kind: 'CONCLUDED', says: '已撤回' },
  }),
  approveOnSpot: defineTransition('approveOnSpot', {
    input: transitionSchema,
    rules: [
      {
        says: 'Only immediate items (即办件) are decided on the spot.',
        check: async ({ item, refuse }) => {
          const { code, kind } = await item();
          if (kind !== 'IMMEDIATE')
            throw refuse(`Item ${code} is a ${kind} item; only immediate items (即办件) are decided on the spot.`);
        },
      },
    ],
    // 即办件 are accepted and approved at once.
    change: async ({ now, item }) => ({
      data: {
        acceptedAt: now,
        concludedAt: now,
        deadline: addWorkingDays(now, (await item()).committedLimitDays),
        workingDaysToConclude: 0,
      },
      event: {},
    }),
    notice: { kind: 'CONCLUDED', says: '已办结：准予许可' },
  }),
  extendDeadline: defineTransition('extendDeadline', {
    input: extendSchema,
    rules: [
      {
        says: 'Once per case: §42 allows one extension.',
        check: ({ row, refuse }) => {
          if (row.extendedAt) {
            throw refuse(
              `The deadline of case ${row.number} was already extended on ${chinaDay(row.extendedAt)}; ` +
                '§42 allows one extension.',
            );
          }
        },
      },
      {
        says: 'The case has a deadline, and it has not passed: §42 extends a limit only before it runs out.',
        check: (step) => {
          const deadline = deadlineToExtend(step);
          if (step.now > deadline) {
            throw step.refuse(
              `The deadline of case ${step.row.number} passed on ${chinaDay(deadline)}; ` +
                '§42 allows an extension only before the limit runs out.',
            );
          }
        },
      },
    ],
    // The deadline moves by working days on the calendar in force; the event records both deadlines.
    change: (step) => {
      const before = deadlineToExtend(step);
      const deadline = addWorkingDays(before, step.request.workingDays);
      return {
        data: { deadline, extendedAt: step.now },
        event: {
          reason: step.request.reason,
          approvedBy: step.request.approvedBy,
          deadlineBefore: before,
          deadlineAfter: deadline,
        },
      };
    },
    notice: { kind: 'DEADLINE_EXTENDED', says: 'the new deadline, the working days added and the reason (§42)' },
  }),
} satisfies { [N in TransitionName]: { name: N } };

/** The submission creates a case, so it has no status to check; it stands beside the table. */
export const SUBMIT = {
  ...SUBMISSION,
  input: submitSchema,
  notice: null,
  /**
   * Receives an application for the request's verified caller: refused by role before anything is
   * read, for what it claims (an applicant's own name, a service's joint application) before the
   * item is read, and for the item (online only, for applicants) before anything is written.
   */
  perform: (context: LifecycleContext, department: DepartmentEntry, input: unknown): Promise<CaseRow> => {
    guardWrite(context, 'submit');
    const request = parseInput(submitSchema, input);
    checkSubmitter(context.identity, request);
    return submitApplication(context.db, department, request, context.now, context.applicantSecret, {
      acting: actingCaller(context.identity, context.applicantSecret),
      authorizeItem: (item) => checkSubmittedItem(context.identity, item),
      trail: context.audit,
    });
  },
};

/**
 * The notice an event of `action` causes, from the table: null for an action that is not a
 * transition (a submission, a recomputed deadline) or a transition that tells the applicant nothing.
 */
export function noticeOf(action: string): Notice | null {
  return isTransitionName(action) ? LIFECYCLE[action].notice : null;
}
