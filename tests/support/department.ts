import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startDepartment,
  type DepartmentDefinition,
  type RunningDepartment,
  type ServiceClient,
} from '../../services/kit/src/index.js';
import { departmentDatabaseEnv } from './department-database.js';

/** One department subgraph, really running on a free port with a throwaway database (department-database.ts). */
export interface TestDepartment {
  service: RunningDepartment;
  url: string;
  /** Where its database (`<code>.db`) and audit anchor are. */
  dataDir: string;
  stop: () => Promise<void>;
}

export async function startTestDepartment<TClient extends ServiceClient, TOwnLoaders>(
  definition: DepartmentDefinition<TClient, TOwnLoaders>,
  env: Record<string, string> = {},
  clock?: () => Date,
): Promise<TestDepartment> {
  const dataDir = mkdtempSync(join(tmpdir(), `onewindow-${definition.code}-`));
  const database = await departmentDatabaseEnv(dataDir, definition.code);
  const service = await startDepartment(
    definition,
    { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_CASES: '0', ...database, ...env },
    clock ? { clock } : {},
  );
  return {
    service,
    url: service.url,
    dataDir,
    stop: async () => {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
