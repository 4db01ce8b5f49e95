/**
 * Fuzzing with hostile input: random requests, valid and invalid, generated from each server's
 * schema (tests/support/fuzz-operations.ts), sent through the gateway and straight to every
 * subgraph. For every single response: no HTTP 5xx, no INTERNAL_SERVER_ERROR, every error coded
 * with a code a client may see, no stack trace, file path or SQL text. Every mutation sent is one
 * that must be refused, and the databases (read directly) prove that none wrote anything (but
 * the audit records of reads: no write is among them). Every other request is signed in as a
 * supervisor, who reads everything, so valid queries reach the resolvers rather than stopping at
 * UNAUTHENTICATED. After the run, every service still answers.
 *
 * CI runs a fixed-seed subset (1,500 requests); `RELIABILITY_SCALE=full` runs 10,000.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, subgraphNames } from '../../schema/src/index.js';
import { subgraphSchema } from '../support/subgraph-schema.js';
import { isPassedCode } from '../../gateway/src/errors.js';
import { SUBGRAPHS, startFederation, type Federation } from '../support/federation.js';
import { query } from '../support/graphql.js';
import { FUZZ_KINDS, FuzzOperations, type FuzzRequest, type FuzzTarget } from '../support/fuzz-operations.js';
import type { RealValues } from '../support/fuzz-values.js';
import { SUPERVISOR, headersFor } from '../support/callers.js';

const FULL = process.env.RELIABILITY_SCALE === 'full';
const OPERATIONS = FULL ? 10_000 : 1_500;
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
/** Requests in flight at once: enough to overlap, few enough for a 2-core machine shared with the services. */
const CONCURRENCY = 4;
const REQUEST_TIMEOUT_MS = 30_000;
const GATEWAY = 'gateway';

let federation: Federation;

beforeAll(async () => {
  // Our gateway and every subgraph; the other routers are compared in differential.test.ts.
  // Rate limits off: the fuzz is one client sending as fast as it can (tests/security checks the limits).
  federation = await startFederation({
    demoCases: 60,
    services: [...SUBGRAPHS, 'gateway'],
    env: { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PUBLIC_PER_MINUTE: '0' },
  });
});

afterAll(async () => {
  await federation?.stop();
});

const urlOf = (target: string) => (target === GATEWAY ? federation.gateway.url : federation.urls[target]!);

/** The schema a client sees at each server: the supergraph at the gateway, each subgraph's own SDL. */
function fuzzTargets(): FuzzTarget[] {
  const supergraph = buildSchema(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
  const subgraphs = subgraphNames.map((name) => ({ name, schema: subgraphSchema(name) }));
  return [{ name: GATEWAY, schema: supergraph }, ...subgraphs];
}

/** Every string under a key named `cursor` or `endCursor`. */
function cursorsIn(value: unknown, into: string[]): string[] {
  if (Array.isArray(value)) value.forEach((v) => cursorsIn(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'cursor' || key === 'endCursor') && typeof inner === 'string') into.push(inner);
      else cursorsIn(inner, into);
    }
  }
  return into;
}

/** One column of a database's rows, read directly (read-only), each prefixed to a global ID. */
function globalIds(database: string, sql: string, owner = database): string[] {
  const db = new Database(join(federation.dataDir, `${database}.db`), { readonly: true });
  try {
    return (db.prepare(sql).pluck().all() as (string | number)[]).map((id) => `${owner}:${id}`);
  } finally {
    db.close();
  }
}

/** Real IDs read from the databases themselves, and real cursors of several lists, orders and filters. */
async function realValues(): Promise<RealValues> {
  const caseIds = departments.flatMap(({ code }) => globalIds(code, 'SELECT id FROM "Case" ORDER BY id LIMIT 20'));
  const itemIds = departments.flatMap(({ code }) => globalIds(code, 'SELECT code FROM "Item"'));
  const centerIds = globalIds('center', 'SELECT id FROM "ServiceWindow" UNION ALL SELECT id FROM "Staff"');
  const lists = [
    '{ cases(first: 3) { edges { cursor } pageInfo { endCursor } } }',
    '{ cases(first: 3, orderBy: {field: DEADLINE, direction: ASC}) { edges { cursor } } }',
    `{ cases(first: 3, orderBy: {field: NUMBER, direction: DESC}, filter: {statuses: [SUBMITTED, ACCEPTED]}) {
         edges { cursor } } }`,
    '{ items(first: 3) { edges { cursor } pageInfo { endCursor } } }',
  ];
  const cursors: string[] = [];
  const headers = await headersFor(SUPERVISOR);
  for (const text of lists) cursorsIn(await query(federation.gateway.url, text, {}, headers), cursors);
  for (const { code } of departments.slice(0, 2)) {
    const own = `{ ${code} { cases(first: 3) { edges { cursor } } items(first: 2) { edges { cursor } } } }`;
    cursorsIn(await query(federation.urls[code]!, own, {}, headers), cursors);
  }
  return { ids: [...caseIds, ...itemIds, ...centerIds], itemIds, cursors };
}

/**
 * A digest of every row of every table a write would touch, per database (the center's feed
 * positions left out: the center moves them on its own while it polls), and the audit records of
 * writes (reads are audited too: those records come and go with the requests).
 */
function databaseDigest(): Record<string, string> {
  const digest: Record<string, string> = {};
  for (const name of [...departments.map((d) => d.code), 'center']) {
    const db = new Database(join(federation.dataDir, `${name}.db`), { readonly: true });
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND name NOT IN ('_prisma_migrations', 'FeedCursor') ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    const hash = createHash('sha256');
    for (const table of tables) {
      const writes = table === 'AuditRecord' ? ` WHERE action NOT LIKE 'read:%'` : '';
      const rows = db.prepare(`SELECT * FROM "${table}"${writes} ORDER BY rowid`).raw().all();
      hash.update(`${table}:${rows.length}:${JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    }
    digest[name] = hash.digest('hex');
    db.close();
  }
  return digest;
}

/** What a client must never see in an error: a stack, a source path, SQL or the database's own words. */
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at |\bat [\w.<>$]+ \([^)]*:\d+:\d+\)/],
  ['file path', /\/work\/|\.ts:\d|node_modules/],
  ['SQL', /SELECT |INSERT |UPDATE "|DELETE FROM/],
  ['database', /SQLITE|prisma/i],
];

interface GraphQLError {
  message?: unknown;
  extensions?: Record<string, unknown>;
}

/** The GraphQL results in a response body: one, a batch, or the `data:` events of a stream. */
function resultsOf(contentType: string, text: string): { errors?: GraphQLError[]; data?: unknown }[] | null {
  if (/^text\/event-stream/.test(contentType)) {
    const events = text.split('\n').filter((line) => line.startsWith('data:') && line.slice(5).trim());
    return events.map((line) => JSON.parse(line.slice(5)));
  }
  if (!/json/.test(contentType)) return null;
  const body = JSON.parse(text) as unknown;
  return (Array.isArray(body) ? body : [body]) as { errors?: GraphQLError[] }[];
}

interface Checked {
  /** What is wrong with the response: nothing, for a good one. */
  problems: string[];
  /** The code of each error, and its message. */
  codes: string[];
  messages: string[];
}

/** Checks one response against the rules every response must keep. */
function check(request: FuzzRequest, status: number, contentType: string, text: string): Checked {
  const problems: string[] = [];
  const codes: string[] = [];
  const messages: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  if (request.method === 'HEAD') return { problems, codes, messages }; // a status and headers, never a body
  if (!/json|event-stream/.test(contentType)) {
    const start = text.slice(0, 200_000);
    for (const [what, pattern] of LEAKS) if (pattern.test(start)) problems.push(`${what} in a non-GraphQL body`);
  }
  let results: ReturnType<typeof resultsOf>;
  try {
    results = resultsOf(contentType, text);
  } catch {
    return { problems: [...problems, `unreadable ${contentType} body`], codes, messages };
  }
  if (results === null) {
    // Not GraphQL (a 405 without a body, a 406, an OPTIONS answer): fine if it is the client's error or empty.
    if (status >= 300 && status < 400) problems.push(`HTTP ${status} redirect`);
    if (status < 300 && text.length && request.method !== 'OPTIONS') {
      problems.push(`HTTP ${status} with a ${contentType || 'typeless'} body`);
    }
    return { problems, codes, messages };
  }
  if (status >= 400 && !results.some((r) => r.errors?.length)) problems.push(`HTTP ${status} without errors`);
  for (const result of results) {
    for (const error of result.errors ?? []) {
      const code = error.extensions?.code;
      codes.push(typeof code === 'string' ? code : '(none)');
      messages.push(String(error.message));
      if (typeof code !== 'string') problems.push(`an error without a code: ${String(error.message).slice(0, 200)}`);
      else if (!isPassedCode(code)) problems.push(`code ${code}: ${String(error.message).slice(0, 200)}`);
      if (error.extensions && 'stacktrace' in error.extensions) problems.push('a stacktrace extension');
      const shown = `${String(error.message)} ${JSON.stringify(error.extensions ?? {})}`;
      for (const [what, pattern] of LEAKS) {
        if (pattern.test(shown)) problems.push(`${what} in an error: ${shown.slice(0, 300)}`);
      }
    }
    // A write that went through: it had data and no error.
    const answered = result.data && typeof result.data === 'object' && !result.errors?.length;
    if (request.write && answered) problems.push('a write that should be refused answered data');
  }
  return { problems, codes, messages };
}

/** A request as a reproducer: method, target, headers and the start of the body. */
function reproducer(request: FuzzRequest): string {
  const body = request.body instanceof Uint8Array ? `<${request.body.length} bytes>` : (request.body ?? '');
  const headers = JSON.stringify(request.headers);
  return `${request.method} ${request.target}${request.search.slice(0, 300)} ${headers} ${body.slice(0, 600)}`;
}

interface Summary {
  operations: number;
  byKind: Record<string, number>;
  byTarget: Record<string, number>;
  statuses: Record<string, number>;
  /** Responses carrying each error code. */
  codes: Record<string, number>;
  /** Per kind: the error codes of each response (or its status when it had none) and how often. */
  outcomes: Record<string, Record<string, number>>;
  /** The first message and request of each kind, target and outcome (printed with FUZZ_VERBOSE=1). */
  examples: Record<string, string>;
  writesRefused: number;
  failures: string[];
}

const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

async function send(request: FuzzRequest, summary: Summary): Promise<void> {
  count(summary.byKind, request.kind);
  count(summary.byTarget, request.target);
  let problems: string[];
  try {
    // Every other request as a supervisor (a gateway reads the bearer token, a subgraph the internal one).
    const signedIn = summary.operations % 2 === 0 ? await headersFor(SUPERVISOR) : {};
    const response = await fetch(`${urlOf(request.target)}${request.search}`, {
      method: request.method,
      headers: { ...signedIn, ...request.headers },
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    count(summary.statuses, String(response.status));
    const checked = check(request, response.status, response.headers.get('content-type') ?? '', text);
    // Each code once per response (a document of 3,000 unknown fields has 3,000 errors).
    new Set(checked.codes).forEach((code) => count(summary.codes, code));
    const outcome = checked.codes.length ? [...new Set(checked.codes)].sort().join('+') : `${response.status}`;
    count((summary.outcomes[request.kind] ??= {}), outcome);
    const example = `${checked.messages[0] ?? ''} <- ${reproducer(request).slice(0, 300)}`;
    summary.examples[`${request.kind} ${request.target} ${outcome}`] ??= example;
    if (request.write && !checked.problems.length) summary.writesRefused += 1;
    problems = checked.problems;
  } catch (error) {
    count(summary.statuses, 'no answer');
    problems = [`no answer: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (problems.length) summary.failures.push(`[${request.kind}] ${problems.join('; ')}\n    ${reproducer(request)}`);
}

describe('fuzzing with hostile input', () => {
  const title = `answers ${OPERATIONS} random requests without a 5xx, an internal error, an uncoded error or a leak`;
  it(
    `${title}, and writes nothing`,
    async () => {
      const real = await realValues();
      const before = databaseDigest();
      const operations = new FuzzOperations(fuzzTargets(), real, SEED);
      const summary: Summary = {
        ...{ operations: 0, byKind: {}, byTarget: {}, statuses: {}, codes: {} },
        ...{ outcomes: {}, examples: {}, writesRefused: 0, failures: [] },
      };
      const started = Date.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (summary.operations < OPERATIONS) {
            summary.operations += 1;
            await send(operations.next(), summary);
          }
        }),
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const { failures, writesRefused } = summary;
      console.log(
        [
          `fuzz: ${summary.operations} requests in ${seconds} s (seed ${SEED}), ${failures.length} failed, ` +
            `${writesRefused} writes refused`,
          `  by kind    ${JSON.stringify(summary.byKind)}`,
          `  by target  ${JSON.stringify(summary.byTarget)}`,
          `  statuses   ${JSON.stringify(summary.statuses)}`,
          `  codes      ${JSON.stringify(summary.codes)} (responses carrying each)`,
          `  outcomes   ${JSON.stringify(summary.outcomes)}`,
          `  generator failures ${JSON.stringify(operations.generatorFailures)}`,
        ].join('\n'),
      );
      if (failures.length) console.log(`first failures:\n${failures.slice(0, 25).join('\n')}`);
      if (process.env.FUZZ_VERBOSE) {
        for (const [key, example] of Object.entries(summary.examples).sort()) console.log(`${key}: ${example}`);
      }
      expect(summary.failures).toEqual([]);
      // The valid part was generated as asked, not replaced by `{ __typename }`.
      expect(operations.generatorFailures.byTarget).toEqual({});
      expect(summary.operations).toBe(OPERATIONS);
      // Every kind was tried, through the gateway and on every subgraph.
      expect(Object.keys(summary.byKind).sort()).toEqual([...FUZZ_KINDS].sort());
      expect(Object.keys(summary.byTarget).sort()).toEqual([GATEWAY, ...subgraphNames].sort());
      expect(summary.writesRefused).toBeGreaterThan(0);
      // Refused writes changed nothing.
      expect(databaseDigest()).toEqual(before);
    },
    FULL ? 1_800_000 : 300_000,
  );

  it('leaves every service answering', async () => {
    expect((await fetch(`${federation.gateway.baseUrl}/health`)).status).toBe(200);
    for (const name of subgraphNames) {
      expect(await query(federation.urls[name]!, '{ __typename }')).toEqual({ __typename: 'Query' });
    }
    const answer = await query(federation.gateway.url, '{ departments { code } }');
    expect(answer).toEqual({ departments: departments.map((d) => ({ code: d.code })) });
  });
});
