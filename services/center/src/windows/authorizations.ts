import { findDepartment } from '@onewindow/schema';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  parseGlobalId,
  type Identity,
  type ServiceClient,
} from '@onewindow/runtime';
import { writeTransaction } from '@onewindow/kit';
import type { PrismaClient, Staff } from '../__generated__/prisma/client.js';
import { departmentOf } from '../access.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { localCenterId } from '../ids.js';
import { departmentCatalog } from './coverage.js';

/**
 * 窗口授权: lets a department's chief representative (首席代表) decide one of its items at the
 * window. The department grants it: the caller is an officer of the item's department (access.ts).
 * Only that department's chief representative may be authorized, and only for an item its catalog
 * has; authorizing again changes nothing.
 */
export async function authorizeAtWindow(
  db: PrismaClient,
  services: ServiceClient,
  caller: { identity: Identity; audit: RequestAudit },
  request: { staffId: string; itemId: string },
  now: Date,
): Promise<Staff> {
  const { department, localId: itemCode } = parseGlobalId(request.itemId);
  const own = departmentOf(caller.identity);
  if (department !== own)
    throw new ForbiddenError(`An officer of ${own} may not grant window authority for ${department}'s items.`, {
      department,
    });
  const local = localCenterId(request.staffId);
  const staff = local ? await db.staff.findUnique({ where: { id: local } }) : null;
  if (!staff) throw new NotFoundError(`No staff member "${request.staffId}".`, { staffId: request.staffId });
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
  await writeTransaction(db, async (tx) => {
    const existing = await tx.windowAuthorization.findUnique({
      where: { staffId_itemCode: { staffId: staff.id, itemCode } },
    });
    if (existing) return;
    await tx.windowAuthorization.create({ data: { staffId: staff.id, department, itemCode, grantedAt: now } });
    await caller.audit.write(tx, 'authorizeAtWindow', request.staffId, { item: request.itemId });
  });
  return staff;
}
