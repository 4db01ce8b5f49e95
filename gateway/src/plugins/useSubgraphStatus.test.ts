import { describe, expect, it } from 'vitest';
import { MAX_SAMPLES, SubgraphTimings } from './useSubgraphStatus.js';

describe("the gateway's timings of its subgraph calls", () => {
  it('summarizes the last five minutes: count, errors, median and 95th percentile', () => {
    const timings = new SubgraphTimings();
    const now = 10_000_000;
    // 100 calls of 1..100 ms, every tenth failing, and older calls that no longer count.
    for (let ms = 1; ms <= 100; ms += 1) timings.record('market', ms, ms % 10 !== 0, now - 1000);
    for (let i = 0; i < 50; i += 1) timings.record('market', 5000, false, now - 6 * 60_000);
    expect(timings.recent('market', now)).toEqual({ requests: 100, errors: 10, p50Ms: 50, p95Ms: 95 });
    expect(timings.recent('tax', now)).toEqual({ requests: 0, errors: 0, p50Ms: null, p95Ms: null });
  });

  it('keeps a bounded number of calls under heavy load', () => {
    const timings = new SubgraphTimings();
    for (let i = 0; i < 5 * MAX_SAMPLES; i += 1) timings.record('hub', 1, true, 1000);
    const kept = timings.recent('hub', 1000).requests;
    expect(kept).toBeGreaterThanOrEqual(MAX_SAMPLES);
    expect(kept).toBeLessThanOrEqual(2 * MAX_SAMPLES);
  });
});
