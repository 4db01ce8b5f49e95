import { oneRowPerCase, type DepartmentContext } from '@onewindow/kit';
import type { PrismaClient } from './__generated__/prisma/client.js';

/** Market regulation's own per-request loaders. */
export function createOwnLoaders(db: PrismaClient) {
  return {
    enterpriseByCase: oneRowPerCase((caseIds) => db.enterprise.findMany({ where: { caseId: { in: caseIds } } })),
  };
}

export type OwnContext = DepartmentContext<ReturnType<typeof createOwnLoaders>>;
