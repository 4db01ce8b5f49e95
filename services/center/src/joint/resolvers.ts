import { checkPageSize, NotFoundError } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { CenterContext } from '../context.js';
import { centerId, localCenterId, localCenterNumber } from '../ids.js';
import { storedList } from '@onewindow/runtime';
import { createJointApplication } from './create.js';
import { extendJointApplication, jointClock, storedJointKind } from './limit.js';
import { jointApplications } from './list.js';
import { jointStatus } from './status.js';
import { storedDispatchState, type JointApplicationRow } from './types.js';

const clock = (joint: JointApplicationRow, context: CenterContext) =>
  jointClock(joint, context.now, context.warningDays);

/** 并联审批: joint applications, their parts, limit and extension. */
export const jointResolvers: Resolvers = {
  Query: {
    jointApplication: async (_, { id }, { loaders }) => {
      const local = localCenterNumber(id, 'jointApplication');
      const joint = local === null ? null : await loaders.jointApplicationById.load(local);
      if (!joint) throw new NotFoundError(`No joint application "${id}".`, { id });
      return joint;
    },
    jointApplications: (_, { supervisionLevels, openOnly, first }, { db, now, warningDays }) =>
      jointApplications(
        db,
        { levels: supervisionLevels ?? null, openOnly: openOnly ?? true, first: checkPageSize(first, 50, 200) },
        now,
        warningDays,
      ),
  },
  Mutation: {
    createJointApplication: (_, { input }, { db, services, logger, jointLimits, dispatchJointParts, now }) =>
      createJointApplication(db, input, { services, logger, jointLimits, dispatchJointParts }, now),
    extendJointApplication: (_, { id, approvedBy, reason, workingDays, staffId }, { db, now }) => {
      const jointId = localCenterNumber(id, 'jointApplication');
      if (jointId === null) throw new NotFoundError(`No joint application "${id}".`, { id });
      const staff = localCenterId(staffId);
      if (!staff) throw new NotFoundError(`No staff member "${staffId}".`, { field: 'staffId' });
      return extendJointApplication(db, { jointId, approvedBy, reason, workingDays, staffId: staff }, now);
    },
  },
  JointApplication: {
    // A department's case names its joint application by ID; the gateway asks the center for the rest.
    __resolveReference: async (reference, { loaders }) => {
      const id = localCenterNumber(reference.id, 'jointApplication');
      return id === null ? null : loaders.jointApplicationById.load(id);
    },
    id: (joint) => centerId('jointApplication', joint.id),
    status: (joint) => jointStatus(joint.parts),
    kind: (joint) => storedJointKind(joint.kind),
    acceptedAt: (joint) => joint.createdAt.toISOString(),
    deadline: (joint, _, context) => clock(joint, context).deadline.toISOString(),
    deadlineProvisional: (joint, _, context) => clock(joint, context).deadlineProvisional,
    concludedAt: (joint) => joint.concludedAt?.toISOString() ?? null,
    extended: (joint) => joint.extensionWorkingDays !== null,
    overdue: (joint, _, context) => clock(joint, context).overdue,
    remainingWorkingDays: (joint, _, context) => clock(joint, context).remainingWorkingDays,
    supervisionLevel: (joint, _, context) => clock(joint, context).supervisionLevel,
    // The extension's notice is kept under the application's own ID.
    notifications: (joint, _, { db }) =>
      db.notification.findMany({ where: { caseId: centerId('jointApplication', joint.id) }, orderBy: { id: 'desc' } }),
    parts: (joint) =>
      [...joint.parts]
        .sort((a, b) => a.position - b.position)
        .map((part) => ({
          ...part,
          dependedApprovedAt: joint.parts.find((p) => p.position === part.dependsOn)?.approvedAt ?? null,
        })),
  },
  JointPart: {
    dispatch: (part) => storedDispatchState(part.dispatch),
    materials: (part) => storedList(part.materials),
    handoffLagMinutes: (part) =>
      part.dependedApprovedAt && part.acceptedAt
        ? (part.acceptedAt.getTime() - part.dependedApprovedAt.getTime()) / 60_000
        : null,
  },
};
