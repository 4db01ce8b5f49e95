import { NotFoundError, storedList } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { departmentOf, grantOf } from '../access.js';
import { centerId, localCenterNumber, shownPerson } from '../ids.js';
import { authorizeFastTrack, isOverdue, receiveMaterials } from './fast-track.js';

/** 特事特办: fast tracks and the materials they wait for. Who may use what: access.ts. */
export const fastTrackResolvers: Resolvers = {
  Query: {
    fastTracks: (_, { overdueOnly }, { db, identity, now }) =>
      db.fastTrack.findMany({
        where: {
          ...(overdueOnly ? { completedAt: null, dueDate: { lt: now } } : {}),
          // An officer or chief: the fast tracks of their department's cases (`<department>:<n>`).
          ...(grantOf(identity, 'fastTracks') === 'department'
            ? { caseId: { startsWith: `${departmentOf(identity)}:` } }
            : {}),
        },
        orderBy: { id: 'desc' },
      }),
  },
  Mutation: {
    authorizeFastTrack: (_, { input }, { db, services, actor, audit, now }) =>
      authorizeFastTrack(db, input, services, { actor, audit }, now),
    receiveFastTrackMaterials: (_, { id, materials }, { db, audit, now }) => {
      const local = localCenterNumber(id, 'fastTrack');
      if (local === null) throw new NotFoundError(`No fast track "${id}".`, { id });
      return receiveMaterials(db, audit, local, materials, now);
    },
  },
  FastTrack: {
    id: (track) => centerId('fastTrack', track.id),
    authorizedBy: (track) => shownPerson(track.authorizedBy),
    outstanding: (track) => storedList(track.outstanding),
    received: (track) => storedList(track.received),
    dueDate: (track) => track.dueDate.toISOString(),
    overdue: (track, _, { now }) => isOverdue(track, now),
    completedAt: (track) => track.completedAt?.toISOString() ?? null,
  },
};
