import { oneRowPerCase, type DepartmentContext } from '@onewindow/kit';
import type { PrismaClient } from './__generated__/prisma/client.js';

/** Natural resources' own per-request loaders. */
export function createOwnLoaders(db: PrismaClient) {
  return {
    parcelByCase: oneRowPerCase((caseIds) => db.landParcel.findMany({ where: { caseId: { in: caseIds } } })),
  };
}

export type OwnContext = DepartmentContext<ReturnType<typeof createOwnLoaders>>;
