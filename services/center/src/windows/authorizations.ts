import { findDepartment } from '@onewindow/schema';
import { BadUserInputError, NotFoundError, parseGlobalId, type ServiceClient } from '@onewindow/runtime';
import type { PrismaClient, Staff } from '../__generated__/prisma/client.js';
import { localCenterId } from '../ids.js';
import { departmentCatalog } from './coverage.js';

/**
 * 窗口授权: lets a department's chief representative (首席代表) decide one of its items at the
 * window. Only that department's chief representative may be authorized, and only for an item its
 * catalog has; authorizing again changes nothing.
 */
export async function authorizeAtWindow(
  db: PrismaClient,
  services: ServiceClient,
  request: { staffId: string; itemId: string },
  now: Date,
): Promise<Staff> {
  const local = localCenterId(request.staffId);
  const staff = local ? await db.staff.findUnique({ where: { id: local } }) : null;
  if (!staff) throw new NotFoundError(`No staff member "${request.staffId}".`, { staffId: request.staffId });
  const { department, localId: itemCode } = parseGlobalId(request.itemId);
  if (staff.role !== 'CHIEF_REPRESENTATIVE' || staff.departmentCode !== department) {
    throw new BadUserInputError(
      `${staff.name} is not ${department}'s chief representative; only they may be authorized for its items.`,
      { field: 'staffId' },
    );
  }
  const entry = findDepartment(department)!;
  const catalog = await departmentCatalog(services, entry);
  if (!catalog.some((item) => item.code === itemCode)) {
    throw new BadUserInputError(`${entry.name} has no item "${itemCode}".`, { field: 'itemId' });
  }
  await db.windowAuthorization.upsert({
    where: { staffId_itemCode: { staffId: staff.id, itemCode } },
    update: {},
    create: { staffId: staff.id, department, itemCode, grantedAt: now },
  });
  return staff;
}
