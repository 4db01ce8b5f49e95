import { oneRowPerCase, type DepartmentContext } from '@onewindow/kit';
import type { PrismaClient } from './__generated__/prisma/client.js';

/** Housing's own per-request loaders. */
export function createOwnLoaders(db: PrismaClient) {
  return {
    projectByCase: oneRowPerCase((caseIds) => db.constructionProject.findMany({ where: { caseId: { in: caseIds } } })),
  };
}

export type OwnContext = DepartmentContext<ReturnType<typeof createOwnLoaders>>;
