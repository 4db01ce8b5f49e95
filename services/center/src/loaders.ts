import DataLoader from 'dataloader';
import type { PrismaClient, ServiceWindow, Staff } from './__generated__/prisma/client.js';

/** The center's per-request loaders. */
export function createLoaders(db: PrismaClient) {
  return {
    windowById: new DataLoader<string, ServiceWindow | null>(async (ids) => {
      const rows = await db.serviceWindow.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    staffByWindow: new DataLoader<string, Staff[]>(async (windowIds) => {
      const rows = await db.staff.findMany({ where: { windowId: { in: [...windowIds] } }, orderBy: { id: 'asc' } });
      return windowIds.map((id) => rows.filter((row) => row.windowId === id));
    }),
    authorizedItemsByStaff: new DataLoader<string, string[]>(async (staffIds) => {
      const rows = await db.windowAuthorization.findMany({ where: { staffId: { in: [...staffIds] } }, orderBy: { itemCode: 'asc' } });
      return staffIds.map((id) => rows.filter((row) => row.staffId === id).map((row) => row.itemCode));
    }),
    staffById: new DataLoader<string, Staff | null>(async (ids) => {
      const rows = await db.staff.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type CenterLoaders = ReturnType<typeof createLoaders>;
