import { toGlobalId } from '@onewindow/kit';
import type { DispatchState, JointApplicationResolvers, JointPartResolvers, JointStatus } from '../__generated__/resolvers-types.js';
import { jointStatus } from '../joint/status.js';
import { localCenterNumber } from '../ids.js';

export const JointApplication: JointApplicationResolvers = {
  // A department's case names its joint application by ID; the gateway asks the center for the rest.
  __resolveReference: async (reference, { loaders }) => {
    const id = localCenterNumber(reference.id, 'J');
    return id === null ? null : loaders.jointApplicationById.load(id);
  },
  id: (joint) => toGlobalId('center', `J${joint.id}`),
  status: (joint) => jointStatus(joint.parts) as JointStatus,
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
