/**
 * The `export` part: the analysts' export (gateway/src/export/, docs/export.md) of every case of a
 * scale (default 100,000) through the gateway, as CSV and as XLSX: rows per second, and how far the
 * gateway process's resident memory rises during the export above where it stood (its peak RSS),
 * against an export of about 1,000 cases and against a client paging the same cases through
 * /graphql itself (500 a page, the same fields).
 *
 * A gateway as it runs by default lets V8's heap grow well past what it holds alive before it
 * collects (paging through /graphql does the same), so its RSS says little about what an export
 * keeps. The exports are therefore also measured on a gateway whose old space is capped at
 * HEAP_CAP_MIB (`--max-old-space-size`): V8 then collects before growing, and what the RSS still
 * gains is what the export holds. That is the figure of the claim that memory stays flat.
 *
 * Each export is measured on a gateway process of its own, started for it and warmed up with a
 * small export, so every figure starts from the same state. Each file is also counted (the CSV's
 * lines, the workbook's rows read back with exceljs) against the list's total.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ensureData } from './data.js';
import type { BenchIdentity } from './identity.js';
import type { RecordFigure } from './measure.js';
import { freePorts, Stack } from './stack.js';

export interface ExportBenchOptions {
  /** The scale whose every case is exported. */
  cases: number;
  identity: BenchIdentity;
  record: RecordFigure;
}

/** About how many cases the small export holds. */
const SMALL = 1000;
/** The old-space cap of the gateway that shows what an export holds, in MiB. */
const HEAP_CAP_MIB = 256;

/** A figure of /proc/<pid>/status, in KiB: VmRSS (now) or VmHWM (the peak since the last reset). */
function statusKib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
}

/**
 * How far `pid`'s resident memory rose above where it stood while `run` ran, in MiB. Linux resets a
 * process's peak (VmHWM) to its current RSS when "5" is written to its clear_refs; the RSS is also
 * sampled every 10 ms, for a kernel that does not allow the reset.
 */
async function peakGrowth<T>(pid: number, run: () => Promise<T>): Promise<{ result: T; growthMiB: number }> {
  let reset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    reset = false;
  }
  const before = statusKib(pid, 'VmRSS');
  let sampled = before;
  const timer = setInterval(() => (sampled = Math.max(sampled, statusKib(pid, 'VmRSS'))), 10);
  try {
    const result = await run();
    const peak = Math.max(sampled, statusKib(pid, 'VmRSS'), reset ? statusKib(pid, 'VmHWM') : 0);
    return { result, growthMiB: (peak - before) / 1024 };
  } finally {
    clearInterval(timer);
  }
}

interface Exported {
  ms: number;
  bytes: number;
  /** The list's total, as the export's header says. */
  total: number;
  /** Records in the file after its header row: CSV lines, or the workbook's rows read back. */
  rows: number;
}

/** Downloads an export as a client would, as fast as it can, keeping only what it must count. */
async function download(url: string, headers: Record<string, string>, format: 'csv' | 'xlsx'): Promise<Exported> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const reader = response.body!.getReader();
  const kept: Uint8Array[] = [];
  let bytes = 0;
  let lines = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    bytes += read.value.byteLength;
    if (format === 'xlsx') kept.push(read.value);
    else for (let i = read.value.indexOf(0x0a); i >= 0; i = read.value.indexOf(0x0a, i + 1)) lines += 1;
  }
  const ms = performance.now() - started;
  const total = Number(response.headers.get('x-onewindow-total-count'));
  if (format === 'csv') return { ms, bytes, total, rows: lines - 1 };
  // The workbook read back row by row, as a spreadsheet would open it.
  let rows = 0;
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(kept), {});
  for await (const sheet of workbook) for await (const _row of sheet) rows += 1;
  return { ms, bytes, total, rows: rows - 1 };
}

/** The fields the export asks of each case (gateway/src/export/columns.ts), for the /graphql baseline. */
const CASE_FIELDS =
  'number department { name } item { name code } applicant { name } statusLabel submittedAt acceptedAt deadline concludedAt remainingWorkingDays overdue supervisionLevelLabel';

/** Pages through a list at /graphql as a client would (500 a page), keeping nothing but the count. */
async function pageThroughApi(graphql: string, headers: Record<string, string>, filter: object | null) {
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  let after: string | null = null;
  for (;;) {
    const response: Response = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        query: `query($filter: CaseFilter, $after: String) { cases(filter: $filter, first: 500, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { ${CASE_FIELDS} } } } }`,
        variables: { filter, after },
      }),
    });
    const text: string = await response.text();
    bytes += text.length;
    const page: any = (JSON.parse(text) as { data: any }).data.cases;
    rows += page.edges.length;
    if (!page.pageInfo.hasNextPage) return { ms: performance.now() - started, bytes, rows, total: rows };
    after = page.pageInfo.endCursor;
  }
}

export async function measureExport({ cases, identity, record }: ExportBenchOptions): Promise<void> {
  const data = ensureData(cases);
  const subgraphs = new Stack(identity);
  process.once('exit', () => void subgraphs.stop());
  const headers = async () => ({ authorization: (await identity.headers()).authorization! });
  try {
    // The center reads the feeds once a minute: its polling is not what an export costs.
    const urlEnv = await subgraphs.startSubgraphs(data, 'processes', { FEED_POLL_MS: '60000' });

    /** What a new gateway exports first: the last two days' cases, then the list of about SMALL. */
    let warmUp: object = { submittedFrom: new Date(Date.now() - 2 * 86_400_000).toISOString() };
    /**
     * Runs `measure` against a gateway process of its own, warmed up, with its heap capped if
     * `capped`; its peak RSS growth while `measure` ran.
     */
    const onFreshGateway = async <T>(capped: boolean, measure: (base: string, graphql: string) => Promise<T>) => {
      const stack = new Stack(identity);
      try {
        const [port] = await freePorts(1);
        const graphql = await stack.start('gateway', 'gateway/src/index.ts', port!, {
          ...urlEnv,
          ...identity.gatewayEnv,
          DATA_DIR: `${data.dir}/gateway-export`,
          ...(capped ? { NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MIB}` } : {}),
        });
        const base = graphql.replace(/\/graphql$/, '');
        // Warmed up: its planner's cache, the connections to the subgraphs, exceljs loaded.
        for (const format of ['csv', 'xlsx'] as const)
          await download(urlOf(base, format, warmUp), await headers(), format);
        return await peakGrowth(stack.processes.gateway!.pid, () => measure(base, graphql));
      } finally {
        await stack.stop();
      }
    };
    const urlOf = (base: string, format: 'csv' | 'xlsx', filter: object | null) =>
      `${base}/export/cases.${format}${filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`;

    // The small list: the newest cases, from the day that brings the list to about SMALL.
    const { result: small } = await onFreshGateway(false, async (_base, graphql) => {
      const ask = async (query: string, variables: Record<string, unknown> = {}) => {
        const response = await fetch(graphql, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await headers()) },
          body: JSON.stringify({ query, variables }),
        });
        return ((await response.json()) as { data: any }).data;
      };
      const newest = new Date(
        (
          await ask(
            '{ cases(first: 1, orderBy: { field: SUBMITTED_AT, direction: DESC }) { edges { node { submittedAt } } } }',
          )
        ).cases.edges[0].node.submittedAt,
      );
      let filter = {};
      for (let days = 1; days <= 366; days += 1) {
        filter = { submittedFrom: new Date(newest.getTime() - days * 86_400_000).toISOString() };
        const { cases: list } = await ask(
          'query($filter: CaseFilter) { cases(filter: $filter, first: 1) { totalCount } }',
          { filter },
        );
        if (list.totalCount >= SMALL) break;
      }
      return filter;
    });
    warmUp = small;

    const runs: Record<string, { result: Exported; growthMiB: number }> = {};
    for (const capped of [false, true]) {
      for (const format of ['csv', 'xlsx'] as const) {
        for (const [size, filter] of [
          ['small', small],
          ['all', null],
        ] as const) {
          const run = await onFreshGateway(capped, async (base) =>
            download(urlOf(base, format, filter), await headers(), format),
          );
          runs[`${capped ? 'capped ' : ''}${format} ${size}`] = run;
          process.stdout.write(
            `  ${format.toUpperCase()}${capped ? ` (heap capped at ${HEAP_CAP_MIB} MiB)` : ''}: ${run.result.rows} cases, ` +
              `${(run.result.bytes / 2 ** 20).toFixed(1)} MiB in ${(run.result.ms / 1000).toFixed(1)} s, ` +
              `peak RSS growth ${run.growthMiB.toFixed(1)} MiB\n`,
          );
        }
      }
    }
    const api = await onFreshGateway(false, async (_base, graphql) => pageThroughApi(graphql, await headers(), null));
    process.stdout.write(
      `  /graphql: ${api.result.rows} cases in ${(api.result.ms / 1000).toFixed(1)} s, peak RSS growth ${api.growthMiB.toFixed(1)} MiB\n`,
    );

    const all = `every case (${Math.round(cases / 1000)}k)`;
    record(`[export] the gateway's peak RSS growth paging ${all} through /graphql (500 a page)`, api.growthMiB, 'MiB');
    for (const format of ['csv', 'xlsx'] as const) {
      const name = format.toUpperCase();
      const run = (key: string) => runs[key]!;
      record(
        `[export] ${name} of ${all} through the gateway: rows per second`,
        (run(`${format} all`).result.rows / run(`${format} all`).result.ms) * 1000,
        'rows/s',
      );
      record(`[export] ${name}: the gateway's peak RSS growth exporting ${all}`, run(`${format} all`).growthMiB, 'MiB');
      record(
        `[export] ${name}: the gateway's peak RSS growth exporting about ${SMALL} cases`,
        run(`${format} small`).growthMiB,
        'MiB',
      );
      // Beside what a client paging the same cases through /graphql costs the gateway. No target:
      // both follow V8's decisions on when to collect, which vary from run to run by half.
      record(
        `[export] ${name}: peak RSS growth, exporting ${all} / paging them through /graphql`,
        run(`${format} all`).growthMiB / api.growthMiB,
        'ratio',
      );
      const capped = `[export] ${name}, the gateway's heap capped at ${HEAP_CAP_MIB} MiB`;
      record(`${capped}: peak RSS growth exporting ${all}`, run(`capped ${format} all`).growthMiB, 'MiB');
      record(
        `${capped}: peak RSS growth exporting about ${SMALL} cases`,
        run(`capped ${format} small`).growthMiB,
        'MiB',
      );
      // Flat: a hundred times the rows cost what any busy stretch costs (V8's young generation, a
      // page or two in flight). A file built in memory would hold its 100,000 parsed rows and the
      // file itself, well over 100 MiB, or fail under the cap.
      record(
        `${capped}: peak RSS growth, ${all} minus about ${SMALL} cases (memory stays flat)`,
        run(`capped ${format} all`).growthMiB - run(`capped ${format} small`).growthMiB,
        'MiB',
        { atMost: 64 },
      );
      const counted = Object.entries(runs).filter(([key]) => key.includes(`${format} `));
      record(
        `[export] ${name}: every case of the list in the file, and only those (1 = yes)`,
        counted.every(([, { result }]) => result.rows === result.total) ? 1 : 0,
        'bool',
        { atLeast: 1 },
      );
    }
  } finally {
    await subgraphs.stop();
  }
}
