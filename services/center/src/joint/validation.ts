import { z } from 'zod';
import { departments } from '@onewindow/schema';
import { BadUserInputError, parseGlobalId } from '@onewindow/runtime';
import { fitsApplicantKind } from '@onewindow/runtime';
import { JOINT_KINDS } from './limit.js';

const known = new Set(departments.map((d) => d.code));
const text = (max: number) => z.string().trim().min(1).max(max);

const schema = z
  .object({
    idempotencyKey: text(200),
    projectName: text(200),
    leadDepartment: z.string(),
    kind: z
      .enum(JOINT_KINDS)
      .nullish()
      .transform((kind) => kind ?? 'JOINT'),
    applicant: z.object({
      kind: z.enum(['PERSON', 'ENTERPRISE']),
      name: text(100),
      idNumber: z.string().trim().toUpperCase(),
    }),
    parts: z
      .array(z.object({ itemId: z.string(), dependsOn: z.number().int().nullish() }))
      .min(2)
      .max(10),
  })
  .superRefine((input, ctx) => {
    if (!fitsApplicantKind(input.applicant.kind, input.applicant.idNumber))
      ctx.addIssue({
        code: 'custom',
        path: ['applicant', 'idNumber'],
        message: 'is not a valid ID number or credit code',
      });
    const partDepartments = input.parts.map((part, i) => {
      const [code] = part.itemId.split(':');
      if (!code || !known.has(code) || !part.itemId.includes(':'))
        ctx.addIssue({ code: 'custom', path: ['parts', i, 'itemId'], message: `names no department's item` });
      if (part.dependsOn != null && (part.dependsOn < 0 || part.dependsOn >= i)) {
        ctx.addIssue({
          code: 'custom',
          path: ['parts', i, 'dependsOn'],
          message: 'must be the position of an earlier part',
        });
      }
      return code;
    });
    // §26: joint handling is for items of several departments; one department's items are its own applications.
    if (input.parts.length > 1 && new Set(partDepartments.filter((code) => code && known.has(code))).size === 1)
      ctx.addIssue({ code: 'custom', path: ['parts'], message: 'must name items of at least two departments' });
    if (!partDepartments.includes(input.leadDepartment))
      ctx.addIssue({ code: 'custom', path: ['leadDepartment'], message: "must be one of the parts' departments" });
  });

/** A checked joint application, each part resolved to its department and item code. */
export type CreateJointInput = Omit<z.infer<typeof schema>, 'parts'> & {
  parts: { itemId: string; department: string; itemCode: string; dependsOn: number | null }[];
};

/** Checks a new joint application whole; every problem at once, as BAD_USER_INPUT. */
export function parseJointInput(input: unknown): CreateJointInput {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw new BadUserInputError(
      `Invalid joint application: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`,
      { problems },
    );
  }
  return {
    ...parsed.data,
    parts: parsed.data.parts.map((part) => {
      const { department, localId } = parseGlobalId(part.itemId);
      return { itemId: part.itemId, department, itemCode: localId, dependsOn: part.dependsOn ?? null };
    }),
  };
}
