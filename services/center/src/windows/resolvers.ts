import { NotFoundError } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { requireGrant } from '../access.js';
import { centerKeyId, localCenterId } from '../ids.js';
import { authorizeAtWindow } from './authorizations.js';
import { catalogCoverage } from './coverage.js';
import { storedStaffRole, storedWindowKind } from './hall.js';

/** The hall: windows, staff, window authorizations and catalog coverage. Who may use what: access.ts. */
export const windowsResolvers: Resolvers = {
  Query: {
    catalogCoverage: (_, __, { db, services }) => catalogCoverage(db, services),
    windows: (_, __, { db }) => db.serviceWindow.findMany({ orderBy: { id: 'asc' } }),
    window: async (_, { id }, { loaders }) => {
      const local = localCenterId(id);
      const window = local === null ? null : await loaders.windowById.load(local);
      if (!window) throw new NotFoundError(`No window "${id}".`, { id });
      return window;
    },
    staff: (_, __, { db }) => db.staff.findMany({ orderBy: { id: 'asc' } }),
  },
  Mutation: {
    authorizeAtWindow: (_, { staffId, itemId }, { db, services, identity, audit, now }) =>
      authorizeAtWindow(db, services, { identity, audit }, { staffId, itemId }, now),
  },
  ServiceWindow: {
    __resolveReference: async (reference, { loaders, identity }) => {
      requireGrant(identity, 'window');
      const id = localCenterId(reference.id);
      return id === null ? null : loaders.windowById.load(id);
    },
    id: (window) => centerKeyId(window.id),
    number: (window) => window.id,
    kind: (window) => storedWindowKind(window.kind),
    staff: (window, _, { loaders }) => loaders.staffByWindow.load(window.id),
  },
  Staff: {
    __resolveReference: async (reference, { loaders, identity }) => {
      requireGrant(identity, 'staff');
      const id = localCenterId(reference.id);
      return id === null ? null : loaders.staffById.load(id);
    },
    id: (staff) => centerKeyId(staff.id),
    role: (staff) => storedStaffRole(staff.role),
    window: (staff, _, { loaders }) => (staff.windowId ? loaders.windowById.load(staff.windowId) : null),
    authorizedItems: (staff, _, { loaders }) => loaders.authorizedItemsByStaff.load(staff.id),
  },
};
