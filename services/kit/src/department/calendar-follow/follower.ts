// A department follows the center's working-day calendar: it works from its own copy and polls the
// center for changes, so its deadlines stay right while the center is down.
import { z } from 'zod';
import type { Logger } from '@onewindow/runtime';
import { useWorkingCalendar } from '../calendar.js';
import type { KitDatabase } from '../database.js';
import { CenterUnreachableError, readCenterChanges } from './center-changes.js';
import { copyCalendarChange, lastCopiedChange, loadCalendarCopy } from './copy.js';

/** Changes asked for per request (the center's page limit is 200). */
const PAGE = 100;

/** The settings a department reads to follow the calendar (spread into its environment schema). */
export const calendarFollowEnv = {
  /** Where the center is reached; unset: the registry's center URL (subgraphUrl('center')). */
  CENTER_URL: z
    .url({ protocol: /^https?$/, error: 'CENTER_URL must be an http(s) URL such as http://127.0.0.1:4002/graphql' })
    .optional(),
  /** How often the department asks the center for calendar changes. */
  CALENDAR_POLL_MS: z.coerce.number().int().min(100).default(60_000),
  /** How long one request to the center may take before the poll gives up until the next one. */
  CALENDAR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
};

export interface CalendarFollowerOptions {
  db: KitDatabase;
  centerUrl: string;
  pollMs: number;
  timeoutMs: number;
  clock: () => Date;
  logger: Logger;
}

/** What one poll did. */
export interface CalendarPoll {
  /** False when the center did not answer: nothing changed, the next poll tries again. */
  centerAnswered: boolean;
  /** Changes copied by this poll. */
  copied: number;
  /** Open cases whose deadline moved. */
  moved: number;
}

export interface CalendarFollower {
  /** Reads the center's new changes now and applies them; one poll at a time. */
  pollOnce: () => Promise<CalendarPoll>;
  stop: () => Promise<void>;
}

/**
 * Puts the department's calendar in force (the shipped years and its copies, in id order) and
 * starts polling the center every `pollMs`. Call it before anything computes a deadline. The
 * center being down is a warning and the next poll retries; it never stops the department.
 */
export async function startCalendarFollower(options: CalendarFollowerOptions): Promise<CalendarFollower> {
  const { db, logger } = options;
  let calendar = await loadCalendarCopy(db);
  useWorkingCalendar(calendar);

  const poll = async (): Promise<CalendarPoll> => {
    const result: CalendarPoll = { centerAnswered: true, copied: 0, moved: 0 };
    for (;;) {
      let changes;
      try {
        changes = await readCenterChanges(options.centerUrl, await lastCopiedChange(db), PAGE, options.timeoutMs);
      } catch (error) {
        if (!(error instanceof CenterUnreachableError)) throw error;
        const context = { centerUrl: options.centerUrl, reason: error.message };
        logger.warn(context, 'calendar changes not read from the center; will retry');
        return { ...result, centerAnswered: false };
      }
      for (const change of changes) {
        const applied = await copyCalendarChange(db, calendar, change, options.clock());
        calendar = applied.calendar;
        useWorkingCalendar(calendar);
        if (!applied.copied) continue;
        result.copied += 1;
        result.moved += applied.moved;
        const copied = { change: change.id, year: change.year, notice: change.notice, moved: applied.moved };
        logger.info(copied, 'calendar change copied');
      }
      if (changes.length < PAGE) return result;
    }
  };

  let running: Promise<CalendarPoll> | null = null;
  const pollOnce = () => {
    running ??= poll().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    pollOnce().catch((error: unknown) => logger.error({ err: error }, 'calendar change not applied; will retry'));
  }, options.pollMs);
  timer.unref();
  return {
    pollOnce,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
