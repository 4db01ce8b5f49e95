import { z } from 'zod';
import {
  commonEnvSchema,
  createLogger,
  loadEnv,
  portSchema,
  SubgraphHost,
  type RunningServer,
} from '@onewindow/runtime';
import { startDepartment, type RunningDepartment } from '@onewindow/kit';
import { databaseUrlVariable } from '@onewindow/schema';
import { departmentDefinition, namedDepartments } from './department-definitions.js';

/** The host's own settings; each department reads the rest of the environment as it would alone. */
const hostEnvSchema = commonEnvSchema.extend({
  /** `all`, or the registry codes of the departments this process serves, separated by commas. */
  HOSTED_DEPARTMENTS: z.string().min(1, 'name the departments to host, or all'),
  PORT: portSchema.default(4010),
  /** One database cannot serve several departments: each has its own, `<CODE>_DATABASE_URL`. */
  DATABASE_URL: z
    .undefined({ error: 'the host serves several departments: give each its own, e.g. HOUSING_DATABASE_URL' })
    .optional(),
});

export interface RunningHost extends RunningServer {
  /** Each hosted department, by code, as startDepartment returns it. */
  departments: Map<string, RunningDepartment>;
}

/**
 * Starts one process that serves several departments, each at http://HOST:PORT/<code>/graphql
 * with its own database, migrations, schema and sweeps. The departments start one after the
 * other (each migrates its own database first); a department that fails to start stops the host,
 * so a county never runs with a department silently missing.
 */
export async function startHost(env: Record<string, string | undefined> = process.env): Promise<RunningHost> {
  const config = loadEnv(hostEnvSchema, env);
  const codes = namedDepartments(config.HOSTED_DEPARTMENTS);
  const logger = createLogger('host', config.LOG_LEVEL);
  const host = new SubgraphHost();
  const url = await host.listen(config.HOST, config.PORT);
  const running = new Map<string, RunningDepartment>();
  const stop = async () => {
    await host.close();
    for (const department of running.values()) await department.stop();
  };
  try {
    for (const code of codes) {
      // A department on PostgreSQL: its own <CODE>_DATABASE_URL; the others keep their SQLite files.
      const database = env[databaseUrlVariable(code)];
      const departmentEnv = { ...env, DATABASE_URL: database };
      running.set(code, await startDepartment(await departmentDefinition(code), departmentEnv, { sharedHost: host }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ url, departments: codes }, 'host listening');
  return { url, departments: running, stop };
}
