import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from './compose.js';

describe('the committed supergraph', () => {
  it('equals a fresh composition of every subgraph (run `npm run compose` when this fails)', () => {
    const committed = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
    expect(composeSupergraph().supergraphSdl).toBe(committed);
  });
});
