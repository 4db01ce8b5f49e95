import autocannon from 'autocannon';

export interface Latency {
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Milliseconds of one GraphQL POST, answered without errors. */
export async function timeRequest(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await response.json()) as { errors?: unknown[] };
  const elapsed = performance.now() - started;
  if (!response.ok || json.errors) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return elapsed;
}

/** p50 and p99 of sequential requests after a warm-up. */
export async function latency(url: string, body: string, samples: number): Promise<Latency> {
  for (let i = 0; i < Math.min(10, samples); i += 1) await timeRequest(url, body);
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) times.push(await timeRequest(url, body));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** p50 of an in-process function (the raw SQL floor). */
export function inProcess(run: () => unknown, samples: number): Latency {
  for (let i = 0; i < 5; i += 1) run();
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

export interface Throughput {
  requestsPerSecond: number;
  p99: number;
  /** Requests that failed or answered with a status other than 2xx. */
  errors: number;
  /** Answers received. */
  answers: number;
  /** 200 answers that carry GraphQL errors (a partial answer: some department did not answer in time). */
  answersWithErrors: number;
}

/** Requests per second with `connections` clients sending the same POST for `seconds`. */
export async function throughput(url: string, body: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<Throughput> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: seconds,
    // Counted apart (autocannon's "mismatches"); the answer is still a response.
    verifyBody: (text) => !String(text ?? '').includes('"errors"'),
  });
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx, answers: result.requests.total, answersWithErrors: result.mismatches };
}
