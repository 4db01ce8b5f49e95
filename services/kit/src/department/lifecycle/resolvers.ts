import type { DepartmentEntry } from '@onewindow/schema';
import { BadUserInputError } from '@onewindow/runtime';
import type { Prisma } from '../../__generated__/prisma/client.js';
import type { Resolvers } from '../../__generated__/resolvers-types.js';
import type { DepartmentContext } from '../context.js';
import type { CaseRow } from '../parents.js';
import { chinaDay, workingDaysBetween } from '../working-days.js';
import {
  acceptChange,
  extensionChange,
  onSpotChange,
  resumeChange,
  runTransition,
  submitApplication,
  supplementChange,
  type TransitionRequest,
} from './engine.js';
import type { TransitionName } from './transitions.js';
import { denialSchema, extendSchema, parseInput, submitSchema, supplementSchema, suspendSchema, transitionSchema } from './validation.js';
import type { z } from 'zod';

type Change = Awaited<ReturnType<typeof acceptChange>>;
type Rule<R> = (row: CaseRow, tx: Prisma.TransactionClient, now: Date, request: R) => Change | Promise<Change>;

/** A mutation resolver for one transition: validates the input, then runs the rule inside the engine. */
function transition<S extends z.ZodType>(department: DepartmentEntry, name: TransitionName, schema: S, rule: Rule<z.infer<S>>) {
  return async (_: unknown, { input }: { input: unknown }, context: DepartmentContext) => {
    const request = parseInput(schema, input) as z.infer<S> & TransitionRequest & Record<string, unknown>;
    return runTransition(context.db, department, name, request, context.now, (row, tx) => rule(row, tx, context.now, request));
  };
}

const unchanged: Change = { data: {}, event: {} };

/** The case lifecycle of one department, as the template's mutation resolvers. */
export function lifecycleResolvers(department: DepartmentEntry): Pick<Resolvers, 'TemplateMutation' | 'Mutation'> {
  const concluded = (now: Date): Change => ({ data: { concludedAt: now, suspendedAt: null }, event: {} });
  /** A decision on the merits records how long it took in working days, suspensions excluded. */
  const decided = (row: CaseRow, now: Date): Change['data'] => ({
    concludedAt: now,
    workingDaysToConclude: row.acceptedAt ? Math.max(0, workingDaysBetween(row.acceptedAt, now) - row.suspendedDays) : null,
  });
  const denial: Rule<z.infer<typeof denialSchema>> = (row, _tx, now, request) => ({
    data: { ...(row.acceptedAt ? decided(row, now) : { concludedAt: now }), denialReason: request.reason, denialLegalBasis: request.legalBasis },
    event: { reason: request.reason, legalBasis: request.legalBasis },
  });
  const resolvers = {
    submit: async (_: unknown, { input }: { input: unknown }, context: DepartmentContext) =>
      submitApplication(context.db, department, parseInput(submitSchema, input), context.now, context.applicantSecret),
    requestSupplement: transition(department, 'requestSupplement', supplementSchema, (row, tx, now, request) =>
      supplementChange(row, tx, now, request.missingMaterials),
    ),
    // A resubmission is a new receipt: the §32 period runs again from it.
    resubmit: transition(department, 'resubmit', transitionSchema, (_row, _tx, now) => ({ data: { receivedAt: now }, event: {} })),
    accept: transition(department, 'accept', transitionSchema, (row, tx, now) => acceptChange(row, tx, now)),
    notAccept: transition(department, 'notAccept', denialSchema, denial),
    startReview: transition(department, 'startReview', transitionSchema, () => unchanged),
    suspend: transition(department, 'suspend', suspendSchema, (_row, _tx, now, request) => {
      if (request.expectedEnd <= now) {
        throw new BadUserInputError(`expectedEnd (${chinaDay(request.expectedEnd)}) must be in the future.`, { field: 'expectedEnd' });
      }
      return {
        data: { suspendedAt: now },
        event: {
          reason: request.reason,
          procedure: request.procedure,
          expectedEnd: request.expectedEnd,
          ...(request.legalBasis ? { legalBasis: request.legalBasis } : {}),
        },
      };
    }),
    resume: transition(department, 'resume', transitionSchema, (row, _tx, now) => resumeChange(row, now)),
    approve: transition(department, 'approve', transitionSchema, (row, _tx, now) => ({ data: decided(row, now), event: {} })),
    deny: transition(department, 'deny', denialSchema, denial),
    withdraw: transition(department, 'withdraw', transitionSchema, (_row, _tx, now) => concluded(now)),
    approveOnSpot: transition(department, 'approveOnSpot', transitionSchema, (row, tx, now) => onSpotChange(row, tx, now)),
    extendDeadline: transition(department, 'extendDeadline', extendSchema, (row, _tx, now, request) => extensionChange(row, now, request)),
  };
  return {
    TemplateMutation: resolvers as unknown as Resolvers['TemplateMutation'],
    Mutation: { template: () => ({}) },
  };
}
