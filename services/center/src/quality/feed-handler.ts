import { chinaDay, DECIDED_STATUSES } from '@onewindow/kit';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { eventKey, type FeedHandler } from '../feed/handlers.js';
import type { FeedEvent } from '../feed/notifications.js';
import { followUpRow } from './follow-ups.js';

export interface LateConclusionSettings {
  db: PrismaClient;
  clock: () => Date;
  /** Working days a late conclusion's rectification is due in. */
  rectificationWorkingDays: number;
}

/** A decision made after the committed deadline (超期办结). */
export const concludedLate = (event: Pick<FeedEvent, 'event' | 'case'>): boolean =>
  DECIDED_STATUSES.some((status) => status === event.event.toStatus) &&
  !!event.case.deadline &&
  new Date(event.event.at) > new Date(event.case.deadline);

/**
 * A late decision opens a rectification (督促限期整改) for its department. It needs no
 * verification: the department's own record shows it. Keyed by the event, so a redelivered
 * event opens nothing more.
 */
export const lateConclusionFollowUps =
  ({ db, clock, rectificationWorkingDays }: LateConclusionSettings): FeedHandler =>
  async (department, events) =>
    events.filter(concludedLate).map((event) => {
      const sourceKey = eventKey(event);
      return db.followUp.upsert({
        where: { sourceKey },
        update: {},
        create: followUpRow(
          {
            source: 'LATE_CONCLUSION',
            sourceKey,
            department: department.code,
            caseId: event.case.id,
            caseNumber: event.case.number,
            summary:
              `超期办结：${event.case.number}（${event.case.item.name}）承诺期限 ${chinaDay(new Date(event.case.deadline!))}，` +
              `办结于 ${chinaDay(new Date(event.event.at))}。`,
            verifiedBySystem: true,
          },
          clock(),
          rectificationWorkingDays,
        ),
      });
    });
