import { oneRowPerCase, type DepartmentContext } from '@onewindow/kit';
import type { PrismaClient } from './__generated__/prisma/client.js';

/** Ecology and environment's own per-request loaders. */
export function createOwnLoaders(db: PrismaClient) {
  return {
    assessmentByCase: oneRowPerCase((caseIds) =>
      db.environmentalAssessment.findMany({ where: { caseId: { in: caseIds } } }),
    ),
  };
}

export type OwnContext = DepartmentContext<ReturnType<typeof createOwnLoaders>>;
