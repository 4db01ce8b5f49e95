import { defineDepartment } from '@onewindow/kit';
import { PrismaClient } from './__generated__/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from './__generated__/prisma-postgresql/client.js';
import { catalog } from './catalog.js';
import { createOwnLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { ownDemoRows } from './seed.js';

/** 自然资源局: the registry entry `natres`, its catalog and its own data. */
export const natres = defineDepartment('natres', {
  Client: PrismaClient,
  PostgresClient: PostgresPrismaClient,
  catalog,
  own: { resolvers, createOwnLoaders },
  demo: { ownDemoRows, enterpriseShare: 0.35 },
});
