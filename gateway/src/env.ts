import { fileURLToPath } from 'node:url';
import { gatewayPort, subgraphNames, subgraphUrl } from '@onewindow/schema';
import { commonEnvSchema, loadEnv, portSchema, signingKeyEnv } from '@onewindow/runtime';
import { userTokenDefaults } from './identity/user-tokens.js';
import { z } from 'zod';

const gatewayEnvSchema = commonEnvSchema.extend({
  PORT: portSchema.default(gatewayPort),
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url))),
  /** How long /health waits for each subgraph. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1500),
  /**
   * The query planner: Hive's JavaScript planner (the default), or its Rust planner
   * (@graphql-hive/router-runtime). The default is the planner that answers every generated
   * query exactly like @apollo/gateway (tests/reliability/differential.test.ts); the Rust planner
   * costs the gateway less CPU but drops fields selected twice with different sub-selections,
   * so it answers some valid queries wrongly (see the README).
   */
  GATEWAY_PLANNER: z.enum(['js', 'rust']).default('js'),
  /**
   * Identical requests in flight at the same moment, from the same identity, share one execution
   * (32 supervisors opening the same dashboard), and identical subgraph calls in flight share one
   * call. Identity = the Authorization header. `false` turns both off.
   */
  GATEWAY_DEDUPLICATE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The identity provider (统一身份认证) whose tokens are accepted: README "Identity". */
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_JWKS_FILE: z.string().optional(),
  AUTH_ISSUER: z.string().min(1).default(userTokenDefaults.AUTH_ISSUER),
  AUTH_AUDIENCE: z.string().min(1).default(userTokenDefaults.AUTH_AUDIENCE),
  AUTH_ROLE_CLAIM: z.string().min(1).default(userTokenDefaults.AUTH_ROLE_CLAIM),
  AUTH_DEPARTMENT_CLAIM: z.string().min(1).default(userTokenDefaults.AUTH_DEPARTMENT_CLAIM),
  AUTH_ITEMS_CLAIM: z.string().min(1).default(userTokenDefaults.AUTH_ITEMS_CLAIM),
  /**
   * Proxies in front of the gateway whose X-Forwarded-For is believed (addresses or CIDR ranges,
   * comma-separated). None by default: the client's address is the connection's peer.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  ...signingKeyEnv,
});

export interface GatewayConfig extends z.infer<typeof gatewayEnvSchema> {
  /** Every subgraph's URL: the registry default unless `<NAME>_URL` overrides it. */
  subgraphUrls: Record<string, string>;
}

/** The gateway's configuration, validated at start (all problems reported at once). */
export function loadGatewayEnv(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const config = loadEnv(gatewayEnvSchema, env);
  return { ...config, subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(name, env)])) };
}
