/**
 * What gateway replicas share in PostgreSQL (gateway/src/state/): the audit chain and the
 * rate-limit counts, against a real cluster the test starts. Each "replica" here is its own
 * connection pool, as two gateway processes would have.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditTrail,
  auditAnchorFile,
  createLogger,
  developmentKeys,
  repoRoot,
  sharedStateFailures,
  verifyChain,
  type AuditEntry,
} from '../services/runtime/src/index.js';
import { openGatewayState, type GatewayState } from '../gateway/src/state/gateway-state.js';
import { loadGatewayEnv } from '../gateway/src/env.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const logger = createLogger('gateway-state-test', 'silent');
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-gateway-state-'));
let postgres: TestPostgres;
let url: string;
const opened: GatewayState[] = [];

const replica = async () => {
  const state = await openGatewayState({ DATA_DIR: dataDir, GATEWAY_STATE_URL: url }, logger);
  opened.push(state);
  return state;
};

const entry = (actor: string, n: number): AuditEntry => ({
  at: new Date().toISOString(),
  actor,
  role: 'supervisor',
  action: 'operation',
  target: `query-${n}`,
  detail: { n },
});

beforeAll(async () => {
  postgres = await startPostgres();
  url = await postgres.createDatabase('gateway_state');
});

afterAll(async () => {
  await Promise.all(opened.map((state) => state.close()));
  await postgres?.stop();
});

describe('the shared audit chain', () => {
  it('stays one unbroken chain while two replicas, started together, append at once', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const key = developmentKeys.auditKey;
    const trails = [a, b].map(
      (state) =>
        new AuditTrail({
          key,
          applicantSecret: key,
          transaction: state.auditTransaction,
          anchorFile: auditAnchorFile(dataDir, 'gateway'),
          logger,
        }),
    );
    // Writes in their own transactions and batched reads, interleaved across the replicas.
    await Promise.all(
      trails.flatMap((trail, t) =>
        Array.from({ length: 40 }, (_, n) =>
          n % 4 === 0
            ? [a, b][t]!.auditTransaction((table) =>
                trail.appendIn(table, [entry(`replica-${t}`, n), entry(`replica-${t}`, -n)]),
              )
            : Promise.resolve(trail.record(entry(`replica-${t}`, n))),
        ),
      ),
    );
    await Promise.all(trails.map((trail) => trail.close()));
    const records = await b.readAudit(1, 10_000);
    // 10 appends of 2 and 30 reads on each replica.
    expect(records).toHaveLength(2 * (10 * 2 + 30));
    expect(verifyChain(key, records)).toEqual([]);
    expect(new Set(records.map((r) => r.actor))).toEqual(new Set(['replica-0', 'replica-1']));
  });

  it('refuses UPDATE, DELETE and TRUNCATE to anyone using SQL', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      for (const statement of [
        'UPDATE gateway."AuditRecord" SET actor = \'someone-else\'',
        'DELETE FROM gateway."AuditRecord" WHERE seq = 1',
        'TRUNCATE gateway."AuditRecord"',
      ])
        await expect(pool.query(statement), statement).rejects.toThrow(/append-only/);
      const { rows } = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM gateway."AuditRecord"');
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });
});

describe('npm run audit:verify on the shared chain', () => {
  const verify = async (): Promise<{ code: number; output: string }> => {
    const env = { ...process.env, DATA_DIR: dataDir, GATEWAY_STATE_URL: url, NODE_ENV: 'development' };
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
        cwd: repoRoot,
        env,
      });
      return { code: 0, output: stdout };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string };
      return { code: failed.code ?? -1, output: failed.stdout ?? '' };
    }
  };
  const gatewayLine = (output: string) =>
    output.split('\n').find((line) => line.trimStart().startsWith('gateway ')) ?? '';

  it('passes the chain as written, and finds a record changed by an owner who turned the triggers off', async () => {
    const intact = await verify();
    expect(gatewayLine(intact.output)).toMatch(/gateway \(shared\)\s+\d+ records\s+ok \(anchored at \d+\)/);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await pool.query('ALTER TABLE gateway."AuditRecord" DISABLE TRIGGER USER');
      await pool.query('UPDATE gateway."AuditRecord" SET actor = \'someone-else\' WHERE seq = 3');
      await pool.query('ALTER TABLE gateway."AuditRecord" ENABLE TRIGGER USER');
    } finally {
      await pool.end();
    }
    const tampered = await verify();
    expect(tampered.code).toBe(1);
    expect(gatewayLine(tampered.output)).toMatch(/WRONG: .*3/);
  });
});

describe('the shared rate limits', () => {
  it('count a caller once across replicas, each caller on its own, and start again after the window', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const windowMs = 1500;
    const [onA, onB] = [a.limiter(5, windowMs), b.limiter(5, windowMs)];
    const answers: boolean[] = [];
    for (let i = 0; i < 8; i++) answers.push(await (i % 2 ? onB : onA).take('sub:busy'));
    expect(answers).toEqual([true, true, true, true, true, false, false, false]);
    expect(await onB.take('sub:quiet')).toBe(true);
    // Concurrent attempts are counted one after the other: exactly `limit` get through.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? onA : onB).take('ip:10.0.0.9')));
    expect(burst.filter(Boolean)).toHaveLength(5);
    await new Promise((resolve) => setTimeout(resolve, windowMs + 100));
    expect(await onA.take('sub:busy')).toBe(true);
  });

  it('fall back to counting on the replica when the database is gone, still limiting', async () => {
    const spare = await postgres.createDatabase('gateway_state_spare');
    const state = await openGatewayState({ DATA_DIR: dataDir, GATEWAY_STATE_URL: spare }, logger);
    const limiter = state.limiter(2, 60_000);
    expect(await limiter.take('sub:x')).toBe(true);
    await state.close(); // the pool is gone: every query fails from here on
    const failures = async () =>
      (await sharedStateFailures.get()).values.find((v) => v.labels.use === 'rate_limit')?.value ?? 0;
    const before = await failures();
    expect([await limiter.take('sub:x'), await limiter.take('sub:x'), await limiter.take('sub:x')]).toEqual([
      true,
      true,
      false,
    ]);
    // Operators see it on /metrics.
    expect((await failures()) - before).toBe(3);
  });
});

describe('configuration', () => {
  it('refuses a GATEWAY_STATE_URL that is not PostgreSQL, naming it', () => {
    expect(() => loadGatewayEnv({ GATEWAY_STATE_URL: 'mysql://db.county:3306/gateway' })).toThrow(/GATEWAY_STATE_URL/);
  });

  it('does not start on a shared database it cannot reach, and says which setting', async () => {
    const unreachable = 'postgres://onewindow@127.0.0.1:9/gateway_state';
    await expect(openGatewayState({ DATA_DIR: dataDir, GATEWAY_STATE_URL: unreachable }, logger)).rejects.toThrow(
      /GATEWAY_STATE_URL: the shared state database could not be opened/,
    );
  });
});
