import { checkPageSize, NotFoundError, storedList, type Identity } from '@onewindow/runtime';
import type { Prisma } from '../__generated__/prisma/client.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { departmentOf, grantOf, readsMasked, requireGrant } from '../access.js';
import type { CenterContext } from '../context.js';
import { readNotifications } from '../feed/resolvers.js';
import { centerId, localCenterNumber } from '../ids.js';
import { createJointApplication } from './create.js';
import { extendJointApplication, jointClock, storedJointKind } from './limit.js';
import { jointApplications } from './list.js';
import { jointStatus } from './status.js';
import { storedDispatchState, type JointApplicationRow } from './types.js';

const clock = (joint: JointApplicationRow, context: CenterContext) =>
  jointClock(joint, context.now, context.warningDays);

/**
 * The joint applications `identity` may see (access.ts): an applicant their own (by the ID number
 * they signed in with), an officer or chief those with a part in their department, else all.
 */
function jointScope(identity: Identity): Prisma.JointApplicationWhereInput {
  switch (requireGrant(identity, 'jointApplications')) {
    case 'own':
      return { applicantIdNumber: identity.sub.trim().toUpperCase() };
    case 'department':
      return { parts: { some: { department: departmentOf(identity) } } };
    default:
      return {};
  }
}

/** Whether `identity` may see the joint application: what jointScope lets through. */
function visible(identity: Identity, joint: JointApplicationRow): boolean {
  switch (requireGrant(identity, 'jointApplication')) {
    case 'own':
      return joint.applicantIdNumber === identity.sub.trim().toUpperCase();
    case 'department':
      return joint.parts.some((part) => part.department === identity.department);
    default:
      return true;
  }
}

/** A joint application by global ID, if it exists and the caller may see it. */
async function visibleJoint(id: string, context: CenterContext): Promise<JointApplicationRow | null> {
  const local = localCenterNumber(id, 'jointApplication');
  const joint = local === null ? null : await context.loaders.jointApplicationById.load(local);
  return joint && visible(context.identity, joint) ? joint : null;
}

/** 并联审批: joint applications, their parts, limit and extension. Who may use what: access.ts. */
export const jointResolvers: Resolvers = {
  Query: {
    // Another's application reads as one that does not exist.
    jointApplication: async (_, { id }, context) => {
      const joint = await visibleJoint(id, context);
      if (!joint) throw new NotFoundError(`No joint application "${id}".`, { id });
      return joint;
    },
    jointApplications: (_, { supervisionLevels, openOnly, first }, { db, identity, now, warningDays }) =>
      jointApplications(
        db,
        {
          levels: supervisionLevels ?? null,
          openOnly: openOnly ?? true,
          first: checkPageSize(first, 50, 200),
          scope: jointScope(identity),
        },
        now,
        warningDays,
      ),
  },
  Mutation: {
    createJointApplication: (_, { input }, context) => {
      const { db, services, logger, jointLimits, dispatchJointParts, actor, audit, now } = context;
      return createJointApplication(
        db,
        input,
        { services, logger, jointLimits, dispatchJointParts },
        { actor, audit },
        now,
      );
    },
    extendJointApplication: (
      _,
      { id, approvedBy, reason, workingDays },
      { db, actor, audit, applicantSecret, now },
    ) => {
      const jointId = localCenterNumber(id, 'jointApplication');
      if (jointId === null) throw new NotFoundError(`No joint application "${id}".`, { id });
      return extendJointApplication(
        db,
        { jointId, approvedBy, reason, workingDays },
        { actor, audit, applicantSecret },
        now,
      );
    },
  },
  JointApplication: {
    // A department's case names its joint application by ID; the gateway asks the center for the
    // rest, as the caller: one they may not see is null.
    __resolveReference: (reference, context) => visibleJoint(reference.id, context),
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
    // The extension's notice is kept under the application's own ID. What the applicant was told is
    // not an analyst's to read.
    notifications: async (joint, _, { db, identity, audit }) =>
      readsMasked(identity) || grantOf(identity, 'notifications') === 'no'
        ? []
        : readNotifications(
            audit,
            await db.notification.findMany({
              where: { caseId: centerId('jointApplication', joint.id) },
              orderBy: { id: 'desc' },
            }),
          ),
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
