import { departments, type DepartmentEntry } from '@onewindow/schema';
import { departmentOperation, type ServiceClient } from '@onewindow/runtime';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { CenterCatalogDocument, CenterWindowDecisionsDocument } from '../__generated__/department-operations.js';

export interface CatalogItem {
  id: string;
  code: string;
  name: string;
  inCenter: boolean;
  windowAuthorized: boolean;
  materials: { name: string }[];
}

/** A department's whole catalog, over GraphQL (catalogs are small: one page). */
export async function departmentCatalog(services: ServiceClient, department: DepartmentEntry): Promise<CatalogItem[]> {
  const data = await services.request(
    department.code,
    departmentOperation(CenterCatalogDocument, department),
    {},
    { timeoutMs: 5000 },
  );
  return data.template.items.edges.map((e) => e.node);
}

/** A department's decisions on record and how many were made at the window (its caseStats, one row). */
async function windowDecisions(
  services: ServiceClient,
  department: DepartmentEntry,
): Promise<{ decided: number; decidedAtWindow: number }> {
  const data = await services.request(
    department.code,
    departmentOperation(CenterWindowDecisionsDocument, department),
    {},
    { timeoutMs: 10_000 },
  );
  return data.template.caseStats[0] ?? { decided: 0, decidedAtWindow: 0 };
}

/**
 * 应进必进 and window authority per department: the catalogs' flags and the center's own
 * authorizations; and 窗口办结率, the share of the department's decisions on record made at the window.
 */
export async function catalogCoverage(db: PrismaClient, services: ServiceClient) {
  const [catalogs, decisions, authorizations] = await Promise.all([
    Promise.all(departments.map((d) => departmentCatalog(services, d))),
    Promise.all(departments.map((d) => windowDecisions(services, d))),
    db.windowAuthorization.findMany({ select: { department: true, itemCode: true } }),
  ]);
  return departments.map((department, i) => {
    const items = catalogs[i]!;
    const inCenter = items.filter((item) => item.inCenter).length;
    const authorized = new Set(authorizations.filter((a) => a.department === department.code).map((a) => a.itemCode));
    return {
      department: department.code,
      departmentName: department.name,
      items: items.length,
      inCenter,
      inCenterRate: items.length ? inCenter / items.length : 0,
      windowAuthorized: items.filter((item) => item.windowAuthorized).length,
      authorizedToChiefRepresentative: items.filter((item) => authorized.has(item.code)).length,
      ...decisions[i]!,
      windowDecisionRate: decisions[i]!.decided ? decisions[i]!.decidedAtWindow / decisions[i]!.decided : null,
    };
  });
}
