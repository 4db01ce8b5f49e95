import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, found from this file rather than from the current directory. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Variables every service reads. */
export const commonEnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * The public keys of the issuers of identity tokens this service trusts (identity/configuration.ts);
   * the development keys unless set. Required in production.
   */
  IDENTITY_KEYS: z.string().optional(),
  /** The key of the audit trail's hash chain (at least 32 characters); the development key unless set. */
  AUDIT_KEY: z.string().min(32).optional(),
});

/**
 * A setting that is missing or wrong: the service cannot start until a person changes it, so
 * starting it again would fail the same way (runUntilSignalled exits with EX_CONFIG for it).
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * Validates the environment against a zod schema and reports every problem at once, so a
 * misconfigured service stops at start with one clear message.
 */
export function loadEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
  throw new ConfigurationError(`Invalid configuration:\n${problems.join('\n')}`);
}

/** A TCP port from the environment; 0 asks the OS for a free one (tests). */
export const portSchema = z.coerce.number().int().min(0).max(65535);
