import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_DOCUMENT, lifecycleMarkdown } from './document.js';

describe('docs/lifecycle.md', () => {
  it('is the lifecycle table as it is now (run `npm run codegen` when this fails)', () => {
    const committed = readFileSync(new URL(`../../../../../${LIFECYCLE_DOCUMENT}`, import.meta.url), 'utf8');
    expect(committed).toBe(lifecycleMarkdown());
  });
});
