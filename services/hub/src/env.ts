import { departments, hubService, subgraphUrl } from '@onewindow/schema';
import { commonEnvSchema, loadEnv, portSchema } from '@onewindow/runtime';
import { z } from 'zod';

const hubEnvSchema = commonEnvSchema.extend({
  PORT: portSchema.default(hubService.port),
  /** How long the hub waits for one department before answering without it. */
  DEPARTMENT_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /**
   * The most department calls one client request may make (however the gateway splits it into hub
   * requests). A list costs one per department (a few more for a page one department dominates);
   * `Applicant.cases` under a list costs that per applicant.
   */
  MAX_DEPARTMENT_CALLS: z.coerce.number().int().min(10).max(10_000).default(200),
});

export interface HubConfig extends z.infer<typeof hubEnvSchema> {
  /** Each registered department's subgraph URL (`<CODE>_URL` overrides the default). */
  departmentUrls: Record<string, string>;
}

/** The hub's configuration, validated at start (all problems reported at once). */
export function loadHubEnv(env: Record<string, string | undefined> = process.env): HubConfig {
  const config = loadEnv(hubEnvSchema, env);
  const departmentUrls = Object.fromEntries(departments.map((d) => [d.code, subgraphUrl(d.code, env)]));
  for (const [code, url] of Object.entries(departmentUrls)) {
    if (!URL.canParse(url)) throw new Error(`Invalid configuration:\n  ${code.toUpperCase()}_URL: not a URL: ${url}`);
  }
  return { ...config, departmentUrls };
}
