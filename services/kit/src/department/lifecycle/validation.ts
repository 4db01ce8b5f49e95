import { z } from 'zod';
import { BadUserInputError, fitsApplicantKind } from '@onewindow/runtime';
import { EXTENSION_MAX_WORKING_DAYS } from './periods.js';
import { SPECIAL_PROCEDURE_LABELS } from './labels.js';

const MAX_NOTE = 2000;

const text = (field: string, max: number) =>
  z.string().trim().min(1, `${field} must not be empty`).max(max, `${field} must be at most ${max} characters`);

const idempotencyKey = text('idempotencyKey', 200);
const note = z.string().max(MAX_NOTE, `note must be at most ${MAX_NOTE} characters`).nullish();

export const submitSchema = z
  .object({
    idempotencyKey,
    itemCode: text('itemCode', 64),
    note,
    applicant: z.object({
      kind: z.enum(['PERSON', 'ENTERPRISE']),
      name: text('applicant.name', 100),
      idNumber: z.string().trim().toUpperCase(),
    }),
    jointApplicationId: z
      .string()
      .regex(/^center:J\d+$/, 'must be a joint application ID of the center, like center:J3')
      .nullish(),
  })
  .superRefine((input, ctx) => {
    if (!fitsApplicantKind(input.applicant.kind, input.applicant.idNumber)) {
      ctx.addIssue({
        code: 'custom',
        path: ['applicant', 'idNumber'],
        message:
          input.applicant.kind === 'PERSON'
            ? 'a person needs an 18-character resident ID number'
            : 'an enterprise needs an 18-character unified social credit code',
      });
    }
  })
  .describe('A person with a resident ID number or an enterprise with a unified social credit code.');

/** A new application, checked. */
export type SubmitRequest = z.output<typeof submitSchema>;

const transitionFields = {
  idempotencyKey,
  caseId: text('caseId', 100),
  expectedVersion: z.number().int().min(1),
  note,
};

export const transitionSchema = z.object(transitionFields);

/** What every transition's checked input carries. */
export type TransitionRequest = z.output<typeof transitionSchema>;

export const supplementSchema = z
  .object({
    ...transitionFields,
    missingMaterials: z
      .array(text('a material name', 200))
      .min(1, 'the one-time notice must list at least one missing material')
      .max(50)
      .refine((names) => new Set(names).size === names.length, 'a material is listed twice'),
  })
  .describe('1 to 50 missing materials, none twice.');

export const denialSchema = z
  .object({
    ...transitionFields,
    reason: text('reason', MAX_NOTE),
    legalBasis: text('legalBasis', 500),
  })
  .describe('A reason and a legal basis (否定报备).');

const PROCEDURES = Object.keys(SPECIAL_PROCEDURE_LABELS) as [
  keyof typeof SPECIAL_PROCEDURE_LABELS,
  ...(keyof typeof SPECIAL_PROCEDURE_LABELS)[],
];

/** §45's procedures stand on §45; any other (OTHER) must name the law or regulation that allows it. */
export const suspendSchema = z
  .object({
    ...transitionFields,
    procedure: z.enum(PROCEDURES),
    legalBasis: text('legalBasis', 500).nullish(),
    reason: text('reason', MAX_NOTE),
    expectedEnd: z.date(),
  })
  .superRefine((input, ctx) => {
    if (input.procedure === 'OTHER' && !input.legalBasis) {
      ctx.addIssue({
        code: 'custom',
        path: ['legalBasis'],
        message: 'a procedure other than those of 行政许可法 §45 needs the law or regulation that allows it',
      });
    }
  })
  .describe('A procedure, the reason and its expected end; OTHER also the law or regulation that allows it.');

/** §42: who approved, why (told to the applicant), and 1 to 10 working days (10 when not given). */
export const extendSchema = z
  .object({
    ...transitionFields,
    approvedBy: text('approvedBy', 100),
    reason: text('reason', MAX_NOTE),
    workingDays: z
      .number()
      .int()
      .min(1, 'workingDays must be at least 1')
      .max(EXTENSION_MAX_WORKING_DAYS, `workingDays must be at most ${EXTENSION_MAX_WORKING_DAYS} (§42)`)
      .nullish()
      .transform((days) => days ?? EXTENSION_MAX_WORKING_DAYS),
  })
  .describe(
    `The approving head (本行政机关负责人), the reason, and 1 to ${EXTENSION_MAX_WORKING_DAYS} working days ` +
      `(${EXTENSION_MAX_WORKING_DAYS} when not given).`,
  );

/** Checks mutation input; every problem is reported at once as one BAD_USER_INPUT error. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  throw new BadUserInputError(
    `Invalid input: ${problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ')}.`,
    {
      problems,
    },
  );
}
