import type { DepartmentEntry } from '@onewindow/schema';
import type { Prisma } from '../__generated__/prisma/client.js';
import type { FeedEvent } from './notifications.js';

/** A write built but not yet run: the follower runs it in the page's transaction. */
export type FeedWrite = Prisma.PrismaPromise<unknown>;

/**
 * What a module does with a page of one department's change-feed events. It reads what it needs
 * and returns its writes unrun; the follower commits every handler's writes and the moved cursor
 * in one transaction. A page may be delivered again (the center stopped before the commit), so
 * each write must have its effect once however often its event comes: keyed by the event
 * (`eventKey`, on a unique column), or conditional on a state the first delivery leaves behind.
 * A handler that throws leaves the cursor where it was, and the page is read again next time.
 */
export type FeedHandler = (department: DepartmentEntry, events: readonly FeedEvent[]) => Promise<FeedWrite[]>;

/**
 * The key of an event's effect, `<case id>#<seq>`; `part` tells apart two effects of one event of
 * the same kind (`<case id>#<seq>#<part>`). Stored keys have this form: it must not change.
 */
export const eventKey = (event: FeedEvent, part?: string): string =>
  `${event.case.id}#${event.event.seq}${part === undefined ? '' : `#${part}`}`;
