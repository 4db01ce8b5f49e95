import type { PrismaClient } from '../__generated__/prisma/client.js';

/**
 * The contract tables as the kit sees them. A department's own client has these models and its
 * own besides; the kit types its access with the client generated from the contract models
 * alone (prisma/contract.prisma), which is the same tables.
 */
export type KitDatabase = PrismaClient;

/**
 * Views a department's client as the kit's. The two generated clients describe the same contract
 * tables but TypeScript cannot prove it (their Prisma namespaces are distinct), hence the cast,
 * kept to this one place.
 */
export function asKitDatabase(client: object): KitDatabase {
  return client as KitDatabase;
}
