import { centerService } from '@onewindow/schema';
import { commonEnvSchema, loadEnv, portSchema, repoRoot } from '@onewindow/kit';
import { z } from 'zod';

const centerEnvSchema = commonEnvSchema.extend({
  PORT: portSchema.default(centerService.port),
  DATA_DIR: z.string().default(`${repoRoot}.data`),
});

export type CenterEnv = z.infer<typeof centerEnvSchema>;

/** The center's configuration, validated at start (all problems reported at once). */
export function loadCenterEnv(env: Record<string, string | undefined> = process.env): CenterEnv {
  return loadEnv(centerEnvSchema, env);
}
