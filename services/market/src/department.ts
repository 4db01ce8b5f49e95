import { defineDepartment } from '@onewindow/kit';
import { PrismaClient } from './__generated__/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from './__generated__/prisma-postgresql/client.js';
import { access } from './access.js';
import { catalog } from './catalog.js';
import { createOwnLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { ownDemoRows } from './seed.js';

/** 市场监督管理局: the registry entry `market`, its catalog and its own data. */
export const market = defineDepartment('market', {
  Client: PrismaClient,
  PostgresClient: PostgresPrismaClient,
  catalog,
  own: { resolvers, createOwnLoaders },
  access,
  demo: { ownDemoRows, enterpriseShare: 0.7 },
});
