import { createHmac } from 'node:crypto';

/**
 * The audit trail's hash chain. Each record's hash is a keyed hash (HMAC-SHA256) over the
 * previous record's hash and the record's own canonical JSON, so a changed, removed or inserted
 * record breaks the chain from there on, and someone who can write the database but does not
 * hold the audit key cannot compute a new chain to cover it.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** What one audit record says. */
export interface AuditEntry {
  /** When, ISO 8601. */
  at: string;
  /** The verified subject (`Identity.sub`), or `service:<name>`. */
  actor: string;
  role: string;
  /** What was done: `write:approve`, `read:personal`, `operation`, … */
  action: string;
  /** What it concerned: a case ID, an operation's name. */
  target: string | null;
  /** Everything else, as an object (stored as canonical JSON). */
  detail: Record<string, unknown>;
}

/** A stored record: the entry, its place in the chain, and its hashes. */
export interface AuditRecord extends Omit<AuditEntry, 'detail'> {
  seq: number;
  /** Canonical JSON of the entry's detail. */
  detail: string;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted and undefined members left out: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const object = value as Record<string, unknown>;
  const members = Object.keys(object)
    .sort()
    .filter((key) => object[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
  return `{${members.join(',')}}`;
}

/** The hash of record `seq` following `prevHash`. */
export function recordHash(key: string, prevHash: string, record: Omit<AuditRecord, 'prevHash' | 'hash'>): string {
  const { seq, at, actor, role, action, target, detail } = record;
  return createHmac('sha256', key)
    .update(`${prevHash}\n${canonicalJson({ seq, at, actor, role, action, target, detail })}`)
    .digest('hex');
}

/** The records that follow `head` (null: the chain is empty), hashed in order. */
export function chainEntries(
  key: string,
  head: { seq: number; hash: string } | null,
  entries: readonly AuditEntry[],
): AuditRecord[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return entries.map((entry) => {
    seq += 1;
    const record = { ...entry, seq, detail: canonicalJson(entry.detail) };
    const hash = recordHash(key, prevHash, record);
    const stored: AuditRecord = { ...record, prevHash, hash };
    prevHash = hash;
    return stored;
  });
}

/** The last record's place and hash, kept outside the database to catch records cut from the end. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/**
 * Walks a chain in `seq` order and says what is wrong with it, first problem first; an empty
 * list means every record is as written. `anchor` is the last record known to exist.
 */
export function verifyChain(key: string, records: Iterable<AuditRecord>, anchor?: AuditAnchor | null): string[] {
  const problems: string[] = [];
  let prevHash = GENESIS_HASH;
  let expected = 1;
  const seen = new Map<number, string>();
  for (const record of records) {
    if (record.seq !== expected) problems.push(`record ${expected} is missing (the next one is ${record.seq})`);
    else if (record.prevHash !== prevHash)
      problems.push(`record ${record.seq} does not follow record ${record.seq - 1}`);
    if (recordHash(key, record.prevHash, record) !== record.hash) problems.push(`record ${record.seq} was changed`);
    seen.set(record.seq, record.hash);
    prevHash = record.hash;
    expected = record.seq + 1;
    if (problems.length >= 20) break;
  }
  if (anchor) {
    const last = expected - 1;
    if (last < anchor.seq) problems.push(`records after ${last} are missing (the anchor says ${anchor.seq} exist)`);
    else if (seen.get(anchor.seq) !== anchor.hash) problems.push(`record ${anchor.seq} differs from the anchor`);
  }
  return problems;
}
