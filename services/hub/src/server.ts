import { subgraphTypeDefs } from '@onewindow/schema';
import { createLogger, listenSubgraph, type RunningServer } from '@onewindow/runtime';
import type { HubContext } from './context.js';
import { DepartmentClient } from './department-client.js';
import { loadHubEnv } from './env.js';
import { unavailableDepartmentsPlugin } from './unavailable-departments.js';
import { resolvers } from './resolvers/index.js';

/** Starts the hub. It stores nothing: every answer comes from the departments over GraphQL. */
export async function startHub(env: Record<string, string | undefined> = process.env): Promise<RunningServer> {
  const config = loadHubEnv(env);
  const logger = createLogger('hub', config.LOG_LEVEL);
  return listenSubgraph<HubContext>(
    {
      name: 'hub',
      typeDefs: subgraphTypeDefs('hub'),
      resolvers,
      logger,
      plugins: [unavailableDepartmentsPlugin()],
      createContext: (base) => ({
        ...base,
        departments: new DepartmentClient(config.departmentUrls, config.DEPARTMENT_TIMEOUT_MS, base.logger, base.requestId),
        partialErrors: [],
      }),
    },
    config.HOST,
    config.PORT,
  );
}
