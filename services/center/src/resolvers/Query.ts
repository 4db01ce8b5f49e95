import { NotFoundError } from '@onewindow/kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { localCenterId } from './ids.js';

export const Query: QueryResolvers = {
  windows: (_, __, { db }) => db.serviceWindow.findMany({ orderBy: { id: 'asc' } }),
  window: async (_, { id }, { loaders }) => {
    const local = localCenterId(id);
    const window = local === null ? null : await loaders.windowById.load(local);
    if (!window) throw new NotFoundError(`No window "${id}".`, { id });
    return window;
  },
  staff: (_, __, { db }) => db.staff.findMany({ orderBy: { id: 'asc' } }),
};
