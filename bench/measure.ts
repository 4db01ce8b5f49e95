import autocannon from 'autocannon';

/** One figure of a run, as bench/results/latest.json holds it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** `<= 2` or `>= 0.5`, or null for a figure with no target. */
  target: string | null;
  met: boolean | null;
}

/** Records a figure of the run (bench/run.ts prints and keeps it). */
export type RecordFigure = (
  name: string,
  value: number,
  unit: string,
  target?: { atMost?: number; atLeast?: number },
) => void;

export interface Latency {
  p50: number;
  p99: number;
}

/** The p-th percentile of sorted values (NaN for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The headers every request carries (who asks: bench/identity.ts), asked for anew per request. */
let signedHeaders: () => Promise<Record<string, string>> = async () => ({});

/** Makes every request of this module act as whoever `headers` says (renewed as its tokens expire). */
export function signRequestsWith(headers: () => Promise<Record<string, string>>): void {
  signedHeaders = headers;
}

/** Requests sent again because a kept-alive connection had been closed by the server while idle. */
export let staleConnectionRetries = 0;

/**
 * POSTs once. A connection that sat idle while the bench measured something else may have been
 * closed by the server just as it is reused; that is the client's stale socket, not an answer,
 * so the request goes once more on a fresh connection (and is counted).
 */
async function postOnce(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  const all = { 'content-type': 'application/json', ...(await signedHeaders()), ...headers };
  const send = () => fetch(url, { method: 'POST', headers: all, body });
  try {
    return await send();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    staleConnectionRetries += 1;
    return send();
  }
}

/** Milliseconds of one GraphQL POST, answered without errors. */
export async function timeRequest(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const response = await postOnce(url, body, headers);
  const json = (await response.json()) as { errors?: unknown[] };
  const elapsed = performance.now() - started;
  if (!response.ok || json.errors)
    throw new Error(`${url} answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return elapsed;
}

/**
 * p50 and p99 of each target, asked in turn (one request to each per round, after a warm-up), so
 * that targets compared with each other meet the same moments of a shared, noisy machine.
 */
export async function interleavedLatency(
  /** Each target's request: one body, or a body per round (varied parameters, the same for every target in a round). */
  targets: Record<string, { url: string; body: string | ((round: number) => string) }>,
  samples: number,
): Promise<Partial<Record<string, Latency>>> {
  const names = Object.keys(targets);
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -Math.min(10, samples); round < samples; round += 1) {
    // The order rotates each round: whoever goes first (after the others' work, or after a pause) is not always the same one.
    const start = ((round % names.length) + names.length) % names.length;
    for (const name of [...names.slice(start), ...names.slice(0, start)]) {
      const { url, body } = targets[name]!;
      const elapsed = await timeRequest(url, typeof body === 'string' ? body : body(round));
      if (round >= 0) times[name]!.push(elapsed);
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = times[name]!.sort((a, b) => a - b);
      return [name, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
    }),
  );
}

/** p50 of an in-process function (the raw SQL floor). */
export async function inProcess(run: () => unknown, samples: number): Promise<Latency> {
  for (let i = 0; i < 5; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

export interface Throughput {
  requestsPerSecond: number;
  /** Answers per second that were whole: no error, no department left out. What throughput means here. */
  completePerSecond: number;
  p99: number;
  /** Requests that failed or answered with a status other than 2xx. */
  errors: number;
  /** Answers received. */
  answers: number;
  /** 200 answers that carry GraphQL errors (a partial answer: some department did not answer in time). */
  answersWithErrors: number;
}

/**
 * Requests per second with `connections` clients sending the same POST for `seconds`. With
 * `identities`, each connection acts as a person of its own (its headers signed now: a run lasts
 * seconds, well inside a token's life), so nothing can merge one client's request with another's.
 */
export async function throughput(
  url: string,
  body: string,
  connections: number,
  seconds: number,
  identities?: (connection: number) => Promise<Record<string, string>>,
): Promise<Throughput> {
  const own = identities ? await Promise.all(Array.from({ length: connections }, (_, i) => identities(i))) : null;
  let connection = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await signedHeaders()) },
    body,
    connections,
    duration: seconds,
    ...(own
      ? {
          setupClient: (client: { setHeaders: (headers: Record<string, string>) => void }) =>
            client.setHeaders({ 'content-type': 'application/json', ...own[connection++ % own.length] }),
        }
      : {}),
    // Counted apart (autocannon's "mismatches"); the answer is still a response.
    verifyBody: (text) => !String(text ?? '').includes('"errors"'),
  });
  const complete = result.requests.total - result.mismatches - result.non2xx;
  return {
    requestsPerSecond: result.requests.average,
    completePerSecond: complete / (result.duration || seconds),
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    answers: result.requests.total,
    answersWithErrors: result.mismatches,
  };
}
