/**
 * The write load: clients at once, each taking cases of one department's promised item through the
 * lifecycle as the staff would (window staff submit; the officer accepts, starts the review and
 * approves), for a number of seconds. Every step carries its own idempotency key. The target is
 * the federation (the hub's routed mutations through the gateway, each case at its department) or
 * the centralized baseline (one service and one database for every department's items, asked
 * directly with its own mutations). Afterwards the databases are read: each acknowledged step must
 * be there exactly once; for the federation, the center's notices of the approvals give the feed
 * lag, from a decision's commit at its department to the center's notice of it (the same machine's
 * clock on both sides).
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

const STEPS = ['accept', 'startReview', 'approve'] as const;

/** A GraphQL answer, its data of the shape the caller asked for (a mutation's: the case it changed). */
async function post<TData = Record<string, { id: string; version?: number }>>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables: unknown,
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: TData; errors?: unknown[] };
}

/** Where the writes go. */
export type WriteTarget =
  /** The hub's routed mutations through the gateway: each client writes to one department. */
  | { kind: 'federated'; gateway: string }
  /** One service's own mutations (`<code> { submit … }`), every department's items in its catalog. */
  | { kind: 'central'; url: string; code: string };

/** A promised item (承诺件: accepted, reviewed, decided) of each department, by global ID. */
async function promisedItems(gateway: string): Promise<Record<string, string>> {
  const items: Record<string, string> = {};
  for (const { code } of departments) {
    const { data } = await post<{ items: { edges: { node: { id: string } }[] } }>(
      gateway,
      {},
      'query($d: [ID!]) { items(filter: { departments: $d, kind: PROMISED }, first: 1) { edges { node { id } } } }',
      { d: [code] },
    );
    const edges = data?.items?.edges;
    if (!edges?.length) throw new Error(`no promised item at ${code}`);
    items[code] = edges[0]!.node.id;
  }
  return items;
}

/** The central service's promised items (one per built-in department, as its catalog holds them), by code. */
async function centralPromisedItems(url: string, code: string): Promise<string[]> {
  const { data } = await post<{ d: { items: { edges: { node: { code: string } }[] } } }>(
    url,
    {},
    `{ d: ${code} { items(filter: { kind: PROMISED }, first: 100) { edges { node { code } } } } }`,
    {},
  );
  const edges = data?.d?.items.edges;
  if (!edges?.length) throw new Error(`no promised item at ${code}`);
  return edges.map((edge) => edge.node.code);
}

/**
 * Runs `clients` clients for `seconds` against `target`; `tag` keeps this run's keys and applicants
 * apart from any other run's over the same data, and `waitForFeedMs` is how long the center may take
 * to notice the last approvals before the lag is read (the federation only).
 */
export async function measureWrites(options: {
  target: WriteTarget;
  dataDir: string;
  clients: number;
  seconds: number;
  tag: string;
  waitForFeedMs: number;
  headersAs: (who: Identity) => Promise<Record<string, string>>;
}): Promise<WriteLoad> {
  const { target } = options;
  const written = target.kind === 'federated' ? departments.map((d) => d.code) : [target.code];
  const window = await options.headersAs({ sub: 'bench-window', role: 'window', ip: '127.0.0.1' });
  const officers = Object.fromEntries(
    await Promise.all(
      written.map(
        async (code) =>
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
  // Client n writes to department n (mod five) through the federation, or to that department's
  // item at the central service: both sides spread the same clients over the same items.
  let submit: (n: number, key: string, applicant: object) => Promise<string | undefined>;
  let transition: (n: number, step: string, input: object) => Promise<boolean>;
  const departmentOf = (n: number) => (target.kind === 'federated' ? written[n % written.length]! : target.code);
  if (target.kind === 'federated') {
    const items = await promisedItems(target.gateway);
    submit = async (n, key, applicant) =>
      (
        await post(
          target.gateway,
          window,
          'mutation($input: RoutedSubmitInput!) { submitApplication(input: $input) { id } }',
          { input: { idempotencyKey: key, itemId: items[departmentOf(n)], applicant } },
        )
      ).data?.submitApplication?.id;
    transition = async (n, step, input) =>
      !!(
        await post(
          target.gateway,
          officers[departmentOf(n)]!,
          `mutation($input: TransitionInput!) { t: ${step}(input: $input) { id } }`,
          { input },
        )
      ).data?.t;
  } else {
    const items = await centralPromisedItems(target.url, target.code);
    type Nested = { t?: { id: string } };
    submit = async (n, key, applicant) =>
      (
        (
          await post(
            target.url,
            window,
            `mutation($input: SubmitApplicationInput!) { d: ${target.code} { t: submit(input: $input) { id } } }`,
            { input: { idempotencyKey: key, itemCode: items[n % items.length], applicant } },
          )
        ).data?.d as Nested | undefined
      )?.t?.id;
    transition = async (_n, step, input) =>
      !!(
        (
          await post(
            target.url,
            officers[target.code]!,
            `mutation($input: TransitionInput!) { d: ${target.code} { t: ${step}(input: $input) { id } } }`,
            { input },
          )
        ).data?.d as Nested | undefined
      )?.t;
  }
  /** Every acknowledged step: its department, local case ID, and the events it made the case have. */
  const acknowledged: { department: string; caseId: number; version: number }[] = [];
  let submissions = 0;
  let failures = 0;
  const started = Date.now();
  const until = started + options.seconds * 1000;
  const client = async (n: number) => {
    const department = departmentOf(n);
    for (let round = 0; Date.now() < until; round += 1) {
      const key = `${options.tag}-${n}-${round}`;
      const id = await submit(n, `${key}-submit`, {
        kind: 'PERSON',
        name: `压测申请人${n}`,
        idNumber: `33010619800101${String(n % 1000).padStart(3, '0')}X`,
      });
      if (!id) {
        failures += 1;
        continue;
      }
      submissions += 1;
      const caseId = Number(id.split(':')[1]);
      acknowledged.push({ department, caseId, version: 1 });
      for (const [index, step] of STEPS.entries()) {
        const done = await transition(n, step, {
          idempotencyKey: `${key}-${step}`,
          caseId: id,
          expectedVersion: index + 1,
        });
        if (!done) {
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
  for (const code of written) {
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
  const lags: number[] = [];
  if (target.kind === 'federated') {
    const center = new Database(databaseFile(options.dataDir, 'center'), { readonly: true });
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
  }
  lags.sort((a, b) => a - b);
  removeWrites(options.dataDir, written, acknowledged, target.kind === 'federated');
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
function removeWrites(
  dataDir: string,
  written: readonly string[],
  steps: readonly { department: string; caseId: number }[],
  withCenter: boolean,
): void {
  const center = withCenter ? new Database(databaseFile(dataDir, 'center')) : null;
  try {
    center?.pragma('busy_timeout = 10000');
    for (const code of written) {
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
      if (!center) continue;
      const notice = center.prepare('DELETE FROM "Notification" WHERE caseId = ?');
      center.transaction(() => ids.forEach((id) => notice.run(`${code}:${id}`)))();
    }
  } finally {
    center?.close();
  }
}
