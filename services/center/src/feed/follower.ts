import type { GraphQLError } from 'graphql';
import { type DepartmentEntry } from '@onewindow/schema';
import {
  ErrorCode,
  feedLag,
  departmentOperation,
  type AuditEntry,
  type Logger,
  type ServiceClient,
  type TypedDocumentNode,
  type Variables,
} from '@onewindow/runtime';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { serviceEntry } from '../audit/request-audit.js';
import type { AsCenter } from '../service-identity.js';
import { CenterFeedDocument, CenterLatestEventCursorDocument } from '../__generated__/department-operations.js';
import type { FeedHandler, FeedWrite } from './handlers.js';

/** Events read per request; a page and its effects commit together. */
const PAGE = 200;

export interface FollowerOptions {
  db: PrismaClient;
  departments: readonly DepartmentEntry[];
  /** The departments' client, their feeds read through it. */
  services: ServiceClient;
  logger: Logger;
  /** Where a department's feed is first read from: its beginning, or only what happens next. */
  start: 'beginning' | 'end';
  clock: () => Date;
  /** What the modules do with each page of events, in the order their writes commit. */
  handlers: readonly FeedHandler[];
  /** Runs the reading as the center itself: no user is behind it. */
  asCenter: AsCenter;
  /** Records the center's own writes in the audit trail (a page's effects, once committed). */
  audit: (entry: AuditEntry) => void;
}

/**
 * Reads one department's feed from the stored cursor to its end, handing each page to every
 * handler. A page's writes, all handlers' together, and the moved cursor commit in one
 * transaction, and each write is keyed by its event, so an event delivered twice (a crash
 * between reading and committing) has its effect once.
 */
export async function catchUp(options: FollowerOptions, department: DepartmentEntry): Promise<number> {
  const { db, services, clock } = options;
  // A failure ends this round (the client and the poller log it): the feed is read again next time.
  // Each read as the center, with a fresh token: a long catch-up outlives any one token.
  const read = <TData, TVariables extends Variables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ) =>
    options.asCenter(() =>
      services.request(department.code, departmentOperation(document, department), variables, {
        timeoutMs: 10_000,
        // readFeed says once that the feed is not read, and once that it is again.
        quiet: true,
      }),
    );
  let stored = await db.feedCursor.findUnique({ where: { department: department.code } });
  if (!stored) {
    const cursor =
      options.start === 'end' ? (await read(CenterLatestEventCursorDocument, {})).template.latestEventCursor : null;
    stored = await db.feedCursor.create({ data: { department: department.code, cursor, updatedAt: clock() } });
  }
  let after = stored.cursor;
  let handled = 0;
  for (;;) {
    const variables = { after, first: PAGE };
    const page = (await read(CenterFeedDocument, variables)).template.caseEvents;
    const writes: FeedWrite[] = [];
    // One handler at a time, in order: the page's writes commit in the same order every time. A
    // handler that calls a department (a joint part sent again) does it as the center.
    for (const handle of options.handlers)
      writes.push(...(await options.asCenter(() => handle(department, page.events))));
    // A feed with nothing new (most polls) leaves the cursor where it is: no write, no sync to disk.
    if (!page.events.length && !writes.length && page.endCursor === after) return handled;
    await db.$transaction([
      ...writes,
      db.feedCursor.update({
        where: { department: department.code },
        data: { cursor: page.endCursor, updatedAt: clock() },
      }),
    ]);
    // The feed lag, per department: from the department's commit of an event to its handling here.
    const handledAt = clock().getTime();
    for (const { event } of page.events)
      feedLag.observe({ department: department.code }, Math.max(0, handledAt - Date.parse(event.at)) / 1000);
    if (writes.length)
      options.audit(
        serviceEntry('write:feed', department.code, { events: page.events.length, writes: writes.length, after }),
      );
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
export function followDepartments(
  options: FollowerOptions,
  pollMs: number,
  afterPoll: () => Promise<unknown> = async () => undefined,
) {
  let running: Promise<unknown> | null = null;
  // Departments whose feed could not be read at the last poll: an outage (or a department still
  // starting) is said once when it begins and once when it ends, not at every poll.
  const failing = new Set<string>();
  const readFeed = async (department: DepartmentEntry) => {
    try {
      await catchUp(options, department);
      if (failing.delete(department.code))
        options.logger.info({ department: department.code }, 'change feed read again');
    } catch (error) {
      const unavailable = (error as GraphQLError).extensions?.code === ErrorCode.DEPARTMENT_UNAVAILABLE;
      if (unavailable && failing.has(department.code)) return;
      failing.add(department.code);
      // A department that did not answer needs no stack trace; anything else may be a bug here.
      const detail = unavailable ? { reason: (error as Error).message } : { err: error };
      options.logger.warn({ department: department.code, ...detail }, 'change feed not read; will retry');
    }
  };
  // One poll at a time: a slow department must not have two readers moving its cursor.
  const pollOnce = () => {
    if (running) return running;
    running = Promise.all(options.departments.map(readFeed))
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
