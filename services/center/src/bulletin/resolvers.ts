import { NotFoundError } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { centerId } from '../ids.js';
import type { BulletinLine } from './compute.js';
import { publishBulletin } from './publish.js';

/** Lines as stored with the bulletin: written by computeBulletin, never changed since. */
const storedLines = (json: string): BulletinLine[] => JSON.parse(json);

/** 月通报: monthly bulletins. Who may use what: access.ts. */
export const bulletinResolvers: Resolvers = {
  Query: {
    bulletin: async (_, { month, version }, { db }) => {
      const found = await db.bulletin.findFirst({
        where: { month, ...(version != null ? { version } : {}) },
        orderBy: { version: 'desc' },
      });
      if (!found)
        throw new NotFoundError(`No bulletin for ${month}${version != null ? ` version ${version}` : ''}.`, { month });
      return found;
    },
  },
  Mutation: {
    generateBulletin: (_, { month, supersede }, { db, services, actor, audit, now }) =>
      publishBulletin(db, services, { month, generatedBy: actor, supersede: supersede ?? false }, audit, now),
  },
  Bulletin: {
    id: (bulletin) => centerId('bulletin', bulletin.id),
    generatedAt: (bulletin) => bulletin.generatedAt.toISOString(),
    rows: (bulletin) => storedLines(bulletin.rows),
  },
};
