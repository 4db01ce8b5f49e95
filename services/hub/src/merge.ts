/**
 * Orders two sort keys as SQLite's BINARY collation does: by their UTF-8 bytes, which is code
 * point order. JavaScript's `<` compares UTF-16 code units instead, and puts a character beyond
 * U+FFFF (a surrogate pair, 0xD800-0xDFFF) before U+E000-U+FFFF, where SQLite puts it after:
 * the merge would then disagree with the departments' ORDER BY. At the first differing unit, both
 * units from 0xD800 up are shifted so that surrogates sort above U+E000-U+FFFF.
 */
export function compareSortKeys(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x >= 0xe000 ? -0x800 : 0x2000;
      y += y >= 0xe000 ? -0x800 : 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** One department's page of a list, in the department's order. */
export interface DepartmentPage<T> {
  department: string;
  /** Registry position: breaks ties between departments, so the merged order is total. */
  index: number;
  /** Each case's sort key and local id: its position in the department's list. */
  edges: { key: string; id: number; node: T }[];
  hasNextPage: boolean;
}

export interface MergedEdge<T> {
  department: string;
  key: string;
  id: number;
  node: T;
}

/**
 * K-way merge of department pages that are each sorted by (key, id) in the given direction.
 * The merged order is (key, department index, id), ascending or descending, which agrees with
 * each department's own order. Takes at most `first` edges.
 */
export function mergePages<T>(
  pages: readonly DepartmentPage<T>[],
  first: number,
  direction: 'ASC' | 'DESC',
): MergedEdge<T>[] {
  const sign = direction === 'ASC' ? 1 : -1;
  const heads = pages.map(() => 0);
  const merged: MergedEdge<T>[] = [];
  while (merged.length < first) {
    let best = -1;
    for (let p = 0; p < pages.length; p += 1) {
      const edge = pages[p]!.edges[heads[p]!];
      if (!edge) continue;
      if (best < 0) {
        best = p;
        continue;
      }
      const current = pages[best]!.edges[heads[best]!]!;
      const order =
        compareSortKeys(edge.key, current.key) || pages[p]!.index - pages[best]!.index || edge.id - current.id;
      if (sign * order < 0) best = p;
    }
    if (best < 0) break;
    const page = pages[best]!;
    const edge = page.edges[heads[best]!]!;
    heads[best]! += 1;
    merged.push({ department: page.department, key: edge.key, id: edge.id, node: edge.node });
  }
  return merged;
}
