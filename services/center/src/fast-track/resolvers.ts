import { NotFoundError } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { centerId, localCenterNumber } from '../ids.js';
import { storedList } from '@onewindow/runtime';
import { authorizeFastTrack, isOverdue, receiveMaterials } from './fast-track.js';

/** 特事特办: fast tracks and the materials they wait for. */
export const fastTrackResolvers: Resolvers = {
  Query: {
    fastTracks: (_, { overdueOnly }, { db, now }) =>
      db.fastTrack.findMany({
        where: overdueOnly ? { completedAt: null, dueDate: { lt: now } } : {},
        orderBy: { id: 'desc' },
      }),
  },
  Mutation: {
    authorizeFastTrack: (_, { input }, { db, services, now }) => authorizeFastTrack(db, input, services, now),
    receiveFastTrackMaterials: (_, { id, materials }, { db, now }) => {
      const local = localCenterNumber(id, 'fastTrack');
      if (local === null) throw new NotFoundError(`No fast track "${id}".`, { id });
      return receiveMaterials(db, local, materials, now);
    },
  },
  FastTrack: {
    id: (track) => centerId('fastTrack', track.id),
    outstanding: (track) => storedList(track.outstanding),
    received: (track) => storedList(track.received),
    dueDate: (track) => track.dueDate.toISOString(),
    overdue: (track, _, { now }) => isOverdue(track, now),
    completedAt: (track) => track.completedAt?.toISOString() ?? null,
  },
};
