/**
 * The analysts' export (gateway/src/export/, docs/export.md) against the real federation: every
 * file must hold what the API answers the same caller for the same filter, row for row and cell for
 * cell (masked for an analyst as the API masks), as CSV and as XLSX read back with exceljs; the
 * statistics must equal `caseStats`; refusals must be the API's; each page must be in the gateway's
 * audit trail as the caller; and a department that fails must show in the file or its header. The
 * expected cells are computed here from the API's answers, apart from the export's own code.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../schema/src/index.js';
import { parseCsv } from '../gateway/src/export/testing.js';
import { person } from './support/applicants.js';
import { findItem, step, submitCase, throughHub } from './support/cases.js';
import { post, type GraphQLResult } from './support/graphql.js';
import { ANALYST, AUDITOR, SUPERVISOR, headersFor, type Caller } from './support/callers.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';
import { PASS, startHubBehindProxies, type HubBehindProxies } from './support/delay-proxy.js';

const NOW = new Date('2026-11-20T06:00:00.000Z'); // a Friday afternoon, China time
/** Applicants whose names a spreadsheet could misread: a formula, quotes and a comma, a line break. */
const TRICKY_NAMES = ['=HYPERLINK("http://example.invalid","点我")', '张"三",李四', '@赵六', '王\n五'];
const PAGE = 500;

let federation: Federation;
let base: string;
let gatewayUrl: string;

beforeAll(async () => {
  // 520 cases in each department: market alone fills more than one page of 500. The hub's budget
  // of department calls (MAX_DEPARTMENT_CALLS) is one client operation's: lowered here below what
  // a whole export's six pages make together (at least 30), so that an export counted as one
  // operation, as it once was at bench scale, shows as a file cut short.
  federation = await startFederation({
    demoCases: 520,
    clock: () => NOW,
    services: [...SUBGRAPHS, 'gateway'],
    env: { MAX_DEPARTMENT_CALLS: '20' },
  });
  base = federation.gateway.baseUrl;
  gatewayUrl = federation.gateway.url;
  // Cases made through the API, as window staff and an officer make them.
  const hub = throughHub(gatewayUrl);
  const item = await findItem(hub, { department: 'housing', kind: 'PROMISED' });
  for (const name of TRICKY_NAMES) {
    const submitted = await submitCase(hub, { item, applicant: person(name) });
    await step(hub, submitted, 'accept');
  }
});

afterAll(async () => {
  await federation?.stop();
});

// ---- What the API answers, and the cells it should make -------------------------------------

const CASE_FIELDS = `number department { name } item { name code } applicant { name } statusLabel
  submittedAt acceptedAt deadline concludedAt remainingWorkingDays overdue supervisionLevelLabel`;
const MEASURES = `count concluded decided onTime onTimeRate overdue denials supplements
  averageWorkingDaysToConclude durationSamples decidedAtWindow`;
const KEY_FIELD: Record<string, string> = {
  DEPARTMENT: 'department',
  ITEM: 'itemCode',
  STATUS: 'status',
  KIND: 'kind',
  MONTH: 'month',
  WEEK: 'week',
  SUPERVISION_LEVEL: 'supervisionLevel',
};
const MEASURE_FIELDS = MEASURES.split(/\s+/).filter(Boolean);

type Filter = Record<string, unknown> | null;

/** Every case of a list as the API pages it to `caller`, and its total. */
async function apiCases(caller: Caller, filter: Filter, orderBy: Filter = null) {
  const headers = await headersFor(caller);
  const nodes: any[] = [];
  let totalCount: number | undefined;
  let after: string | null = null;
  for (;;) {
    const { status, body }: { status: number; body: GraphQLResult<any> } = await post(
      gatewayUrl,
      `query($filter: CaseFilter, $orderBy: CaseOrder, $after: String) {
        cases(filter: $filter, orderBy: $orderBy, first: ${PAGE}, after: $after) {
          totalCount incompleteDepartments pageInfo { hasNextPage endCursor } edges { node { ${CASE_FIELDS} } } } }`,
      { filter, orderBy, after },
      headers,
    );
    expect(status, JSON.stringify(body.errors)).toBe(200);
    expect(body.errors).toBeUndefined();
    const page: any = body.data!.cases;
    expect(page.incompleteDepartments).toEqual([]);
    totalCount = page.totalCount;
    nodes.push(...page.edges.map((edge: { node: unknown }) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(nodes).toHaveLength(totalCount!);
  return { nodes, totalCount: totalCount! };
}

async function apiStats(caller: Caller, filter: Filter, groupBy: string[]) {
  const { status, body } = await post(
    gatewayUrl,
    `query($filter: CaseFilter, $groupBy: [CaseStatsDimension!]!) {
      caseStats(filter: $filter, groupBy: $groupBy) { incompleteDepartments rows { ${Object.values(KEY_FIELD).join(' ')} ${MEASURES} } } }`,
    { filter, groupBy },
    await headersFor(caller),
  );
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data!.caseStats.incompleteDepartments).toEqual([]);
  return body.data!.caseStats.rows as Record<string, string | number | null>[];
}

/** An instant as clocks in China show it, by the platform's own time zone data. */
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function chinaMinute(iso: string | null): string | null {
  if (iso === null) return null;
  const part = Object.fromEntries(shanghai.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

/** A case's cells, as values: text, numbers and null. */
const caseCells = (node: any): (string | number | null)[] => [
  node.number,
  node.department.name,
  node.item.name,
  node.item.code,
  node.applicant.name,
  node.statusLabel,
  chinaMinute(node.submittedAt),
  chinaMinute(node.acceptedAt),
  chinaMinute(node.deadline),
  chinaMinute(node.concludedAt),
  node.remainingWorkingDays,
  node.overdue ? '是' : '否',
  node.supervisionLevelLabel,
];

/** A cell as a CSV file must read: text a spreadsheet would run as a formula gets an apostrophe. */
const csvCell = (value: string | number | null) =>
  value === null ? '' : typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

const ZH_HEADERS = ['办件编号', '部门', '事项', '事项编码', '申请人', '状态', '提交时间', '受理时间', '承诺期限'];
const ZH_HEADERS_END = ['办结时间', '剩余工作日', '是否超期', '督办等级'];
const CASE_HEADERS = [...ZH_HEADERS, ...ZH_HEADERS_END];

// ---- Downloading ------------------------------------------------------------------------------

interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
}

async function download(path: string, caller: Caller | null, headers: Record<string, string> = {}, method = 'GET') {
  const auth: Record<string, string> = caller ? { authorization: (await headersFor(caller)).authorization! } : {};
  const response = await fetch(base + path, { method, headers: { ...auth, ...headers } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

const query = (params: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
  ).toString();

/** The records of an exported CSV, after checking its BOM. */
function csvRecords(file: Download): string[][] {
  expect(file.status, file.body.toString('utf8').slice(0, 500)).toBe(200);
  expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(file.body.toString('utf8').slice(1));
}

/** The rows of an exported workbook's one sheet, each cell a value or null. */
async function xlsxRows(file: Download, columns: number): Promise<{ name: string; rows: unknown[][] }> {
  expect(file.status, file.body.toString('utf8').slice(0, 500)).toBe(200);
  expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(file.body).buffer);
  expect(workbook.worksheets).toHaveLength(1);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: columns }, (_, c) => row.getCell(c + 1).value ?? null));
  }
  return { name: sheet.name, rows };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The records of one request in a gateway's audit trail, read as an auditor reads them. */
async function auditRecordsOf(gatewayBase: string, requestId: string): Promise<any[]> {
  const auditor = await headersFor(AUDITOR);
  const ours: any[] = [];
  let after = 0;
  for (;;) {
    const response = await fetch(`${gatewayBase}/audit?after=${after}&first=1000`, {
      headers: { authorization: auditor.authorization! },
    });
    const page = (await response.json()) as { records: any[]; hasNextPage: boolean; endCursor: number };
    ours.push(...page.records.filter((record) => record.detail.requestId === requestId));
    if (!page.hasNextPage) return ours;
    after = page.endCursor;
  }
}

/** The JSON refusal of an export. */
function refusal(file: Download) {
  expect(file.headers.get('content-type')).toMatch(/^application\/json/);
  return JSON.parse(file.body.toString('utf8')) as { errors: { message: string; extensions: { code: string } }[] };
}

// ---- The tests --------------------------------------------------------------------------------

describe('the case export', () => {
  it.each([
    ['a supervisor', SUPERVISOR],
    ['an analyst', ANALYST],
  ])('as %s, the CSV holds every case of the list, each row as the API answers it', async (_who, caller) => {
    const file = await download('/export/cases.csv', caller);
    const records = csvRecords(file);
    const api = await apiCases(caller, null);
    expect(records[0]).toEqual(CASE_HEADERS);
    expect(records.length - 1).toBe(api.totalCount);
    expect(file.headers.get('x-onewindow-total-count')).toBe(String(api.totalCount));
    expect(file.headers.get('x-onewindow-incomplete-departments')).toBeNull();
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''cases-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(records.slice(1)).toEqual(api.nodes.map((node) => caseCells(node).map(csvCell)));
  });

  it('as an analyst, applicants are masked as the API masks them, and a formula stays text', async () => {
    const [analyst, supervisor] = await Promise.all([
      download('/export/cases.csv', ANALYST).then(csvRecords),
      download('/export/cases.csv', SUPERVISOR).then(csvRecords),
    ]);
    const applicantOf = (records: string[][]) => new Map(records.slice(1).map((r) => [r[0]!, r[4]!]));
    const [masked, whole] = [applicantOf(analyst), applicantOf(supervisor)];
    const seeded = [...whole].filter(([, name]) => TRICKY_NAMES.some((tricky) => csvCell(tricky) === name));
    expect(seeded).toHaveLength(TRICKY_NAMES.length);
    for (const [number, name] of seeded) {
      const shown = masked.get(number)!;
      expect(shown).not.toBe(name);
      // The first character, then one * for each other (docs/security.md), defused where it starts a formula.
      const plain = name.startsWith("'") ? name.slice(1) : name;
      expect(shown).toBe(csvCell(plain[0] + '*'.repeat([...plain].length - 1)));
    }
    expect(whole.get(seeded.find(([, name]) => name.includes('HYPERLINK'))![0])).toBe(
      `'=HYPERLINK("http://example.invalid","点我")`,
    );
  });

  it.each([
    ['a supervisor', SUPERVISOR],
    ['an analyst', ANALYST],
  ])('as %s, the XLSX holds the same cells, read back with exceljs', async (_who, caller) => {
    const file = await download('/export/cases.xlsx', caller);
    const api = await apiCases(caller, null);
    const { name, rows } = await xlsxRows(file, CASE_HEADERS.length);
    expect(name).toBe('办件');
    expect(rows[0]).toEqual(CASE_HEADERS);
    expect(rows.length - 1).toBe(api.totalCount);
    expect(file.headers.get('content-disposition')).toMatch(/filename="cases-\d{4}-\d{2}-\d{2}\.xlsx"/);
    // A workbook's cell is text or a number, never a formula: values stay exactly as the API gave them.
    expect(rows.slice(1)).toEqual(api.nodes.map(caseCells));
  });

  it('follows the filter and the order, with English headers', async () => {
    const filter = { departments: ['housing', 'env'], statuses: ['ACCEPTED', 'IN_REVIEW', 'APPROVED'] };
    const orderBy = { field: 'DEADLINE', direction: 'ASC' };
    const api = await apiCases(SUPERVISOR, filter, orderBy);
    expect(api.totalCount).toBeGreaterThan(PAGE);
    const params = query({ filter, orderBy, lang: 'en' });
    const csv = csvRecords(await download(`/export/cases.csv?${params}`, SUPERVISOR));
    expect(csv[0]).toEqual([
      'Case number',
      'Department',
      'Item',
      'Item code',
      'Applicant',
      'Status',
      'Submitted at',
      'Accepted at',
      'Deadline',
      'Concluded at',
      'Working days left',
      'Overdue',
      'Supervision level',
    ]);
    expect(csv.slice(1)).toEqual(api.nodes.map((node) => caseCells(node).map(csvCell)));
    const xlsx = await xlsxRows(await download(`/export/cases.xlsx?${params}`, SUPERVISOR), CASE_HEADERS.length);
    expect(xlsx.name).toBe('Cases');
    expect(xlsx.rows.slice(1)).toEqual(api.nodes.map(caseCells));
  });

  it('is recorded in the gateway audit trail, page by page, as the caller', async () => {
    const requestId = `export-audit-${randomUUID()}`;
    const records = csvRecords(await download('/export/cases.csv', ANALYST, { 'x-request-id': requestId }));
    const pages = Math.ceil((records.length - 1) / PAGE);
    let ours: any[] = [];
    // The trail writes in batches, within 200 ms.
    for (let attempt = 0; attempt < 30 && ours.length < pages; attempt += 1) {
      await sleep(200);
      ours = await auditRecordsOf(base, requestId);
    }
    expect(ours).toHaveLength(pages);
    for (const record of ours) {
      expect(record).toMatchObject({
        actor: ANALYST.sub,
        role: 'analyst',
        action: 'operation:query',
        target: 'ExportCases',
        detail: { outcome: 'ok', ip: '127.0.0.1', requestId },
      });
    }
  });
});

describe('the statistics export', () => {
  const cells = (row: Record<string, string | number | null>, groupBy: string[]) => [
    ...groupBy.map((dimension) => row[KEY_FIELD[dimension]!] ?? null),
    ...MEASURE_FIELDS.map((field) => row[field] ?? null),
  ];

  it.each([
    [ANALYST, ['DEPARTMENT', 'MONTH'], { submittedFrom: '2026-06-01T00:00:00+08:00' }],
    [SUPERVISOR, ['SUPERVISION_LEVEL', 'KIND'], null],
    [SUPERVISOR, [], { departments: ['tax'] }],
  ] as const)('equals caseStats, as CSV and as XLSX (%#)', async (caller, groupBy, filter) => {
    const rows = await apiStats(caller, filter, [...groupBy]);
    expect(rows.length).toBeGreaterThan(0);
    const params = query({ groupBy: groupBy.join(','), ...(filter ? { filter } : {}) });
    const csv = csvRecords(await download(`/export/case-stats.csv?${params}`, caller));
    expect(csv[0]).toHaveLength(groupBy.length + MEASURE_FIELDS.length);
    expect(csv[0]!.slice(groupBy.length, groupBy.length + 2)).toEqual(['办件数', '办结数']);
    expect(csv.slice(1)).toEqual(rows.map((row) => cells(row, [...groupBy]).map(csvCell)));
    const file = await download(`/export/case-stats.xlsx?${params}`, caller);
    expect(file.headers.get('content-disposition')).toMatch(/filename="case-stats-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const xlsx = await xlsxRows(file, groupBy.length + MEASURE_FIELDS.length);
    expect(xlsx.name).toBe('办件统计');
    expect(xlsx.rows.slice(1)).toEqual(rows.map((row) => cells(row, [...groupBy])));
  });
});

describe('refusals, before anything is sent', () => {
  it('a filter that is not JSON, or not a CaseFilter, is 400 BAD_USER_INPUT as the API says', async () => {
    const notJson = await download(`/export/cases.csv?filter=${encodeURIComponent('{departments:')}`, SUPERVISOR);
    expect(notJson.status).toBe(400);
    expect(refusal(notJson).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');

    const filter = { department: 'housing' };
    const file = await download(`/export/cases.xlsx?${query({ filter })}`, SUPERVISOR);
    expect(file.status).toBe(400);
    const api = await post(
      gatewayUrl,
      'query($filter: CaseFilter) { cases(filter: $filter) { totalCount } }',
      { filter },
      await headersFor(SUPERVISOR),
    );
    expect(refusal(file).errors.map((e) => [e.message, e.extensions.code])).toEqual(
      api.body.errors!.map((e) => [e.message, e.extensions!.code]),
    );
  });

  it('an unknown groupBy is 400 BAD_USER_INPUT', async () => {
    const file = await download('/export/case-stats.csv?groupBy=DEPARTMENT,COLOUR', ANALYST);
    expect(file.status).toBe(400);
    expect(refusal(file).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refusal(file).errors[0]!.message).toContain('COLOUR');
  });

  it('the public may not export: 401 UNAUTHENTICATED; nor may a bad token', async () => {
    for (const path of ['/export/cases.csv', '/export/case-stats.xlsx']) {
      const file = await download(path, null);
      expect(file.status).toBe(401);
      expect(refusal(file).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
    const forged = await download('/export/cases.csv', null, { authorization: 'Bearer abc.def.ghi' });
    expect(forged.status).toBe(401);
    expect(refusal(forged).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('what the API refuses a caller, the export refuses with the same code', async () => {
    // An analyst may not look people up (docs/security.md); an auditor reads no cases.
    for (const [caller, filter, status] of [
      [ANALYST, { text: '张' }, 403],
      [AUDITOR, null, 403],
    ] as const) {
      const api = await post(
        gatewayUrl,
        'query($filter: CaseFilter) { cases(filter: $filter) { totalCount } }',
        { filter },
        await headersFor(caller),
      );
      const file = await download(`/export/cases.csv?${query(filter ? { filter } : {})}`, caller);
      expect(file.status).toBe(status);
      expect(refusal(file).errors.map((e) => e.extensions.code)).toEqual(
        api.body.errors!.map((e) => e.extensions!.code),
      );
    }
  });

  it('only GET; an unknown export is 404', async () => {
    const posted = await download('/export/cases.csv', SUPERVISOR, {}, 'POST');
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
    expect((await download('/export/items.csv', SUPERVISOR)).status).toBe(404);
  });
});

describe('when a department does not answer', () => {
  /** The hub's wait for a department: a held page is answered without it after this long. */
  const TIMEOUT_MS = 5000;
  let proxied: HubBehindProxies;

  beforeAll(async () => {
    proxied = await startHubBehindProxies(federation, TIMEOUT_MS);
  });
  afterEach(() => proxied?.reset());
  afterAll(async () => {
    await proxied?.stop();
  });

  const proxiedDownload = async (path: string, signal?: AbortSignal, extra: Record<string, string> = {}) => {
    const headers = { authorization: (await headersFor(SUPERVISOR)).authorization!, ...extra };
    return fetch(proxied.gateway.baseUrl + path, { headers, ...(signal ? { signal } : {}) });
  };

  /** Market's cases by number: more than a page, from market alone, so each page is one request to it. */
  const marketList = query({ filter: { departments: ['market'] }, orderBy: { field: 'NUMBER', direction: 'ASC' } });
  /** Holds market's answer to every page after the first. */
  const holdLaterPages = () => {
    const asked = { later: 0 };
    proxied.proxies.market!.policy = (request) => {
      if (request.body.variables?.after == null) return PASS;
      asked.later += 1;
      return { kind: 'hang' };
    };
    return asked;
  };

  it('a department that misses the first page is left out of the whole file, and the header names it', async () => {
    proxied.proxies.env!.policy = () => ({ kind: 'fail', status: 502 });
    const response = await proxiedDownload('/export/cases.csv');
    const file = {
      status: response.status,
      headers: response.headers,
      body: Buffer.from(await response.arrayBuffer()),
    };
    const records = csvRecords(file);
    expect(file.headers.get('x-onewindow-incomplete-departments')).toBe('env');
    const answered = departments.map((d) => d.code).filter((code) => code !== 'env');
    const api = await apiCases(SUPERVISOR, { departments: answered });
    expect(file.headers.get('x-onewindow-total-count')).toBe(String(api.totalCount));
    expect(records.slice(1)).toEqual(api.nodes.map((node) => caseCells(node).map(csvCell)));
  });

  it('a page that fails mid-stream ends the CSV with a last line saying why, the rows before it already sent', async () => {
    const asked = holdLaterPages();
    const started = performance.now();
    const response = await proxiedDownload(`/export/cases.csv?${marketList}`);
    expect(response.status).toBe(200);
    const chunks: Buffer[] = [];
    let lines = 0;
    let firstPageAt: number | undefined;
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const bytes = Buffer.from(read.value);
      chunks.push(bytes);
      // Line ends counted by their LF, which no chunk boundary can split (market's cases hold no line break).
      for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) lines += 1;
      if (firstPageAt === undefined && lines >= 1 + PAGE) firstPageAt = performance.now();
    }
    const endedAt = performance.now();
    const records = csvRecords({ status: 200, headers: response.headers, body: Buffer.concat(chunks) });
    const api = await apiCases(SUPERVISOR, { departments: ['market'] }, { field: 'NUMBER', direction: 'ASC' });
    expect(api.totalCount).toBeGreaterThan(PAGE);
    expect(records).toHaveLength(1 + PAGE + 1);
    expect(records.slice(1, 1 + PAGE)).toEqual(api.nodes.slice(0, PAGE).map((node) => caseCells(node).map(csvCell)));
    const last = records.at(-1)!;
    expect(last).toHaveLength(1);
    expect(last[0]).toMatch(/^导出不完整：已导出 500 行后中断。原因：.*market.*DEPARTMENT_UNAVAILABLE/);
    expect(asked.later).toBe(1);
    // Streamed: the first page reached the client while the second was still held, not with the end.
    expect(firstPageAt).toBeDefined();
    expect(endedAt - started).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(endedAt - firstPageAt!).toBeGreaterThan(TIMEOUT_MS / 2);
  });

  it('a page that fails mid-stream cuts the XLSX off, so it is never taken for whole', async () => {
    holdLaterPages();
    const response = await proxiedDownload(`/export/cases.xlsx?${marketList}`);
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it('a client that hangs up stops the export: no page is asked for after it', async () => {
    // Later pages come a second late from every department: the export of all cases (six pages)
    // is still at its second page when its client goes.
    const DELAY_MS = 1000;
    for (const proxy of Object.values(proxied.proxies))
      proxy.policy = (request) => (request.body.variables?.after == null ? PASS : { kind: 'delay', ms: DELAY_MS });
    const requestId = `export-hangup-${randomUUID()}`;
    const abort = new AbortController();
    const response = await proxiedDownload('/export/cases.csv', abort.signal, { 'x-request-id': requestId });
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    await reader.cancel().catch(() => undefined);
    // Time for the page asked for meanwhile to be answered (a round or two), and for two more after
    // it had the export gone on.
    await sleep(5 * DELAY_MS + 1000);
    const pages = await auditRecordsOf(proxied.gateway.baseUrl, requestId);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
  });
});
