import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  canonicalJson,
  chainEntries,
  recordHash,
  verifyChain,
  type AuditEntry,
  type AuditRecord,
} from './chain.js';

const KEY = 'a'.repeat(32);
const entry = (n: number): AuditEntry => ({
  at: `2026-11-30T08:00:0${n % 10}.000Z`,
  actor: `user-${n}`,
  role: 'officer',
  action: 'write:approve',
  target: `housing:${n}`,
  detail: { n, note: `record ${n}` },
});
const chain = (count: number) =>
  chainEntries(
    KEY,
    null,
    Array.from({ length: count }, (_, i) => entry(i + 1)),
  );

describe('canonicalJson', () => {
  it('gives the same text for the same value, whatever the key order; undefined members are left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson([undefined, new Date('2026-01-01T00:00:00Z')])).toBe('[null,"2026-01-01T00:00:00.000Z"]');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('the hash chain', () => {
  it('starts at the genesis hash, numbers records from 1, and links each to the one before', () => {
    const records = chain(3);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0]!.prevHash).toBe(GENESIS_HASH);
    expect(records[1]!.prevHash).toBe(records[0]!.hash);
    expect(records[0]!.detail).toBe('{"n":1,"note":"record 1"}');
    expect(verifyChain(KEY, records)).toEqual([]);
    // Continuing from a head gives the same records as one long chain.
    const head = records[1]!;
    expect(chainEntries(KEY, head, [entry(3)])).toEqual([records[2]]);
  });

  it('is keyed: the same records hash differently under another key, and do not verify', () => {
    const records = chain(2);
    expect(chainEntries('b'.repeat(32), null, [entry(1)])[0]!.hash).not.toBe(records[0]!.hash);
    expect(verifyChain('b'.repeat(32), records)).toEqual(['record 1 was changed', 'record 2 was changed']);
  });

  it.each(['at', 'actor', 'role', 'action', 'target', 'detail'] as const)('finds a change of %s', (column) => {
    const records = chain(4);
    records[1] = { ...records[1]!, [column]: column === 'target' ? null : `${records[1]![column]}x` };
    expect(verifyChain(KEY, records)).toEqual(['record 2 was changed']);
  });

  it('finds a record rehashed with a guessed key: the next one no longer follows', () => {
    const records = chain(4);
    const forged = { ...records[1]!, actor: 'mallory' };
    records[1] = { ...forged, hash: recordHash('guess'.repeat(8), forged.prevHash, forged) };
    expect(verifyChain(KEY, records)).toEqual(['record 2 was changed', 'record 3 does not follow record 2']);
  });

  it('finds a removed, an inserted and a reordered record', () => {
    const records = chain(5);
    expect(verifyChain(KEY, [...records.slice(0, 2), ...records.slice(3)])).toEqual([
      'record 3 is missing (the next one is 4)',
    ]);
    const inserted: AuditRecord = { ...records[2]!, seq: 6 };
    expect(verifyChain(KEY, [...records, inserted])).toEqual([
      'record 6 does not follow record 5',
      'record 6 was changed',
    ]);
    const swapped = [records[0]!, records[2]!, records[1]!, records[3]!, records[4]!];
    expect(verifyChain(KEY, swapped)[0]).toBe('record 2 is missing (the next one is 3)');
  });

  it('finds records cut from the end only with the anchor, and an anchor that does not match', () => {
    const records = chain(5);
    const anchor = { seq: 5, hash: records[4]!.hash };
    expect(verifyChain(KEY, records.slice(0, 4))).toEqual([]);
    expect(verifyChain(KEY, records.slice(0, 4), anchor)).toEqual([
      'records after 4 are missing (the anchor says 5 exist)',
    ]);
    expect(verifyChain(KEY, records, { seq: 3, hash: records[3]!.hash })).toEqual(['record 3 differs from the anchor']);
    // Records written after the anchor was last updated are fine.
    expect(verifyChain(KEY, records, { seq: 3, hash: records[2]!.hash })).toEqual([]);
  });
});
