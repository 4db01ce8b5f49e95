import type { DepartmentEntry } from '@onewindow/schema';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { storedValue } from '@onewindow/runtime';
import { eventKey, type FeedHandler } from './handlers.js';
import { notificationFor, type FeedEvent } from './notifications.js';

/** What a notification tells the applicant about. */
export const NOTIFICATION_KINDS = [
  'CONCLUDED',
  'SUPPLEMENT_REQUESTED',
  'NEXT_STEP',
  'JOINT_DEADLINE_EXTENDED',
  'DEADLINE_EXTENDED',
  'SPECIAL_PROCEDURE',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const storedNotificationKind = (value: string): NotificationKind =>
  storedValue(NOTIFICATION_KINDS, value, 'notification kind');

/** What the applicant is told about an event. */
export interface NoticeDraft {
  kind: NotificationKind;
  message: string;
  materials: string[] | null;
}

/** A notification to the applicant of an event's case, under `key`: a redelivered event makes no second one. */
export function notifyOnce(
  db: PrismaClient,
  department: DepartmentEntry,
  event: FeedEvent,
  key: string,
  draft: NoticeDraft,
  now: Date,
) {
  return db.notification.upsert({
    where: { eventKey: key },
    update: {},
    create: {
      eventKey: key,
      department: department.code,
      caseId: event.case.id,
      caseNumber: event.case.number,
      applicantId: event.case.applicant.id,
      kind: draft.kind,
      message: draft.message,
      materials: draft.materials ? JSON.stringify(draft.materials) : null,
      createdAt: now,
    },
  });
}

/**
 * The feed module's own reaction: each event the applicant must be told about (a conclusion, a
 * one-time notice of materials, an extension, a special procedure) makes one notification.
 */
export const applicantNotices =
  ({ db, clock }: { db: PrismaClient; clock: () => Date }): FeedHandler =>
  async (department, events) =>
    events.flatMap((event) => {
      const draft = notificationFor(event, department.name);
      return draft ? [notifyOnce(db, department, event, eventKey(event), draft, clock())] : [];
    });
