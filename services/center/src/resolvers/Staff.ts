import { toGlobalId } from '@onewindow/runtime';
import type { StaffResolvers, StaffRole } from '../__generated__/resolvers-types.js';
import { localCenterId } from '../ids.js';

export const Staff: StaffResolvers = {
  __resolveReference: async (reference, { loaders }) => {
    const id = localCenterId(reference.id);
    return id === null ? null : loaders.staffById.load(id);
  },
  id: (staff) => toGlobalId('center', staff.id),
  role: (staff) => staff.role as StaffRole,
  window: (staff, _, { loaders }) => (staff.windowId ? loaders.windowById.load(staff.windowId) : null),
  authorizedItems: (staff, _, { loaders }) => loaders.authorizedItemsByStaff.load(staff.id),
};
