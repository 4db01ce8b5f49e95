import { fileURLToPath } from 'node:url';
import { gatewayPort, subgraphNames, subgraphUrl } from '@onewindow/schema';
import {
  applicantSecretEnv,
  MAX_DOCUMENT_TOKENS,
  ROLES,
  SUBGRAPH_LIMITS,
  commonEnvSchema,
  loadEnv,
  portSchema,
  repoRoot,
  signingKeyEnv,
  withApplicantSecret,
} from '@onewindow/runtime';
import { userTokenDefaults } from './identity/user-tokens.js';
import { z } from 'zod';

/** A comma-separated list, without blanks. */
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

const limit = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The operation limits (docs/security.md, "Operation limits"). The defaults let every query of
 * the tests, the bench and the README through (the deepest nests 7 fields, generated ones carry up
 * to 33 aliases and 11 root fields, the costliest estimate is about 2,400) and refuse the bombs:
 * `cases(first: 500) { … applicant { cases(first: 500) … } }` is estimated at a million.
 */
const limitsEnvSchema = {
  /** How deep fields may nest (`{ a { b } }` is 2); subgraphs allow a few levels more for their planners. */
  MAX_DEPTH: limit(2, SUBGRAPH_LIMITS.depth - 4, 12),
  /** How many aliases (`a: field`) one operation may carry. */
  MAX_ALIASES: limit(0, SUBGRAPH_LIMITS.aliases / 2, 50),
  /** How many root fields one operation may select (each may fan out to every department). */
  MAX_ROOT_FIELDS: limit(1, 100, 15),
  /** How many tokens a document may have; never more than the subgraphs accept. */
  MAX_TOKENS: limit(100, MAX_DOCUMENT_TOKENS, MAX_DOCUMENT_TOKENS),
  /**
   * The highest estimated cost of an operation: each object asked for, times the sizes of the
   * lists around it (`first`, or COST_LIST_SIZE for a list without one).
   */
  MAX_COST: limit(100, 10_000_000, 10_000),
  /** How many items a list without a `first` argument is assumed to hold, for the estimate. */
  COST_LIST_SIZE: limit(1, 1000, 10),
  /**
   * Operations per minute per signed-in caller (`sub`), and per client address for the public;
   * 0 turns a limit off. Over it: 429 RATE_LIMITED.
   */
  RATE_LIMIT_PER_MINUTE: limit(0, 1_000_000, 600),
  RATE_LIMIT_PUBLIC_PER_MINUTE: limit(0, 1_000_000, 120),
  /**
   * Roles that may only send the trusted documents (gateway/trusted-documents/), by their ID;
   * e.g. `public`. Nobody by default.
   */
  PERSISTED_ONLY_ROLES: list.pipe(z.array(z.enum(ROLES))),
  /**
   * Origins whose pages may call the gateway from a browser (comma-separated, e.g.
   * `https://dashboard.county.gov.cn`). None by default: no cross-origin access.
   */
  CORS_ORIGINS: list.pipe(z.array(z.url({ protocol: /^https?$/ }))),
  /** GraphiQL at /graphql in a browser: on unless NODE_ENV=production. */
  GRAPHIQL: z.enum(['true', 'false']).optional(),
};

const gatewayEnvSchema = commonEnvSchema
  .extend({
    /** Where the gateway's audit database (gateway-audit.db) and its anchor are kept. */
    DATA_DIR: z.string().default(`${repoRoot}.data`),
    /**
     * A PostgreSQL database that gateway replicas share (postgres://user:password@host:port/db):
     * their audit chain and their rate-limit counts live there, so any replica may serve any
     * request. Unset: this gateway keeps them itself (gateway-audit.db, counts in memory).
     */
    GATEWAY_STATE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    PORT: portSchema.default(gatewayPort),
    SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url))),
    /** How long /health waits for each subgraph. */
    HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1500),
    /**
     * How long a query waits for a department's answer when the gateway asks it itself (its own
     * fields: an overview's openCases); then its part is missing from the result, named by a
     * DEPARTMENT_UNAVAILABLE error.
     */
    DEPARTMENT_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(5000),
    /**
     * How long anything else waits for a subgraph: a mutation (longer than a department's 10 s wait
     * for a locked database, after which it answers SERVICE_BUSY), and a query to the hub or the
     * center, which answer within their own waits for the departments (the hub's
     * DEPARTMENT_TIMEOUT_MS) with what they got.
     */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
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
    TRUSTED_PROXIES: list,
    /** The built web front (web/dist), served at /. Built by `npm start` and `npm test` (npm run build:web). */
    WEB_DIST_DIR: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
    /**
     * Where the web front sends a person to sign in with the county's identity provider (统一身份认证),
     * which sends them back to `/#/signed-in?token=…`. Unset while the development issuer is in use:
     * the web front then offers its development sign-in page, which picks a demo role.
     */
    WEB_LOGIN_URL: z.url({ protocol: /^https?$/ }).optional(),
    ...limitsEnvSchema,
    ...signingKeyEnv,
    /** The audit trail records an applicant by their `Applicant.id`, made with the departments' secret. */
    ...applicantSecretEnv,
  })
  .transform(withApplicantSecret);

export interface GatewayConfig extends Omit<z.infer<typeof gatewayEnvSchema>, 'GRAPHIQL'> {
  /** Every subgraph's URL: the registry default unless `<NAME>_URL` overrides it. */
  subgraphUrls: Record<string, string>;
  /** Whether GraphiQL is served: GRAPHIQL, else on unless NODE_ENV=production. */
  GRAPHIQL: boolean;
}

/** The gateway's configuration, validated at start (all problems reported at once). */
export function loadGatewayEnv(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const config = loadEnv(gatewayEnvSchema, env);
  return {
    ...config,
    GRAPHIQL: config.GRAPHIQL === undefined ? config.NODE_ENV !== 'production' : config.GRAPHIQL === 'true',
    subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(name, env)])),
  };
}
