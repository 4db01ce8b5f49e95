import { toGlobalId } from '@onewindow/runtime';
import type { BulletinResolvers } from '../__generated__/resolvers-types.js';
import type { BulletinLine } from '../bulletin/compute.js';

export const Bulletin: BulletinResolvers = {
  id: (bulletin) => toGlobalId('center', `B${bulletin.id}`),
  generatedAt: (bulletin) => bulletin.generatedAt.toISOString(),
  rows: (bulletin) => JSON.parse(bulletin.rows) as BulletinLine[],
};
