import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random.js';
import { splitByWeights } from './seed.js';

describe('splitByWeights', () => {
  it('gives every share within one case of its exact part, adding up to the total', () => {
    const rng = new SeededRandom('split');
    for (let run = 0; run < 500; run += 1) {
      const total = rng.int(0, 100_000);
      const weights = Array.from({ length: rng.int(1, 40) }, () => (rng.next() < 0.2 ? 0 : rng.next() * 10));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const shares = splitByWeights(total, weights);
      const sum = weights.reduce((a, b) => a + b, 0);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      shares.forEach((share, i) => {
        expect(Number.isInteger(share)).toBe(true);
        expect(Math.abs(share - (total * weights[i]!) / sum)).toBeLessThan(1);
        if (weights[i] === 0) expect(share).toBe(0);
      });
    }
  });

  it('splits evenly as the seeder always did: the first departments take the remainder', () => {
    expect(splitByWeights(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByWeights(11, [1, 1, 1])).toEqual([4, 4, 3]);
  });

  it('refuses weights that say nothing', () => {
    expect(() => splitByWeights(10, [0, 0])).toThrow(/not all 0/);
    expect(() => splitByWeights(10, [1, -1])).toThrow(/at least 0/);
    expect(() => splitByWeights(10, [Number.NaN])).toThrow(/finite/);
  });
});
