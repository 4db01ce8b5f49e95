import type { DepartmentEntry } from '@onewindow/schema';
import { ConflictError } from '@onewindow/runtime';
import { toGlobalId } from '@onewindow/runtime';
import type { AuditTrail, Logger } from '@onewindow/runtime';
import { SYSTEM } from '../access/acting.js';
import type { KitDatabase } from '../database.js';
import { runTransition } from './engine.js';
import { noticePeriodEnd } from './periods.js';
import { LIFECYCLE } from './transitions.js';

/**
 * §32: an application that got no notice of missing materials within 5 working days of receipt
 * counts as accepted from receipt. This sweep applies the rule to every such SUBMITTED case, as
 * an `accept` by `system` through the ordinary state machine (event, version, idempotency).
 * Returns how many cases it accepted.
 */
export async function applyDeemedAcceptance(
  db: KitDatabase,
  department: DepartmentEntry,
  now: Date,
  logger: Logger,
  trail?: AuditTrail,
): Promise<number> {
  // Five working days are at least five calendar days, so older receipts are the only candidates.
  const candidates = await db.case.findMany({
    where: { status: 'SUBMITTED', receivedAt: { lt: new Date(now.getTime() - 5 * 86_400_000) } },
    select: { id: true, version: true, receivedAt: true },
  });
  let accepted = 0;
  for (const candidate of candidates.filter((c) => now > noticePeriodEnd(c.receivedAt))) {
    try {
      await runTransition(
        db,
        department,
        LIFECYCLE.accept,
        {
          idempotencyKey: `sec32:${candidate.id}:${candidate.version}`,
          caseId: toGlobalId(department.code, candidate.id),
          expectedVersion: candidate.version,
        },
        now,
        { acting: SYSTEM, ...(trail ? { trail } : {}) },
      );
      accepted += 1;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // someone acted on it meanwhile
    }
  }
  if (accepted) logger.info({ accepted }, '§32 deemed acceptance applied');
  return accepted;
}
