import { mkdirSync } from 'node:fs';
import pg from 'pg';
import {
  RateLimiter,
  createSharedTables,
  gatewayAuditFile,
  openPostgresAuditStore,
  openSqliteAuditStore,
  readAuditRecords,
  type AttemptLimiter,
  type AuditRecord,
  type AuditRecordTable,
  type Logger,
} from '@onewindow/runtime';
import { PostgresRateLimiter, RATE_LIMIT_TABLE_SQL } from './postgres-rate-limiter.js';

/**
 * What a gateway keeps beyond one request: its audit chain and its rate-limit counts. Alone, a
 * gateway keeps them itself (a SQLite file in DATA_DIR, counts in memory). Replicas behind a
 * load balancer share them in PostgreSQL (GATEWAY_STATE_URL), so any replica may serve any
 * request: one chain, one count per caller.
 */
export interface GatewayState {
  /** `shared` when the replicas share PostgreSQL, `local` when this gateway keeps its own. */
  kind: 'local' | 'shared';
  /** A limit of `limit` attempts a minute, counted where this state lives. */
  limiter(limit: number, windowMs: number): AttemptLimiter;
  /** Runs `work` in a write transaction of the audit store (AuditTrail's `transaction`). */
  auditTransaction: <T>(work: (table: AuditRecordTable) => Promise<T>) => Promise<T>;
  /** Up to `limit` audit records from `fromSeq` on, in chain order. */
  readAudit(fromSeq: number, limit: number): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

/** How long the gateway waits for the shared database: a request never hangs on it. */
const SHARED_STATE_TIMEOUT_MS = 2000;

function localState(dataDir: string): GatewayState {
  mkdirSync(dataDir, { recursive: true });
  const store = openSqliteAuditStore(gatewayAuditFile(dataDir));
  return {
    kind: 'local',
    limiter: (limit, windowMs) => new RateLimiter(limit, windowMs),
    auditTransaction: store.transaction,
    readAudit: async (fromSeq, limit) => [...readAuditRecords(store.db, fromSeq, limit)],
    close: async () => store.close(),
  };
}

async function sharedState(url: string, logger: Logger): Promise<GatewayState> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: SHARED_STATE_TIMEOUT_MS,
    query_timeout: SHARED_STATE_TIMEOUT_MS,
    application_name: 'onewindow-gateway',
  });
  // An idle connection the server dropped is reported here; the pool replaces it.
  pool.on('error', (error) => logger.warn({ err: error }, 'shared state connection lost'));
  try {
    const audit = await openPostgresAuditStore(pool);
    await createSharedTables(pool, RATE_LIMIT_TABLE_SQL);
    const limiters: PostgresRateLimiter[] = [];
    return {
      kind: 'shared',
      limiter: (limit, windowMs) => {
        const limiter = new PostgresRateLimiter(pool, limit, windowMs, logger);
        limiters.push(limiter);
        return limiter;
      },
      auditTransaction: audit.transaction,
      readAudit: audit.read,
      close: async () => {
        for (const limiter of limiters) limiter.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`GATEWAY_STATE_URL: the shared state database could not be opened: ${reason}`, { cause: error });
  }
}

/** The gateway's state: shared through GATEWAY_STATE_URL when it is set, else its own. */
export function openGatewayState(
  config: { DATA_DIR: string; GATEWAY_STATE_URL?: string },
  logger: Logger,
): Promise<GatewayState> {
  if (config.GATEWAY_STATE_URL) return sharedState(config.GATEWAY_STATE_URL, logger);
  return Promise.resolve(localState(config.DATA_DIR));
}
