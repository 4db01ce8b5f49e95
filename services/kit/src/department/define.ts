import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { ServiceClient } from '../db/database.js';
import { sameModelsClient } from '../db/postgres.js';
import type { CatalogItem } from './catalog.js';
import type { DepartmentAccess } from './access/policy.js';
import type { DepartmentDefinition } from './service.js';

/** What a department writes itself, by concern; the rest of its definition is the same for every department. */
export interface DepartmentParts<TClient extends ServiceClient, TOwnLoaders> {
  /** Its generated PrismaClient class, which the kit builds on the kit's adapter. */
  Client: new (options: { adapter: SqlDriverAdapterFactory }) => TClient;
  /**
   * The PrismaClient class generated from the PostgreSQL copy of its schema (codegen writes it for
   * a department with prisma/migrations-postgresql): the same models, for DATABASE_URL=postgres://…
   */
  PostgresClient?: new (options: { adapter: SqlDriverAdapterFactory }) => object;
  /** Its catalog, as its src/catalog.json holds it (loadCatalog). */
  catalog: readonly CatalogItem[];
  /** Its own fields: their resolvers and the per-request loaders of its own tables. */
  own: Pick<DepartmentDefinition<TClient, TOwnLoaders>, 'resolvers' | 'createOwnLoaders'>;
  /** Its demo data: its own rows for seeded cases and the share of enterprise applicants. */
  demo: Pick<DepartmentDefinition<TClient, TOwnLoaders>, 'ownDemoRows' | 'enterpriseShare'>;
  /**
   * Its own access policy, tightening the kit's (docs/security.md): which of its own fields hold
   * personal or confidential data, and anything more it refuses. None: the kit's default alone.
   */
  access?: DepartmentAccess;
}

/** The definition the kit runs a department from (registry code `code`), made from the department's own parts. */
export function defineDepartment<TClient extends ServiceClient, TOwnLoaders>(
  code: string,
  { Client, PostgresClient, catalog, own, demo, access }: DepartmentParts<TClient, TOwnLoaders>,
): DepartmentDefinition<TClient, TOwnLoaders> {
  return {
    code,
    catalog,
    createClient: (adapter, provider) => {
      if (provider === 'sqlite') return new Client({ adapter });
      if (!PostgresClient)
        throw new Error(`Department "${code}" is defined without its PostgresClient (src/department.ts)`);
      return sameModelsClient<TClient>(new PostgresClient({ adapter }));
    },
    ...own,
    ...demo,
    ...(access ? { access } : {}),
  };
}
