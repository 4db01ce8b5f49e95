/**
 * `npm run audit:verify` checks every audit trail of the hub: each department's database
 * (`<DATA_DIR>/<code>.db`), the center's (`center.db`) and the gateway's (`gateway-audit.db`).
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
import { z } from 'zod';
import { departments } from '../schema/src/index.js';
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

/** Checks one store's chain against its anchor; never throws. */
function verifyStore(store: Store, dataDir: string, key: string): Verdict {
  const anchorFile = auditAnchorFile(dataDir, store.service);
  const problems: string[] = [];
  let anchor: AuditAnchor | null = null;
  try {
    anchor = readAnchor(anchorFile, key);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
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
    problems.push(...verifyChain(key, readAuditRecords(db), anchor));
    if (count > 0 && !anchor && !problems.some((p) => p.includes(anchorFile)))
      problems.push(`there is no anchor (${anchorFile}): records cut from the end could not be found`);
    return { store, records: count, anchor, problems };
  } catch (error) {
    problems.push(`the database could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return { store, records: null, anchor, problems };
  } finally {
    db?.close();
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

const config = loadEnv(commonEnvSchema.extend({ DATA_DIR: z.string().default(`${repoRoot}.data`) }));
const key = auditKeyFrom(config);
const verdicts = auditStores(config.DATA_DIR).map((store) => verifyStore(store, config.DATA_DIR, key));
const width = Math.max(...verdicts.map((v) => v.store.service.length));
process.stdout.write(`audit:verify ${config.DATA_DIR}\n${verdicts.map((v) => describe(v, width)).join('\n')}\n`);
const wrong = verdicts.filter((v) => v.problems.length);
const none = verdicts.every((v) => v.records === null && !v.problems.length);
if (wrong.length) process.stdout.write(`${wrong.length} audit trail(s) are not as written.\n`);
else process.stdout.write(none ? 'No audit trail found.\n' : 'Every audit trail is intact.\n');
process.exit(wrong.length ? 1 : 0);
