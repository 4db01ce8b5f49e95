import type { DepartmentDefinition } from '@onewindow/kit';
import { PrismaClient } from './__generated__/prisma/client.js';
import { catalog } from './catalog.js';
import { createOwnLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { ownDemoRows } from './seed.js';

/** 自然资源局: the registry entry `natres`, its catalog and its own data. */
export const natres: DepartmentDefinition<PrismaClient, ReturnType<typeof createOwnLoaders>> = {
  code: 'natres',
  catalog,
  createClient: (adapter) => new PrismaClient({ adapter }),
  createOwnLoaders,
  resolvers,
  ownDemoRows,
  enterpriseShare: 0.35,
};
