import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import type { Logger } from '../logger.js';
import { developmentKeys, refuseDevelopmentSecrets } from '../identity/keys.js';
import { APPLICANT_ID_PREFIX, applicantIdOf } from '../identity/applicant-id.js';
import { chainEntries, type AuditAnchor, type AuditEntry, type AuditRecord } from './chain.js';

/** The audit table as Prisma (or the gateway's own SQLite store) presents it. */
export interface AuditRecordTable {
  findFirst(args: {
    orderBy: { seq: 'desc' };
    select: { seq: true; hash: true };
  }): Promise<{ seq: number; hash: string } | null>;
  createMany(args: { data: AuditRecord[] }): Promise<unknown>;
}

export interface AuditTrailOptions {
  /** The key of the hash chain (AUDIT_KEY). */
  key: string;
  /** APPLICANT_ID_SECRET: an applicant is recorded by their opaque `Applicant.id`. */
  applicantSecret: string;
  /** Runs `work` in a write transaction of the service's database, with its audit table. */
  transaction: <T>(work: (table: AuditRecordTable) => Promise<T>) => Promise<T>;
  /** Where the anchor (the last record's place and hash) is kept, outside the database. */
  anchorFile: string;
  logger: Logger;
}

/** How long reads wait to be recorded together: one transaction for many reads. */
const FLUSH_MS = 200;
/** How often the anchor follows the chain's committed head. */
const ANCHOR_MS = 2000;

const anchorMac = (key: string, anchor: AuditAnchor) =>
  createHmac('sha256', key).update(`anchor\n${anchor.seq}\n${anchor.hash}`).digest('hex');

/**
 * An entry whose columns are text, whatever a caller passed at run time: one value the database
 * cannot store would fail its whole batch, and the batch is retried, so it would stop the trail.
 * An applicant's token names them by their ID number; the trail, which auditors read and nobody
 * may change, keeps their opaque `Applicant.id` instead, as a case's events do.
 */
function wellTyped(entry: AuditEntry, applicantSecret: string): AuditEntry {
  const { at, actor, role, action, target, detail } = entry;
  const text = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
  const applicant = text(role) === 'applicant' && !text(actor).startsWith(APPLICANT_ID_PREFIX);
  return {
    at: text(at),
    actor: applicant ? applicantIdOf(text(actor), applicantSecret) : text(actor),
    role: text(role),
    action: text(action),
    target: target === null || target === undefined ? null : text(target),
    detail: detail !== null && typeof detail === 'object' ? detail : { value: detail },
  };
}

/** Reads an anchor file; null when there is none, and an error when it was altered. */
export function readAnchor(file: string, key: string): AuditAnchor | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const stored = JSON.parse(text) as AuditAnchor & { mac?: string };
  if (stored.mac !== anchorMac(key, stored)) throw new Error(`${file} was altered: its MAC does not match`);
  return { seq: stored.seq, hash: stored.hash };
}

/**
 * A service's audit trail: who read personal data and who changed what, in the service's own
 * database, append-only (triggers refuse UPDATE and DELETE) and hash-chained (chain.ts).
 *
 * A write records itself in its own transaction (`appendIn`), so the record and the change commit
 * or roll back together. A read is queued (`record`) and written with the others of the same
 * moment in one transaction: a read changes nothing, and one write per read would make every
 * list a disk sync. The anchor file follows the committed head every few seconds, so cutting
 * records from the end of the chain is found too (npm run audit:verify).
 */
export class AuditTrail {
  private queue: AuditEntry[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly anchorTimer: NodeJS.Timeout;
  private anchored: AuditAnchor | null = null;
  /**
   * Anchor refreshes still to do: two after each append (the second catches a transaction that
   * committed after the first looked), one at start. An idle service then sends its database nothing.
   */
  private refreshesDue = 1;

  constructor(private readonly options: AuditTrailOptions) {
    this.anchorTimer = setInterval(() => void this.refreshAnchor(), ANCHOR_MS);
    this.anchorTimer.unref();
  }

  /** Appends records in the caller's transaction, after the chain's head as that transaction sees it. */
  async appendIn(table: AuditRecordTable, entries: readonly AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    this.refreshesDue = 2;
    const head = await table.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
    await table.createMany({
      data: chainEntries(
        this.options.key,
        head,
        entries.map((entry) => wellTyped(entry, this.options.applicantSecret)),
      ),
    });
  }

  /** Queues a record of a read; it is written within FLUSH_MS. */
  record(entry: AuditEntry): void {
    this.queue.push(wellTyped(entry, this.options.applicantSecret));
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes every queued record now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    const entries = this.queue;
    this.queue = [];
    if (!entries.length) return;
    this.flushing = this.options
      .transaction((table) => this.appendIn(table, entries))
      .catch((error: unknown) => {
        // Never silently: the reads stay queued and the next flush tries again.
        this.queue.unshift(...entries);
        this.options.logger.error({ err: error, records: entries.length }, 'audit records not written yet');
      });
    await this.flushing;
  }

  /** Writes the anchor file from the committed head of the chain (when something was appended since, or `always`). */
  async refreshAnchor(always = false): Promise<void> {
    if (!always && this.refreshesDue === 0) return;
    this.refreshesDue = Math.max(0, this.refreshesDue - 1);
    try {
      const head = await this.options.transaction((table) =>
        table.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } }),
      );
      if (!head || (this.anchored && this.anchored.seq === head.seq)) return;
      const file = this.options.anchorFile;
      writeFileSync(`${file}.tmp`, JSON.stringify({ ...head, mac: anchorMac(this.options.key, head) }));
      renameSync(`${file}.tmp`, file);
      this.anchored = head;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'audit anchor not updated');
    }
  }

  /** Writes what is queued and the anchor; for a clean stop. */
  async close(): Promise<void> {
    clearInterval(this.anchorTimer);
    await this.flush();
    await this.refreshAnchor(true);
  }
}

/** The audit key from AUDIT_KEY: the development key unless set, which production refuses. */
export function auditKeyFrom(config: { AUDIT_KEY?: string; NODE_ENV: 'development' | 'production' | 'test' }): string {
  if (config.NODE_ENV === 'production') {
    if (!config.AUDIT_KEY) throw new Error('NODE_ENV=production needs AUDIT_KEY: the key of the audit hash chain.');
    refuseDevelopmentSecrets({ secrets: [config.AUDIT_KEY] });
  }
  return config.AUDIT_KEY ?? developmentKeys.auditKey;
}
