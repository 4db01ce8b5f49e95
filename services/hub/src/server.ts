import { subgraphTypeDefs } from '@onewindow/schema';
import {
  ServiceClient,
  createLogger,
  currentIdentityToken,
  identityVerifierFrom,
  listenSubgraph,
  type RunningServer,
} from '@onewindow/runtime';
import type { HubContext } from './context.js';
import { loadHubEnv } from './env.js';
import { CallBudgets } from './call-budget.js';
import { PageShares } from './page-shares.js';
import { unavailableDepartmentsPlugin } from './unavailable-departments.js';
import { resolvers } from './resolvers/index.js';

/** Starts the hub. It stores nothing: every answer comes from the departments over GraphQL. */
export async function startHub(env: Record<string, string | undefined> = process.env): Promise<RunningServer> {
  const config = loadHubEnv(env);
  const logger = createLogger('hub', config.LOG_LEVEL);
  // One client for every request: its connections to the departments stay open between requests.
  const departments = new ServiceClient({
    urls: config.departmentUrls,
    timeoutMs: config.DEPARTMENT_TIMEOUT_MS,
    logger,
    caller: 'hub',
  });
  const budgets = new CallBudgets(config.MAX_DEPARTMENT_CALLS);
  const pageShares = new PageShares();
  return listenSubgraph<HubContext>(
    {
      name: 'hub',
      typeDefs: subgraphTypeDefs('hub'),
      resolvers,
      logger,
      identity: await identityVerifierFrom(config),
      // The catalog across departments; the departments decide on everything else the hub asks them.
      publicAccess: { fields: ['departments', 'department', 'items'] },
      plugins: [unavailableDepartmentsPlugin()],
      createContext: (base) => ({
        ...base,
        departments,
        partialErrors: [],
        callBudget: budgets.of(currentIdentityToken(), base.operationId),
        pageShares,
      }),
    },
    { host: config.HOST, port: config.PORT },
  );
}
