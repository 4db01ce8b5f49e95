/**
 * `npm run audit:verify` checks every audit trail of the hub: each department's database
 * (`<DATA_DIR>/<code>.db`, or its PostgreSQL database when `<CODE>_DATABASE_URL` is set), the
 * center's (`center.db`, or CENTER_DATABASE_URL) and the gateway's (`gateway-audit.db`, or the chain
 * the replicas share in PostgreSQL when GATEWAY_STATE_URL is set).
 * For each it walks the hash chain with the audit key and compares its end with the anchor file
 * beside it (`<service>.audit-anchor.json`), so a changed, removed, inserted or reordered record,
 * records cut from the end and an altered anchor are all found. The databases are opened read-only.
 *
 * It prints one line per store and exits 1 if anything is wrong, 0 otherwise. AUDIT_KEY and
 * DATA_DIR are read from the environment as the services read them (the development key and
 * `<repo>/.data` unless set).
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import { databaseUrlVariable, departments } from '../schema/src/index.js';
import {
  auditAnchorFile,
  auditKeyFrom,
  commonEnvSchema,
  gatewayAuditFile,
  loadEnv,
  readAnchor,
  readAuditRecords,
  repoRoot,
  verifyChain,
  type AuditAnchor,
  type AuditRecord,
  GATEWAY_SCHEMA,
} from '../services/runtime/src/index.js';
import { databaseFile } from '../services/kit/src/db/database.js';

interface Store {
  /** The service whose trail it is (the anchor file is named after it). */
  service: string;
  file: string;
}

interface Verdict {
  store: Store;
  /** How many records the chain has; null when there is no database. */
  records: number | null;
  anchor: AuditAnchor | null;
  problems: string[];
}

/** Every audit store of a data directory: the registered departments, the center, the gateway. */
function auditStores(dataDir: string): Store[] {
  return [
    ...departments.map(({ code }) => ({ service: code, file: databaseFile(dataDir, code) })),
    { service: 'center', file: databaseFile(dataDir, 'center') },
    { service: 'gateway', file: gatewayAuditFile(dataDir) },
  ];
}

/** A store's anchor, with what was wrong with it. */
function anchorOf(service: string, dataDir: string, key: string): { anchor: AuditAnchor | null; problems: string[] } {
  try {
    return { anchor: readAnchor(auditAnchorFile(dataDir, service), key), problems: [] };
  } catch (error) {
    return { anchor: null, problems: [error instanceof Error ? error.message : String(error)] };
  }
}

/** What the chain and its anchor say together: the chain's problems, and a missing anchor. */
function chainProblems(
  service: string,
  dataDir: string,
  key: string,
  records: Iterable<AuditRecord>,
  count: number,
  anchor: AuditAnchor | null,
  problems: string[],
): string[] {
  const anchorFile = auditAnchorFile(dataDir, service);
  const found = [...problems, ...verifyChain(key, records, anchor)];
  if (count > 0 && !anchor && !found.some((p) => p.includes(anchorFile)))
    found.push(`there is no anchor (${anchorFile}): records cut from the end could not be found`);
  return found;
}

/** Checks one store's chain against its anchor; never throws. */
function verifyStore(store: Store, dataDir: string, key: string): Verdict {
  const { anchor, problems } = anchorOf(store.service, dataDir, key);
  if (!existsSync(store.file)) {
    // A service that never ran has no database; one whose database went away still has its anchor.
    if (anchor) problems.push(`the database is missing, but its anchor says ${anchor.seq} records exist`);
    return { store, records: null, anchor, problems };
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(store.file, { readonly: true, fileMustExist: true });
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'AuditRecord'`).get();
    if (!table) return { store, records: 0, anchor, problems: [...problems, 'the database has no audit table'] };
    const { count } = db.prepare('SELECT COUNT(*) AS count FROM "AuditRecord"').get() as { count: number };
    const found = chainProblems(store.service, dataDir, key, readAuditRecords(db), count, anchor, problems);
    return { store, records: count, anchor, problems: found };
  } catch (error) {
    problems.push(`the database could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return { store, records: null, anchor, problems };
  } finally {
    db?.close();
  }
}

/**
 * Checks a chain kept in PostgreSQL, read-only, against the anchor in DATA_DIR: the one gateway
 * replicas share (GATEWAY_STATE_URL), or a service's own database (`<NAME>_DATABASE_URL`, as
 * `npm start` gives it); never throws.
 */
async function verifyPostgresStore(
  chain: { service: string; name: string; url: string; table: string },
  dataDir: string,
  key: string,
): Promise<Verdict> {
  const { service, name, url, table } = chain;
  const store = { service: name, file: `${new URL(url).host}${new URL(url).pathname}` };
  const { anchor, problems } = anchorOf(service, dataDir, key);
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'onewindow-audit-verify' });
  try {
    const records: AuditRecord[] = [];
    for (let from = 1; ;) {
      const { rows } = await pool.query<AuditRecord & { seq: string }>(
        `SELECT * FROM ${table} WHERE "seq" >= $1 ORDER BY "seq" LIMIT 10000`,
        [from],
      );
      records.push(...rows.map((row) => ({ ...row, seq: Number(row.seq) })));
      if (rows.length < 10_000) break;
      from = records.at(-1)!.seq + 1;
    }
    const found = chainProblems(service, dataDir, key, records, records.length, anchor, problems);
    return { store, records: records.length, anchor, problems: found };
  } catch (error) {
    problems.push(`the shared database could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return { store, records: null, anchor, problems };
  } finally {
    await pool.end();
  }
}

function describe(verdict: Verdict, width: number): string {
  const name = verdict.store.service.padEnd(width);
  if (verdict.records === null && !verdict.problems.length) return `  ${name}  no database`;
  const records = `${verdict.records ?? '?'} records`.padStart(14);
  if (!verdict.problems.length) {
    const anchored = verdict.anchor ? ` (anchored at ${verdict.anchor.seq})` : '';
    return `  ${name}  ${records}  ok${anchored}`;
  }
  return `  ${name}  ${records}  WRONG: ${verdict.problems.join('; ')}`;
}

const config = loadEnv(
  commonEnvSchema.extend({
    DATA_DIR: z.string().default(`${repoRoot}.data`),
    GATEWAY_STATE_URL: z.string().optional(),
  }),
);
const key = auditKeyFrom(config);
/** A service whose data is in PostgreSQL: its database, as `npm start` and the department host are given it. */
const postgresOf = (service: string) => process.env[databaseUrlVariable(service)];
const stores = auditStores(config.DATA_DIR).filter(
  (store) => !(config.GATEWAY_STATE_URL && store.service === 'gateway') && !postgresOf(store.service),
);
const verdicts = stores.map((store) => verifyStore(store, config.DATA_DIR, key));
for (const service of [...departments.map((d) => d.code), 'center']) {
  const url = postgresOf(service);
  if (url)
    verdicts.push(
      await verifyPostgresStore({ service, name: service, url, table: '"AuditRecord"' }, config.DATA_DIR, key),
    );
}
if (config.GATEWAY_STATE_URL) {
  const shared = { service: 'gateway', name: 'gateway (shared)', url: config.GATEWAY_STATE_URL };
  verdicts.push(
    await verifyPostgresStore({ ...shared, table: `"${GATEWAY_SCHEMA}"."AuditRecord"` }, config.DATA_DIR, key),
  );
}
const width = Math.max(...verdicts.map((v) => v.store.service.length));
process.stdout.write(`audit:verify ${config.DATA_DIR}\n${verdicts.map((v) => describe(v, width)).join('\n')}\n`);
const wrong = verdicts.filter((v) => v.problems.length);
const none = verdicts.every((v) => v.records === null && !v.problems.length);
if (wrong.length) process.stdout.write(`${wrong.length} audit trail(s) are not as written.\n`);
else process.stdout.write(none ? 'No audit trail found.\n' : 'Every audit trail is intact.\n');
process.exit(wrong.length ? 1 : 0);
