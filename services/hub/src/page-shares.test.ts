import { describe, expect, it } from 'vitest';
import { PageShares } from './page-shares.js';

const CODES = ['market', 'housing', 'natres', 'env', 'tax'];

describe('PageShares: what each department is asked for in a page’s first round', () => {
  it('asks twice the even share for a list it has not seen', () => {
    const ask = new PageShares().firstAsk('list', CODES, 50);
    expect(CODES.map(ask)).toEqual([20, 20, 20, 20, 20]);
    expect(new PageShares().firstAsk('list', ['market'], 50)('market')).toBe(50);
  });

  it('then asks more of a department that supplied more, with room to spare, never less than the even share', () => {
    const shares = new PageShares();
    shares.record(
      'list',
      new Map([
        ['market', 40],
        ['housing', 10],
        ['natres', 0],
        ['env', 0],
        ['tax', 0],
      ]),
      50,
    );
    const ask = shares.firstAsk('list', CODES, 50);
    // market: 1.5 × 0.8 × 50 + 2 = 62, capped at 50; housing: 1.5 × 0.2 × 50 + 2 = 17, less than the even 20.
    expect(CODES.map(ask)).toEqual([50, 20, 20, 20, 20]);
    const ofForty = new PageShares();
    const forty = Array.from({ length: 40 }, (_, i) => `d${i}`);
    ofForty.record('list', new Map(forty.map((code, i) => [code, i === 0 ? 12 : i < 3 ? 4 : i < 33 ? 1 : 0])), 50);
    const asks = forty.map(ofForty.firstAsk('list', forty, 50));
    // 12 → 1.5 × 12 + 2 = 20; 4 → 8; 1 → ⌈1.5⌉ + 2 = 4; none → the even share, 3.
    expect([asks[0], asks[1], asks[2], asks[3], asks[39]]).toEqual([20, 8, 8, 4, 3]);
    // Another list of the same departments has learned nothing.
    expect(shares.firstAsk('other', CODES, 50)('market')).toBe(20);
  });

  it('follows a change of mix within a few pages', () => {
    const shares = new PageShares();
    shares.record(
      'list',
      new Map([
        ['market', 50],
        ['housing', 0],
      ]),
      50,
    );
    for (let page = 0; page < 4; page += 1)
      shares.record(
        'list',
        new Map([
          ['market', 0],
          ['housing', 50],
        ]),
        50,
      );
    const ask = shares.firstAsk('list', ['market', 'housing'], 50);
    // market's part: 1 halved four times = 1/16, so it is back to the even share; housing's: 15/16.
    expect(ask('market')).toBe(50);
    expect(ask('housing')).toBe(50);
    const three = ['market', 'housing', 'natres'];
    const mixed = new PageShares();
    mixed.record(
      'list',
      new Map([
        ['market', 50],
        ['housing', 0],
        ['natres', 0],
      ]),
      50,
    );
    for (let page = 0; page < 4; page += 1)
      mixed.record(
        'list',
        new Map([
          ['market', 0],
          ['housing', 50],
          ['natres', 0],
        ]),
        50,
      );
    expect(three.map(mixed.firstAsk('list', three, 50))).toEqual([34, 50, 34]);
  });

  it('learns nothing from an empty page, and forgets the least recently used list beyond its bound', () => {
    const shares = new PageShares(2);
    shares.record('a', new Map([['market', 0]]), 0);
    expect(shares.firstAsk('a', CODES, 50)('market')).toBe(20);
    shares.record('a', new Map([['market', 50]]), 50);
    shares.record('b', new Map([['market', 50]]), 50);
    shares.record('a', new Map([['market', 50]]), 50); // a is used again: b is now the oldest
    shares.record('c', new Map([['market', 50]]), 50);
    expect(shares.firstAsk('a', CODES, 50)('market')).toBe(50);
    expect(shares.firstAsk('b', CODES, 50)('market')).toBe(20);
    expect(shares.firstAsk('c', CODES, 50)('market')).toBe(50);
  });
});
