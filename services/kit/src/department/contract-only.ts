import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DepartmentEntry } from '@onewindow/schema';
import { PrismaClient } from '../__generated__/prisma/client.js';
import { loadCatalog } from './catalog-file.js';
import type { ServiceClient } from '../db/database.js';
import type { DepartmentDefinition } from './service.js';

/** The kit's folder: its prisma/ holds the contract's models and (linked) migrations alone. */
const kitDir = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The definition of a contract-only department (declared in CONTRACT_DEPARTMENTS_FILE): the
 * contract's tables, fields and lifecycle with its catalog, and nothing of its own. The kit's
 * client and the contract's migrations serve it, so it needs no folder under services/.
 */
export function contractOnlyDepartment(entry: DepartmentEntry): DepartmentDefinition<ServiceClient, object> {
  if (!entry.catalogFile) throw new Error(`Department "${entry.code}" has a folder of its own, not a catalog file`);
  return {
    code: entry.code,
    serviceDir: kitDir,
    catalog: loadCatalog(pathToFileURL(entry.catalogFile)),
    createClient: (adapter) => new PrismaClient({ adapter }),
    createOwnLoaders: () => ({}),
    resolvers: {},
    enterpriseShare: 0.5,
  };
}
