import { departments, type DepartmentEntry } from '@onewindow/schema';
import { DepartmentUnavailableError } from '@onewindow/kit';
import type { PrismaClient } from '../__generated__/prisma/client.js';

interface CatalogItem {
  id: string;
  code: string;
  inCenter: boolean;
  windowAuthorized: boolean;
}

/** A department's whole catalog, over GraphQL (catalogs are small: one page). */
export async function departmentCatalog(url: string, department: DepartmentEntry): Promise<CatalogItem[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ ${department.code} { items(first: 200) { edges { node { id code inCenter windowAuthorized } } } } }` }),
    signal: AbortSignal.timeout(5000),
  }).catch(() => null);
  const body = (await response?.json().catch(() => null)) as { data?: Record<string, { items: { edges: { node: CatalogItem }[] } }> } | null;
  const edges = body?.data?.[department.code]?.items.edges;
  if (!edges) throw new DepartmentUnavailableError(department.code, 'its catalog could not be read');
  return edges.map((e) => e.node);
}

/** 应进必进 and window authority per department: the catalogs' flags and the center's own authorizations. */
export async function catalogCoverage(db: PrismaClient, urls: Record<string, string>) {
  const [catalogs, authorizations] = await Promise.all([
    Promise.all(departments.map((d) => departmentCatalog(urls[d.code]!, d))),
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
    };
  });
}
