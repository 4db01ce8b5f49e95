import { oneRowPerCase, type DepartmentContext } from '@onewindow/kit';
import type { PrismaClient } from './__generated__/prisma/client.js';

/** Taxation's own per-request loaders. */
export function createOwnLoaders(db: PrismaClient) {
  return {
    transactionByCase: oneRowPerCase((caseIds) =>
      db.propertyTransaction.findMany({ where: { caseId: { in: caseIds } } }),
    ),
  };
}

export type OwnContext = DepartmentContext<ReturnType<typeof createOwnLoaders>>;
