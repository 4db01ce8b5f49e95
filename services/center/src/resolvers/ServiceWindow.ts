import { toGlobalId } from '@onewindow/runtime';
import type { ServiceWindowResolvers, WindowKind } from '../__generated__/resolvers-types.js';
import { localCenterId } from '../ids.js';

export const ServiceWindow: ServiceWindowResolvers = {
  __resolveReference: async (reference, { loaders }) => {
    const id = localCenterId(reference.id);
    return id === null ? null : loaders.windowById.load(id);
  },
  id: (window) => toGlobalId('center', window.id),
  number: (window) => window.id,
  kind: (window) => window.kind as WindowKind,
  staff: (window, _, { loaders }) => loaders.staffByWindow.load(window.id),
};
