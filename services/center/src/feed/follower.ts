import { type DepartmentEntry } from '@onewindow/schema';
import { type Logger } from '@onewindow/runtime';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { askService } from '../graphql-client.js';
import type { FeedHandler, FeedWrite } from './handlers.js';
import { FEED_EVENT_FIELDS, type FeedEvent } from './notifications.js';

/** Events read per request; a page and its effects commit together. */
const PAGE = 200;

interface FeedPage {
  endCursor: string | null;
  hasNextPage: boolean;
  events: FeedEvent[];
}

const ask = <T>(url: string, department: string, query: string, variables: Record<string, unknown>) =>
  askService<T>(url, department, query, variables, { timeoutMs: 10_000, what: 'its change feed' });

const feedQuery = (code: string) => `query CenterFeed($after: String, $first: Int) { ${code} { caseEvents(after: $after, first: $first) {
  endCursor hasNextPage
  events {
    cursor event { ${FEED_EVENT_FIELDS} }
    case { id number deadline applicant { id } item { name } jointApplication { id } }
  }
} } }`;

export interface FollowerOptions {
  db: PrismaClient;
  departments: readonly DepartmentEntry[];
  urls: Record<string, string>;
  logger: Logger;
  /** Where a department's feed is first read from: its beginning, or only what happens next. */
  start: 'beginning' | 'end';
  now: () => Date;
  /** What the modules do with each page of events, in the order their writes commit. */
  handlers: readonly FeedHandler[];
}

/**
 * Reads one department's feed from the stored cursor to its end, handing each page to every
 * handler. A page's writes, all handlers' together, and the moved cursor commit in one
 * transaction, and each write is keyed by its event, so an event delivered twice (a crash
 * between reading and committing) has its effect once.
 */
export async function catchUp(options: FollowerOptions, department: DepartmentEntry): Promise<number> {
  const { db, urls, now } = options;
  const url = urls[department.code]!;
  let stored = await db.feedCursor.findUnique({ where: { department: department.code } });
  if (!stored) {
    const cursor =
      options.start === 'end'
        ? (await ask<Record<string, { latestEventCursor: string | null }>>(url, department.code, `{ ${department.code} { latestEventCursor } }`, {}))[department.code]!
            .latestEventCursor
        : null;
    stored = await db.feedCursor.create({ data: { department: department.code, cursor, updatedAt: now() } });
  }
  let after = stored.cursor;
  let handled = 0;
  for (;;) {
    const page = (await ask<Record<string, { caseEvents: FeedPage }>>(url, department.code, feedQuery(department.code), { after, first: PAGE }))[department.code]!.caseEvents;
    const writes: FeedWrite[] = [];
    // One handler at a time, in order: the page's writes commit in the same order every time.
    for (const handle of options.handlers) writes.push(...(await handle(department, page.events)));
    await db.$transaction([
      ...writes,
      db.feedCursor.update({ where: { department: department.code }, data: { cursor: page.endCursor, updatedAt: now() } }),
    ]);
    handled += page.events.length;
    after = page.endCursor;
    if (!page.hasNextPage) return handled;
  }
}

/**
 * Follows every department's change feed: catches up now, then every `pollMs`. A department
 * that does not answer is tried again next time; nothing is lost meanwhile, since its cursor
 * has not moved.
 */
export function followDepartments(options: FollowerOptions, pollMs: number, afterPoll: () => Promise<unknown> = async () => undefined) {
  let running: Promise<unknown> | null = null;
  // One poll at a time: a slow department must not have two readers moving its cursor.
  const pollOnce = () => {
    if (running) return running;
    running = Promise.all(
      options.departments.map((department) =>
        catchUp(options, department).catch((error: unknown) =>
          options.logger.warn({ department: department.code, err: error }, 'change feed not read; will retry'),
        ),
      ),
    )
      .then(afterPoll)
      .catch((error: unknown) => options.logger.error({ err: error }, 'after-poll work failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void pollOnce(), pollMs);
  timer.unref();
  void pollOnce();
  return {
    /** Reads every feed to its end now (tests, and operators who do not want to wait). */
    pollOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
