// The center's calendar changes as a department reads them: `calendarChanges(after, first)`.
import { z } from 'zod';

/** One calendar change as the center publishes it: a year entered or corrected from a notice. */
export interface CenterCalendarChange {
  /** The center's change id: increasing, and the department's idempotency key. */
  id: number;
  year: number;
  notice: string;
  holidays: string[];
  adjustedWorkdays: string[];
}

/** The center did not answer in time, or answered something that is not a page of changes. */
export class CenterUnreachableError extends Error {}

const changeSchema = z.object({
  id: z.number().int().positive(),
  year: z.number().int(),
  notice: z.string(),
  holidays: z.array(z.string()),
  adjustedWorkdays: z.array(z.string()),
});
const answerSchema = z.object({ data: z.object({ calendarChanges: z.array(changeSchema) }) });

const CHANGES_QUERY = `query DepartmentCalendarChanges($after: Int, $first: Int) {
  calendarChanges(after: $after, first: $first) { id year notice holidays adjustedWorkdays }
}`;

/**
 * The center's changes after the one with id `after`, oldest first, at most `first`. Throws
 * CenterUnreachableError when the center does not answer within `timeoutMs` or answers with
 * errors: the caller retries on its next poll.
 */
export async function readCenterChanges(
  url: string,
  after: number,
  first: number,
  timeoutMs: number,
): Promise<CenterCalendarChange[]> {
  let status = 0;
  let body: unknown;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: CHANGES_QUERY, variables: { after, first } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    body = await response.json();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CenterUnreachableError(status ? `unreadable answer (HTTP ${status}): ${reason}` : `no answer: ${reason}`);
  }
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) {
    const errors = (body as { errors?: { message?: string }[] } | null)?.errors?.map((e) => e.message).join('; ');
    const detail = errors ? `: ${errors}` : '';
    throw new CenterUnreachableError(`no calendar changes in the answer (HTTP ${status})${detail}`);
  }
  return parsed.data.data.calendarChanges;
}
