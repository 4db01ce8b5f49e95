/**
 * The write load: clients at once, each taking cases of one department through the lifecycle
 * through the gateway, as the staff would (window staff submit; the department's officer accepts,
 * starts the review and approves), for a number of seconds. Every step carries its own idempotency
 * key. Afterwards the databases are read: each acknowledged step must be there exactly once, and
 * the center's notices of the approvals give the feed lag, from a decision's commit at its
 * department to the center's notice of it (the same machine's clock on both sides).
 */
import Database from 'better-sqlite3';
import { departments } from '../schema/src/index.js';
import { databaseFile } from '../services/kit/src/index.js';
import type { Identity } from '../services/runtime/src/index.js';
import { percentile } from './measure.js';

export interface WriteLoad {
  /** Acknowledged steps (a submission or a transition) per second. */
  stepsPerSecond: number;
  submissionsPerSecond: number;
  /** Steps answered with an error or not at all. */
  failures: number;
  /** Acknowledged steps missing from a department's database, or recorded more than once there. */
  notExactlyOnce: number;
  /** From an approval's commit at its department to the center's notice of it, over the approvals of the run. */
  feedLag: { p50: number; p99: number; approvals: number; noticed: number };
}

const STEPS = [
  ['accept', 'TransitionInput'],
  ['startReview', 'TransitionInput'],
  ['approve', 'TransitionInput'],
] as const;

async function post(url: string, headers: Record<string, string>, query: string, variables: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, { id: string; version?: number }>; errors?: unknown[] };
}

/** A promised item (承诺件: accepted, reviewed, decided) of each department, by global ID. */
async function promisedItems(gateway: string): Promise<Record<string, string>> {
  const items: Record<string, string> = {};
  for (const { code } of departments) {
    const { data } = await post(
      gateway,
      {},
      'query($d: [ID!]) { items(filter: { departments: $d, kind: PROMISED }, first: 1) { edges { node { id } } } }',
      { d: [code] },
    );
    const edges = (data?.items as unknown as { edges: { node: { id: string } }[] } | undefined)?.edges;
    if (!edges?.length) throw new Error(`no promised item at ${code}`);
    items[code] = edges[0]!.node.id;
  }
  return items;
}

/**
 * Runs `clients` clients for `seconds`; `tag` keeps this run's keys and applicants apart from any
 * other run's over the same data, and `waitForFeedMs` is how long the center may take to notice the
 * last approvals before the lag is read.
 */
export async function measureWrites(options: {
  gateway: string;
  dataDir: string;
  clients: number;
  seconds: number;
  tag: string;
  waitForFeedMs: number;
  headersAs: (who: Identity) => Promise<Record<string, string>>;
}): Promise<WriteLoad> {
  const items = await promisedItems(options.gateway);
  const window = await options.headersAs({ sub: 'bench-window', role: 'window', ip: '127.0.0.1' });
  const officers = Object.fromEntries(
    await Promise.all(
      departments.map(
        async ({ code }) =>
          [
            code,
            await options.headersAs({
              sub: `bench-officer-${code}`,
              role: 'officer',
              department: code,
              ip: '127.0.0.1',
            }),
          ] as const,
      ),
    ),
  );
  /** Every acknowledged step: its department, local case ID, and the events it made the case have. */
  const acknowledged: { department: string; caseId: number; version: number }[] = [];
  let submissions = 0;
  let failures = 0;
  const started = Date.now();
  const until = started + options.seconds * 1000;
  const client = async (n: number) => {
    const department = departments[n % departments.length]!.code;
    for (let round = 0; Date.now() < until; round += 1) {
      const key = `${options.tag}-${n}-${round}`;
      const submitted = await post(
        options.gateway,
        window,
        'mutation($input: RoutedSubmitInput!) { submitApplication(input: $input) { id } }',
        {
          input: {
            idempotencyKey: `${key}-submit`,
            itemId: items[department],
            applicant: {
              kind: 'PERSON',
              name: `压测申请人${n}`,
              idNumber: `33010619800101${String(n % 1000).padStart(3, '0')}X`,
            },
          },
        },
      );
      const id = submitted.data?.submitApplication?.id;
      if (!id) {
        failures += 1;
        continue;
      }
      submissions += 1;
      const caseId = Number(id.split(':')[1]);
      acknowledged.push({ department, caseId, version: 1 });
      for (const [index, [step, inputType]] of STEPS.entries()) {
        const answer = await post(
          options.gateway,
          officers[department]!,
          `mutation($input: ${inputType}!) { t: ${step}(input: $input) { id } }`,
          { input: { idempotencyKey: `${key}-${step}`, caseId: id, expectedVersion: index + 1 } },
        );
        if (!answer.data?.t) {
          failures += 1;
          break;
        }
        acknowledged.push({ department, caseId, version: index + 2 });
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, n) => client(n)));
  const elapsed = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, options.waitForFeedMs));

  // Exactly once: each acknowledged step is the case's event of that number, and the case has no
  // more events than the steps acknowledged for it (a duplicate would add one).
  let notExactlyOnce = 0;
  const approvals: { department: string; caseId: number; at: number }[] = [];
  for (const { code } of departments) {
    const mine = acknowledged.filter((step) => step.department === code);
    if (!mine.length) continue;
    const db = new Database(databaseFile(options.dataDir, code), { readonly: true });
    try {
      const events = db.prepare('SELECT seq, action, at FROM "CaseEvent" WHERE caseId = ? ORDER BY seq');
      const byCase = new Map<number, number>();
      for (const step of mine) byCase.set(step.caseId, Math.max(byCase.get(step.caseId) ?? 0, step.version));
      for (const [caseId, steps] of byCase) {
        const rows = events.all(caseId) as { seq: number; action: string; at: string }[];
        if (rows.length !== steps || rows.some((row, i) => row.seq !== i + 1)) notExactlyOnce += 1;
        const approved = rows.find((row) => row.action === 'approve');
        if (approved) approvals.push({ department: code, caseId, at: Date.parse(approved.at) });
      }
    } finally {
      db.close();
    }
  }
  const center = new Database(databaseFile(options.dataDir, 'center'), { readonly: true });
  const lags: number[] = [];
  try {
    const notice = center.prepare('SELECT createdAt FROM "Notification" WHERE caseId = ? AND kind = ?');
    for (const approval of approvals) {
      const row = notice.get(`${approval.department}:${approval.caseId}`, 'CONCLUDED') as
        { createdAt: string | number } | undefined;
      if (row) lags.push(new Date(row.createdAt).getTime() - approval.at);
    }
  } finally {
    center.close();
  }
  lags.sort((a, b) => a - b);
  removeWrites(options.dataDir, acknowledged);
  return {
    stepsPerSecond: acknowledged.length / elapsed,
    submissionsPerSecond: submissions / elapsed,
    failures,
    notExactlyOnce,
    feedLag: {
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      approvals: approvals.length,
      noticed: lags.length,
    },
  };
}

/**
 * Deletes the cases a run made, their events and idempotency records, and the center's notices of
 * them, so that the benchmark's data stays as seeded (its counts, and its newest submission, which
 * fixes the dashboard's period). The triggers take the cases out of the daily statistics too.
 */
function removeWrites(dataDir: string, steps: readonly { department: string; caseId: number }[]): void {
  const center = new Database(databaseFile(dataDir, 'center'));
  try {
    center.pragma('busy_timeout = 10000');
    for (const { code } of departments) {
      const ids = [...new Set(steps.filter((step) => step.department === code).map((step) => step.caseId))];
      if (!ids.length) continue;
      const db = new Database(databaseFile(dataDir, code));
      try {
        db.pragma('busy_timeout = 10000');
        db.transaction(() => {
          for (const id of ids) {
            db.prepare('DELETE FROM "IdempotencyRecord" WHERE caseId = ?').run(id);
            db.prepare('DELETE FROM "CaseEvent" WHERE caseId = ?').run(id);
            db.prepare('DELETE FROM "Case" WHERE id = ?').run(id);
          }
        })();
      } finally {
        db.close();
      }
      const notice = center.prepare('DELETE FROM "Notification" WHERE caseId = ?');
      center.transaction(() => ids.forEach((id) => notice.run(`${code}:${id}`)))();
    }
  } finally {
    center.close();
  }
}
