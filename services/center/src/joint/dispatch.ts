import { findDepartment } from '@onewindow/schema';
import { toGlobalId, type Logger } from '@onewindow/kit';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { postGraphQL } from '../graphql-client.js';

/** The idempotency key of a part's submission: the same on every retry, so a part is one case. */
export const partSubmissionKey = (jointId: number, position: number) => `joint:${jointId}:${position}`;

interface Submitted {
  id: string;
  status: string;
  item: { name: string; materials: { name: string }[] };
}

/** The department refused the submission itself: sending it again would be refused again. */
class RefusedByDepartment extends Error {}
const REFUSALS = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'INVALID_TRANSITION']);

async function submitToDepartment(url: string, code: string, input: Record<string, unknown>): Promise<Submitted> {
  const answer = await postGraphQL<Record<string, { submit: Submitted }>>(
    url,
    `mutation CenterDispatch($input: SubmitApplicationInput!) { ${code} { submit(input: $input) { id status item { name materials { name } } } } }`,
    { input },
    10_000,
  );
  const submitted = answer?.data?.[code]?.submit;
  if (submitted) return submitted;
  const error = answer?.errors?.[0];
  if (error && REFUSALS.has(error.extensions?.code ?? '')) throw new RefusedByDepartment(error.message);
  throw new Error(error?.message ?? 'the department did not answer');
}

/**
 * Sends every part that may go (PENDING) to its department through the department's own submit
 * mutation, all at once. A department that does not answer keeps its part PENDING for the next
 * round; the stable idempotency key means a submission whose answer was lost is not doubled. A
 * part the department refuses outright (an item it does not have) is REFUSED, not retried.
 */
export async function dispatchPending(db: PrismaClient, urls: Record<string, string>, logger: Logger, now: () => Date): Promise<number> {
  const pending = await db.jointPart.findMany({ where: { dispatch: 'PENDING' }, include: { joint: true } });
  const results = await Promise.all(
    pending.map(async (part) => {
      const url = urls[part.department];
      try {
        if (!url || !findDepartment(part.department)) throw new Error(`no department "${part.department}"`);
        const submitted = await submitToDepartment(url, part.department, {
          idempotencyKey: partSubmissionKey(part.jointId, part.position),
          itemCode: part.itemCode,
          applicant: { kind: part.joint.applicantKind, name: part.joint.applicantName, idNumber: part.joint.applicantIdNumber },
          actor: 'center',
          note: `并联审批：${part.joint.projectName}`,
          jointApplicationId: toGlobalId('center', `J${part.jointId}`),
        });
        await db.jointPart.update({
          where: { id: part.id },
          data: {
            dispatch: 'DISPATCHED',
            caseId: submitted.id,
            caseStatus: submitted.status,
            dispatchedAt: now(),
            attempts: { increment: 1 },
            lastError: null,
            itemName: submitted.item.name,
            materials: JSON.stringify(submitted.item.materials.map((m) => m.name)),
          },
        });
        return true;
      } catch (error) {
        const refused = error instanceof RefusedByDepartment;
        logger.warn({ department: part.department, joint: part.jointId, err: error }, refused ? 'joint part refused by its department' : 'joint part not dispatched; will retry');
        await db.jointPart.update({
          where: { id: part.id },
          data: { attempts: { increment: 1 }, lastError: String((error as Error).message ?? error), ...(refused ? { dispatch: 'REFUSED' } : {}) },
        });
        return false;
      }
    }),
  );
  return results.filter(Boolean).length;
}
