import { describe, expect, it } from 'vitest';
import { mergePages, type DepartmentPage } from './merge.js';

const page = (
  department: string,
  index: number,
  rows: [key: string, id: number][],
  hasNextPage = false,
): DepartmentPage<string> => ({
  department,
  index,
  hasNextPage,
  edges: rows.map(([key, id]) => ({ key, id, node: `${department}:${id}` })),
});

describe('merging department pages', () => {
  it('interleaves ascending pages by key, then registry position, then id', () => {
    const merged = mergePages(
      [
        page('a', 0, [
          ['1', 5],
          ['3', 1],
        ]),
        page('b', 1, [
          ['1', 2],
          ['2', 9],
        ]),
      ],
      10,
      'ASC',
    );
    expect(merged.map((e) => e.node)).toEqual(['a:5', 'b:2', 'b:9', 'a:1']);
  });

  it('reverses the whole order for descending pages, ties included', () => {
    const merged = mergePages(
      [
        page('a', 0, [
          ['3', 1],
          ['1', 5],
        ]),
        page('b', 1, [
          ['2', 9],
          ['1', 2],
        ]),
      ],
      10,
      'DESC',
    );
    expect(merged.map((e) => e.node)).toEqual(['a:1', 'b:9', 'b:2', 'a:5']);
  });

  it('takes no more than asked for, and copes with empty pages', () => {
    const merged = mergePages(
      [
        page('a', 0, []),
        page('b', 1, [
          ['1', 1],
          ['2', 2],
          ['3', 3],
        ]),
      ],
      2,
      'ASC',
    );
    expect(merged.map((e) => e.node)).toEqual(['b:1', 'b:2']);
    expect(mergePages([], 5, 'ASC')).toEqual([]);
  });
});
