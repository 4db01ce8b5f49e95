/** The outcome of asking every subgraph whether it answers. */
export interface HealthReport {
  healthy: boolean;
  /** Subgraphs that did not answer `{ __typename }` in time. */
  missing: string[];
}

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: { __typename?: string } };
    return response.ok && body.data?.__typename === 'Query';
  } catch {
    return false;
  }
}

/** Asks every subgraph at once; healthy only when all of them answer. */
export async function checkSubgraphs(urls: Record<string, string>, timeoutMs: number): Promise<HealthReport> {
  const names = Object.keys(urls);
  const results = await Promise.all(names.map((name) => answers(urls[name]!, timeoutMs)));
  const missing = names.filter((_, i) => !results[i]);
  return { healthy: missing.length === 0, missing };
}
