import { ref, type Ref } from 'vue';
import { messageOf } from './client';

/**
 * A page's requests: `busy` while one runs, `failure` with the message a person reads when one
 * fails (cleared by the next). `run` resolves with the work's result, or undefined when it failed.
 */
export function useAction() {
  const busy = ref(false);
  const failure = ref<string | null>(null);
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    failure.value = null;
    try {
      return await work();
    } catch (error) {
      failure.value = messageOf(error);
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { busy, failure, run };
}

/** One page of a cross-department connection, as the hub answers it. */
export interface ConnectionPage<T> {
  totalCount: number;
  incompleteDepartments: readonly string[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: readonly { node: T }[];
}

/**
 * A list read page by page ("load more"): the rows so far, the total, and the departments missing
 * from it. `fetchPage(after)` asks for one page and says which departments did not answer.
 */
export function usePagedList<T>(
  fetchPage: (after: string | null) => Promise<{ page: ConnectionPage<T>; unavailable: string[] }>,
) {
  const { busy, failure, run } = useAction();
  const rows: Ref<T[]> = ref([]);
  const total = ref<number | null>(null);
  const hasMore = ref(false);
  const unavailable = ref<string[]>([]);
  let cursor: string | null = null;
  async function load(more = false) {
    const answer = await run(() => fetchPage(more ? cursor : null));
    if (!answer) return;
    const { page } = answer;
    const nodes = page.edges.map((edge) => edge.node);
    rows.value = more ? [...rows.value, ...nodes] : nodes;
    total.value = page.totalCount;
    cursor = page.pageInfo.endCursor ?? null;
    hasMore.value = page.pageInfo.hasNextPage;
    unavailable.value = [...new Set([...answer.unavailable, ...page.incompleteDepartments])];
  }
  return { rows, total, hasMore, unavailable, busy, failure, load };
}
