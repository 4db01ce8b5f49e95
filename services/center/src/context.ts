import type { BaseContext } from '@onewindow/kit';
import type { PrismaClient } from './__generated__/prisma/client.js';
import type { CenterLoaders } from './loaders.js';

/** The context of one request to the center subgraph. */
export interface CenterContext extends BaseContext {
  db: PrismaClient;
  loaders: CenterLoaders;
  /** Where the hub answers (federated statistics for bulletins). */
  hubUrl: string;
  /** Sends every joint-application part that may go to its department now. */
  dispatchJointParts: () => Promise<number>;
}
