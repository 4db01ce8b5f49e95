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
    staffById: new DataLoader<string, Staff | null>(async (ids) => {
      const rows = await db.staff.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type CenterLoaders = ReturnType<typeof createLoaders>;
