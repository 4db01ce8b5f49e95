import { defineDepartment } from '@onewindow/kit';
import { PrismaClient } from './__generated__/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from './__generated__/prisma-postgresql/client.js';
import { catalog } from './catalog.js';
import { createOwnLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { ownDemoRows } from './seed.js';

/** 住房和城乡建设局: the registry entry `housing`, its catalog and its construction projects. */
export const housing = defineDepartment('housing', {
  Client: PrismaClient,
  PostgresClient: PostgresPrismaClient,
  catalog,
  own: { resolvers, createOwnLoaders },
  demo: { ownDemoRows, enterpriseShare: 0.85 },
});
