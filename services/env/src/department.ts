import { defineDepartment } from '@onewindow/kit';
import { PrismaClient } from './__generated__/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from './__generated__/prisma-postgresql/client.js';
import { catalog } from './catalog.js';
import { createOwnLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { ownDemoRows } from './seed.js';

/** 生态环境局: the registry entry `env`, its catalog and its own data. */
export const env = defineDepartment('env', {
  Client: PrismaClient,
  PostgresClient: PostgresPrismaClient,
  catalog,
  own: { resolvers, createOwnLoaders },
  demo: { ownDemoRows, enterpriseShare: 0.8 },
});
