/**
 * How much of a merged page each department supplied lately, per list (its order, filter and
 * departments asked). Departments differ in size by ten times and more, so an even share of a
 * page is too little for the largest: it gives all it was asked for and costs the page another
 * round trip. The first round instead asks a department for about what it gave to the last pages
 * of the same list, with room to spare, when that is more than the even share. The merge stays exact either way: a department that
 * gives all it was asked for is still asked again (crossDepartmentCases), so a wrong guess costs
 * a round trip, never a wrong page.
 */
export class PageShares {
  /** list key → department → the fraction of a page it supplied, smoothed over recent pages. */
  private readonly lists = new Map<string, Map<string, number>>();

  constructor(private readonly maxLists = 1000) {}

  /**
   * How many cases to ask each department for in a page's first round: twice the even share
   * (2 × first / n), or more for a department that supplied more to the list's recent pages
   * (1.5 times its part, plus two), never more than `first`. Never less than the even share: a
   * part learned from a small or unusual page must not cost a round trip the even share avoids,
   * and a later round waits within what is left of the first round's timeout.
   */
  firstAsk(list: string, codes: readonly string[], first: number): (code: string) => number {
    const even = codes.length > 1 ? Math.min(first, Math.ceil((2 * first) / codes.length)) : first;
    const known = this.lists.get(list);
    if (!known) return () => even;
    return (code) => {
      const part = known.get(code) ?? 0;
      // The epsilon keeps a part like 0.2 (0.2 × 75 = 15.000000000000002) from asking one more.
      return Math.min(first, Math.max(even, Math.ceil(1.5 * part * first - 1e-9) + 2));
    };
  }

  /** Remembers what each department supplied to a merged page of `size` cases (its parts sum to 1). */
  record(list: string, supplied: ReadonlyMap<string, number>, size: number): void {
    if (size === 0) return;
    const known = this.lists.get(list);
    const parts = known ?? new Map<string, number>();
    for (const [code, count] of supplied) {
      const part = count / size;
      const before = parts.get(code);
      // Half the weight to the latest page: a list's mix follows the data within a few pages.
      parts.set(code, before === undefined ? part : (before + part) / 2);
    }
    // Most recently used last, so the oldest list goes first when there are too many.
    this.lists.delete(list);
    this.lists.set(list, parts);
    if (this.lists.size > this.maxLists) this.lists.delete(this.lists.keys().next().value!);
  }
}
