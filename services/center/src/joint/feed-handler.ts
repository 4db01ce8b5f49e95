import { findDepartment, type DepartmentEntry } from '@onewindow/schema';
import { storedList } from '@onewindow/runtime';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { eventKey, type FeedHandler, type FeedWrite } from '../feed/handlers.js';
import type { FeedEvent } from '../feed/notifications.js';
import { notifyOnce } from '../feed/notices.js';
import { localCenterNumber } from '../ids.js';
import { dispatchParts, type DispatchSettings } from './dispatch.js';

/** What the handler needs: a part whose case was not recorded yet is sent again (DispatchSettings). */
export interface JointFeedSettings extends DispatchSettings {
  db: PrismaClient;
}

/**
 * The joint parts whose cases a page's events are about. The center may read a part's events
 * before it has recorded the part's case: it was killed between the department's answer to the
 * submission and its own write, or that answer is still on its way. Such a part is still PENDING
 * and its case names the application; it is recorded first by sending it again (the same key
 * returns the same case), or else its events would pass unseen and it would never move on. If
 * that fails, the page is read again next time: the cursor has not moved.
 */
async function partsOf(settings: JointFeedSettings, events: readonly FeedEvent[], department: DepartmentEntry) {
  const { db } = settings;
  const caseIds = [...new Set(events.map((e) => e.case.id))];
  const find = () => db.jointPart.findMany({ where: { caseId: { in: caseIds } }, include: { joint: true } });
  const parts = await find();
  const known = new Set(parts.map((p) => p.caseId));
  const jointIds = new Set<number>();
  for (const { case: c } of events) {
    const jointId =
      c.jointApplication && !known.has(c.id) ? localCenterNumber(c.jointApplication.id, 'jointApplication') : null;
    if (jointId !== null) jointIds.add(jointId);
  }
  if (!jointIds.size) return parts;
  const unrecorded = await db.jointPart.findMany({
    where: { jointId: { in: [...jointIds] }, department: department.code, dispatch: 'PENDING' },
    include: { joint: true },
  });
  // No such part: a case that names an application the center did not send it for.
  if (!unrecorded.length) return parts;
  await dispatchParts(db, unrecorded, settings);
  if (await db.jointPart.count({ where: { id: { in: unrecorded.map((p) => p.id) }, dispatch: 'PENDING' } })) {
    throw new Error(`joint parts in ${department.code} not recorded yet; their events are read again next time`);
  }
  return find();
}

/**
 * What a page of events means for joint applications: each part's case status, its acceptance
 * and approval times, and, when a part is approved, the release of the parts that waited for it,
 * with a notification naming the department the applicant deals with next. Replaying an event
 * repeats nothing: a released part is no longer WAITING, and the notification is keyed by the
 * event and the part released.
 */
export const jointFeedHandler =
  (settings: JointFeedSettings): FeedHandler =>
  async (department, events) => {
    const { db, clock } = settings;
    const parts = await partsOf(settings, events, department);
    if (!parts.length) return [];
    const waiting = await db.jointPart.findMany({
      where: { jointId: { in: parts.map((p) => p.jointId) }, dispatch: 'WAITING' },
    });
    return events.flatMap((event) => {
      const part = parts.find((p) => p.caseId === event.case.id);
      if (!part) return [];
      const status = event.event.toStatus;
      const writes: FeedWrite[] = [
        db.jointPart.update({
          where: { id: part.id },
          data: {
            caseStatus: status,
            ...(status === 'ACCEPTED' ? { acceptedAt: clock() } : {}),
            ...(status === 'APPROVED' ? { approvedAt: clock(), acceptedAt: part.acceptedAt ?? clock() } : {}),
          },
        }),
      ];
      if (status !== 'APPROVED') return writes;
      for (const next of waiting.filter((w) => w.jointId === part.jointId && w.dependsOn === part.position)) {
        const nextName = findDepartment(next.department)?.name ?? next.department;
        const materials = next.materials ? storedList(next.materials) : null;
        const bring = materials?.length
          ? `请携带以下材料：${materials.join('、')}。`
          : `请按${nextName}的办事指南准备材料。`;
        writes.push(
          db.jointPart.updateMany({ where: { id: next.id, dispatch: 'WAITING' }, data: { dispatch: 'PENDING' } }),
          notifyOnce(
            db,
            department,
            event,
            eventKey(event, `next-${next.position}`),
            {
              kind: 'NEXT_STEP',
              message:
                `您的并联审批项目“${part.joint.projectName}”中，${department.name}的审批已通过。` +
                `下一步：${nextName}办理“${next.itemName ?? next.itemCode}”（事项编码 ${next.itemCode}），请到${nextName}窗口，${bring}`,
              materials,
            },
            clock(),
          ),
        );
      }
      return writes;
    });
  };
