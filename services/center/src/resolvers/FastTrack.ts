import { toGlobalId } from '@onewindow/runtime';
import type { FastTrackResolvers } from '../__generated__/resolvers-types.js';
import { isOverdue } from '../fast-track/fast-track.js';

export const FastTrack: FastTrackResolvers = {
  id: (track) => toGlobalId('center', `F${track.id}`),
  outstanding: (track) => JSON.parse(track.outstanding) as string[],
  received: (track) => JSON.parse(track.received) as string[],
  dueDate: (track) => track.dueDate.toISOString(),
  overdue: (track, _, { now }) => isOverdue(track, now()),
  completedAt: (track) => track.completedAt?.toISOString() ?? null,
};
