import { describe, expect, it } from 'vitest';
import { departments } from '@onewindow/schema';
import { loadCatalog } from './catalog-file.js';
import { SeededRandom } from './random.js';
import { generateDemoHistory, splitByWeights } from './seed.js';

describe('generateDemoHistory', () => {
  const catalog = loadCatalog(new URL('../../../housing/src/catalog.json', import.meta.url));
  const history = (now: string, cases = 2000) =>
    generateDemoHistory({
      department: departments.find((d) => d.code === 'housing')!,
      catalog,
      cases,
      now: new Date(now),
      enterpriseShare: 0.5,
      applicantSecret: 'seed-test-secret',
    });

  // 2026-12-02 is a Wednesday, a working day: at 00:10 none of its office hours has come, at noon half has.
  it.each(['2026-12-02T00:10:00+08:00', '2026-12-02T12:00:00+08:00', '2026-12-02T23:00:00+08:00'])(
    'holds exactly the cases asked for, all in the past, when seeded at %s',
    (now) => {
      const { cases, events } = history(now);
      expect(cases).toHaveLength(2000);
      expect(cases.map((c) => c.row.id)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
      for (const { row } of cases) expect(row.submittedAt.getTime()).toBeLessThanOrEqual(Date.parse(now));
      for (const event of events) expect(event.at.getTime()).toBeLessThanOrEqual(Date.parse(now));
    },
  );
});

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
