import { findDepartment, type DepartmentEntry } from '@onewindow/schema';
import { type Logger } from '@onewindow/runtime';
import { chinaDay, DECIDED_STATUSES } from '@onewindow/kit';
import type { Prisma, PrismaClient } from '../__generated__/prisma/client.js';
import { askService } from '../graphql-client.js';
import { localCenterNumber } from '../ids.js';
import { dispatchParts } from '../joint/dispatch.js';
import { followUpRow } from '../quality/follow-ups.js';
import { FEED_EVENT_FIELDS, notificationFor, type FeedEvent } from './notifications.js';

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
  /** Working days a late conclusion's rectification is due in. */
  rectificationWorkingDays: number;
}

/**
 * Reads one department's feed from the stored cursor to its end. Each page's notifications and
 * the moved cursor commit in one transaction, and a notification is keyed by its event, so an
 * event delivered twice (a crash between reading and committing) has its effect once.
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
    const jointEffects = await jointApplicationEffects(options, page.events, department);
    const rectifications = page.events.filter(concludedLate).map((event) => openLateConclusionFollowUp(options, event, department));
    const effects = page.events.flatMap((event) => {
      const draft = notificationFor(event, department.name);
      if (!draft) return [];
      return [notify(db, event, department, `${event.case.id}#${event.event.seq}`, draft, now)];
    });
    await db.$transaction([
      ...effects,
      ...jointEffects,
      ...rectifications,
      db.feedCursor.update({ where: { department: department.code }, data: { cursor: page.endCursor, updatedAt: now() } }),
    ]);
    handled += page.events.length;
    after = page.endCursor;
    if (!page.hasNextPage) return handled;
  }
}

/** A notification for an event, keyed so that a redelivered event makes no second one. */
function notify(
  db: PrismaClient,
  event: FeedEvent,
  department: DepartmentEntry,
  eventKey: string,
  draft: { kind: string; message: string; materials: string[] | null },
  now: () => Date,
) {
  return db.notification.upsert({
    where: { eventKey },
    update: {},
    create: {
      eventKey,
      department: department.code,
      caseId: event.case.id,
      caseNumber: event.case.number,
      applicantId: event.case.applicant.id,
      kind: draft.kind,
      message: draft.message,
      materials: draft.materials ? JSON.stringify(draft.materials) : null,
      createdAt: now(),
    },
  });
}

/** A decision made after the committed deadline (超期办结). */
const concludedLate = (event: FeedEvent) =>
  (DECIDED_STATUSES as readonly string[]).includes(event.event.toStatus) && !!event.case.deadline && new Date(event.event.at) > new Date(event.case.deadline);

/**
 * A late decision opens a rectification (督促限期整改) for its department. It needs no
 * verification: the department's own record shows it. Keyed by the event, so a redelivered
 * event opens nothing more.
 */
function openLateConclusionFollowUp(options: FollowerOptions, event: FeedEvent, department: DepartmentEntry) {
  const sourceKey = `${event.case.id}#${event.event.seq}`;
  return options.db.followUp.upsert({
    where: { sourceKey },
    update: {},
    create: followUpRow(
      {
        source: 'LATE_CONCLUSION',
        sourceKey,
        department: department.code,
        caseId: event.case.id,
        caseNumber: event.case.number,
        summary: `超期办结：${event.case.number}（${event.case.item.name}）承诺期限 ${chinaDay(new Date(event.case.deadline!))}，办结于 ${chinaDay(new Date(event.event.at))}。`,
        verifiedBySystem: true,
      },
      options.now(),
      options.rectificationWorkingDays,
    ),
  });
}

/**
 * The joint parts whose cases a page's events are about. The center may read a part's events
 * before it has recorded the part's case: it was killed between the department's answer to the
 * submission and its own write, or that answer is still on its way. Such a part is still PENDING
 * and its case names the application; it is recorded first by sending it again (the same key
 * returns the same case), or else its events would pass unseen and it would never move on. If
 * that fails, the page is read again next time: the cursor has not moved.
 */
async function partsOf(options: FollowerOptions, events: readonly FeedEvent[], department: DepartmentEntry) {
  const { db } = options;
  const caseIds = [...new Set(events.map((e) => e.case.id))];
  const find = () => db.jointPart.findMany({ where: { caseId: { in: caseIds } }, include: { joint: true } });
  const parts = await find();
  const known = new Set(parts.map((p) => p.caseId));
  const jointIds = new Set<number>();
  for (const { case: c } of events) {
    const jointId = c.jointApplication && !known.has(c.id) ? localCenterNumber(c.jointApplication.id, 'J') : null;
    if (jointId !== null) jointIds.add(jointId);
  }
  if (!jointIds.size) return parts;
  const unrecorded = await db.jointPart.findMany({
    where: { jointId: { in: [...jointIds] }, department: department.code, dispatch: 'PENDING' },
    include: { joint: true },
  });
  // No such part: a case that names an application the center did not send it for.
  if (!unrecorded.length) return parts;
  await dispatchParts(db, unrecorded, options.urls, options.logger, options.now);
  if (await db.jointPart.count({ where: { id: { in: unrecorded.map((p) => p.id) }, dispatch: 'PENDING' } })) {
    throw new Error(`joint parts in ${department.code} not recorded yet; their events are read again next time`);
  }
  return find();
}

/**
 * What a page of events means for joint applications: each part's case status, its acceptance
 * and approval times, and, when a part is approved, the release of the parts that waited for it,
 * with a notification naming the department the applicant deals with next. These writes join the
 * page's transaction; replaying an event repeats nothing (a released part is no longer WAITING).
 */
async function jointApplicationEffects(
  options: FollowerOptions,
  events: readonly FeedEvent[],
  department: DepartmentEntry,
) {
  const { db, now } = options;
  const parts = await partsOf(options, events, department);
  if (!parts.length) return [];
  const waiting = await db.jointPart.findMany({ where: { jointId: { in: parts.map((p) => p.jointId) }, dispatch: 'WAITING' } });
  return events.flatMap((event) => {
    const part = parts.find((p) => p.caseId === event.case.id);
    if (!part) return [];
    const status = event.event.toStatus;
    const writes: Prisma.PrismaPromise<unknown>[] = [
      db.jointPart.update({
        where: { id: part.id },
        data: {
          caseStatus: status,
          ...(status === 'ACCEPTED' ? { acceptedAt: now() } : {}),
          ...(status === 'APPROVED' ? { approvedAt: now(), acceptedAt: part.acceptedAt ?? now() } : {}),
        },
      }),
    ];
    if (status !== 'APPROVED') return writes;
    for (const next of waiting.filter((w) => w.jointId === part.jointId && w.dependsOn === part.position)) {
      const nextName = findDepartment(next.department)?.name ?? next.department;
      const materials = next.materials ? (JSON.parse(next.materials) as string[]) : null;
      const bring = materials?.length ? `请携带以下材料：${materials.join('、')}。` : `请按${nextName}的办事指南准备材料。`;
      writes.push(
        db.jointPart.updateMany({ where: { id: next.id, dispatch: 'WAITING' }, data: { dispatch: 'PENDING' } }),
        notify(db, event, department, `${event.case.id}#${event.event.seq}#next-${next.position}`, {
          kind: 'NEXT_STEP',
          message: `您的并联审批项目“${part.joint.projectName}”中，${department.name}的审批已通过。下一步：${nextName}办理“${next.itemName ?? next.itemCode}”（事项编码 ${next.itemCode}），请到${nextName}窗口，${bring}`,
          materials,
        }, now),
      );
    }
    return writes;
  });
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
