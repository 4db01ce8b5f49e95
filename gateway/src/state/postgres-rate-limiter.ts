import type pg from 'pg';
import { GATEWAY_SCHEMA, RateLimiter, sharedStateFailures, type AttemptLimiter, type Logger } from '@onewindow/runtime';

const TABLE = `"${GATEWAY_SCHEMA}"."RateLimitWindow"`;

export const RATE_LIMIT_TABLE_SQL = `
CREATE SCHEMA IF NOT EXISTS "${GATEWAY_SCHEMA}";
CREATE TABLE IF NOT EXISTS ${TABLE} (
  "client" TEXT NOT NULL PRIMARY KEY,
  "windowStart" BIGINT NOT NULL,
  "count" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS "RateLimitWindow_windowStart_idx" ON ${TABLE} ("windowStart");
`;

/** The database's clock in epoch ms, the same for every replica (theirs may drift apart). */
const NOW_MS = '(extract(epoch FROM statement_timestamp()) * 1000)::bigint';

/**
 * Counts an attempt and answers the client's count in its window, in one statement: a window that
 * began `windowMs` ago or earlier starts again at 1. Row locks make concurrent attempts from every
 * replica count one after the other.
 */
const TAKE_SQL = `
INSERT INTO ${TABLE} AS w ("client", "windowStart", "count") VALUES ($1, ${NOW_MS}, 1)
ON CONFLICT ("client") DO UPDATE SET
  "windowStart" = CASE WHEN w."windowStart" <= ${NOW_MS} - $2 THEN ${NOW_MS} ELSE w."windowStart" END,
  "count" = CASE WHEN w."windowStart" <= ${NOW_MS} - $2 THEN 1 ELSE w."count" + 1 END
RETURNING "count"`;

const FORGET_SQL = `DELETE FROM ${TABLE} WHERE "windowStart" <= ${NOW_MS} - $1`;

/** How often expired windows are deleted; each replica does it, and the second finds little. */
const FORGET_EVERY_MS = 60_000;
/** How often a failing database is reported while the local counts stand in. */
const WARN_EVERY_MS = 60_000;

/**
 * A fixed-window limit whose counts live in PostgreSQL, shared by every gateway replica: a caller
 * gets `limit` attempts a window in all, whichever replica the load balancer sends them to. If
 * the database cannot be reached, this replica counts on its own (RateLimiter), says so in its log
 * and counts it (onewindow_gateway_shared_state_failures_total): callers are still limited, per
 * replica, instead of refused or let through unlimited.
 */
export class PostgresRateLimiter implements AttemptLimiter {
  private readonly local: RateLimiter;
  private readonly forgetTimer: NodeJS.Timeout;
  private lastWarning = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly logger: Logger,
  ) {
    this.local = new RateLimiter(limit, windowMs);
    this.forgetTimer = setInterval(() => void this.forgetExpired(), FORGET_EVERY_MS);
    this.forgetTimer.unref();
  }

  async take(client: string): Promise<boolean> {
    try {
      const { rows } = await this.pool.query<{ count: number }>(TAKE_SQL, [client, this.windowMs]);
      return (rows[0]?.count ?? 1) <= this.limit;
    } catch (error) {
      sharedStateFailures.inc({ use: 'rate_limit' });
      if (Date.now() - this.lastWarning >= WARN_EVERY_MS) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'shared rate limits unreachable: this replica counts on its own');
      }
      return this.local.take(client);
    }
  }

  close(): void {
    clearInterval(this.forgetTimer);
  }

  private async forgetExpired(): Promise<void> {
    await this.pool.query(FORGET_SQL, [this.windowMs]).catch(() => undefined);
  }
}
