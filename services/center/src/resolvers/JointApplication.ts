import { toGlobalId } from '@onewindow/runtime';
import type {
  DispatchState,
  JointApplicationResolvers,
  JointKind,
  JointPartResolvers,
  JointStatus,
  NotificationKind,
} from '../__generated__/resolvers-types.js';
import { jointStatus } from '../joint/status.js';
import { localCenterNumber } from '../ids.js';
import { jointClock } from '../joint/limit.js';
import type { CenterContext } from '../context.js';
import type { JointApplicationRow } from '../joint/types.js';

const clock = (joint: JointApplicationRow, context: CenterContext) => jointClock(joint, context.now(), context.warningDays);

export const JointApplication: JointApplicationResolvers = {
  // A department's case names its joint application by ID; the gateway asks the center for the rest.
  __resolveReference: async (reference, { loaders }) => {
    const id = localCenterNumber(reference.id, 'J');
    return id === null ? null : loaders.jointApplicationById.load(id);
  },
  id: (joint) => toGlobalId('center', `J${joint.id}`),
  status: (joint) => jointStatus(joint.parts) as JointStatus,
  kind: (joint) => joint.kind as JointKind,
  acceptedAt: (joint) => joint.createdAt.toISOString(),
  deadline: (joint, _, context) => clock(joint, context).deadline.toISOString(),
  deadlineProvisional: (joint, _, context) => clock(joint, context).deadlineProvisional,
  concludedAt: (joint) => joint.concludedAt?.toISOString() ?? null,
  extended: (joint) => joint.extensionWorkingDays !== null,
  overdue: (joint, _, context) => clock(joint, context).overdue,
  remainingWorkingDays: (joint, _, context) => clock(joint, context).remainingWorkingDays,
  supervisionLevel: (joint, _, context) => clock(joint, context).supervisionLevel,
  notifications: async (joint, _, { db }) => {
    const rows = await db.notification.findMany({ where: { caseId: toGlobalId('center', `J${joint.id}`) }, orderBy: { id: 'desc' } });
    return rows.map((row) => ({
      ...row,
      id: toGlobalId('center', `N${row.id}`),
      kind: row.kind as NotificationKind,
      materials: [],
      createdAt: row.createdAt.toISOString(),
    }));
  },
  parts: (joint) =>
    [...joint.parts]
      .sort((a, b) => a.position - b.position)
      .map((part) => ({ ...part, dependedApprovedAt: joint.parts.find((p) => p.position === part.dependsOn)?.approvedAt ?? null })),
};

export const JointPart: JointPartResolvers = {
  dispatch: (part) => part.dispatch as DispatchState,
  materials: (part) => (part.materials ? (JSON.parse(part.materials) as string[]) : []),
  handoffLagMinutes: (part) =>
    part.dependedApprovedAt && part.acceptedAt ? (part.acceptedAt.getTime() - part.dependedApprovedAt.getTime()) / 60_000 : null,
};
