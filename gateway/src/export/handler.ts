/**
 * The analysts' export (docs/export.md): `GET /export/cases.csv|.xlsx` and
 * `GET /export/case-stats.csv|.xlsx`. Every row comes from GraphQL operations run through the
 * gateway runtime in this process (operations.ts), as the caller, so an export is authorized,
 * masked, limited and audited exactly as the same query sent to /graphql would be. Cases are read
 * by cursor, 500 a page, and each page is written to the client as it arrives.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, REQUEST_ID_HEADER, currentRequestId, sendError, type Logger } from '@onewindow/runtime';
import { CASE_COLUMNS, statsColumns, type CaseNode, type Lang, type StatsRow } from './columns.js';
import type { Cell } from './csv.js';
import { chinaDate, contentDisposition } from './format.js';
import {
  DEPARTMENTS_DOCUMENT,
  STATS_DOCUMENT,
  casesDocument,
  failureStatus,
  onlyLeftOutDepartments,
  operationRunner,
  reasonOf,
  type GraphQLErrorJson,
  type OperationResult,
  type RuntimeFetch,
} from './operations.js';
import {
  ExportInputError,
  exportRoute,
  parseExportParams,
  type CasesExport,
  type ExportFormat,
  type StatsExport,
} from './params.js';
import { csvWriter, xlsxWriter, type SheetWriter } from './writers.js';

/** Cases per page: the hub's largest page. */
export const EXPORT_PAGE_SIZE = 500;

/** Names the departments an export left out because they did not answer (their cases are not in the file). */
export const INCOMPLETE_DEPARTMENTS_HEADER = 'x-onewindow-incomplete-departments';
/** The number of cases the export holds, as the first page counted them. */
export const TOTAL_COUNT_HEADER = 'x-onewindow-total-count';

/** Times a first page is asked again without departments that did not answer, before giving up. */
const NARROWING_ATTEMPTS = 3;

export interface ExportHandlerOptions {
  /** The gateway runtime (createGatewayRuntime's result): its `fetch` runs an operation in process. */
  gateway: { fetch: RuntimeFetch };
  /** Where the runtime serves GraphQL (/graphql). */
  graphqlEndpoint: string;
  logger: Logger;
  clock?: () => Date;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const SHEET_NAMES: Record<'cases' | 'case-stats', Record<Lang, string>> = {
  cases: { zh: '办件', en: 'Cases' },
  'case-stats': { zh: '办件统计', en: 'Case statistics' },
};

/** The last line of a file cut short, in the file's language. */
const incompleteLine = (lang: Lang, rows: number, reason: string) =>
  lang === 'zh'
    ? `导出不完整：已导出 ${rows} 行后中断。原因：${reason}`
    : `EXPORT INCOMPLETE: stopped after ${rows} rows. Reason: ${reason}`;

interface CasesConnection {
  totalCount?: number;
  incompleteDepartments: string[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ({ node: CaseNode | null } | null)[];
}

/** A page read whole (its errors, if any, only name departments it left out), or why it could not be. */
type PageOutcome =
  | { ok: true; connection: CasesConnection; errors: GraphQLErrorJson[] }
  | { ok: false; status: number; errors: GraphQLErrorJson[]; retryAfter: string | null };

function casesPage(result: OperationResult<{ cases: CasesConnection | null }>): PageOutcome {
  const connection = result.data?.cases;
  const whole =
    result.status === 200 &&
    !!connection &&
    connection.edges.every((edge) => edge?.node) &&
    onlyLeftOutDepartments(result.errors, connection.incompleteDepartments);
  if (whole) return { ok: true, connection, errors: result.errors };
  const errors = result.errors.length
    ? result.errors
    : [{ message: 'The cases could not be read whole.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }];
  return { ok: false, status: failureStatus(result.status, errors), errors, retryAfter: result.retryAfter };
}

/** An export's request: what it runs as, and whether its client is still there. */
interface ExportContext {
  request: IncomingMessage;
  response: ServerResponse;
  requestId: string;
  format: ExportFormat;
  signal: AbortSignal;
  gone: () => boolean;
}

/**
 * The export's routes, for the gateway's request listener: answers a request under /export/ and
 * resolves true, or resolves false for any other path (left to the runtime). Create it once.
 */
export function createExportHandler(options: ExportHandlerOptions) {
  const run = operationRunner(options.gateway.fetch, options.graphqlEndpoint);
  const clock = options.clock ?? (() => new Date());
  const { logger } = options;

  /** Refuses before anything is sent: a JSON body like the API's errors. */
  const refuse = (response: ServerResponse, status: number, errors: GraphQLErrorJson[], retryAfter?: string | null) => {
    if (retryAfter) response.setHeader('retry-after', retryAfter);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(JSON.stringify({ errors }));
  };

  /** The headers of a file about to be sent. */
  const startFile = (context: ExportContext, name: string, extra: Record<string, string>) => {
    context.response.writeHead(200, {
      'content-type': CONTENT_TYPES[context.format],
      'content-disposition': contentDisposition(`${name}-${chinaDate(clock())}.${context.format}`),
      // Personal data (masked or not): never kept by a browser's or a proxy's cache.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...extra,
    });
  };

  const writerFor = (context: ExportContext, sheet: string, columns: readonly { width: number }[]): SheetWriter =>
    context.format === 'csv'
      ? csvWriter(context.response)
      : xlsxWriter(context.response, { name: sheet, widths: columns.map((c) => c.width) }, (error) =>
          logger.error({ err: error, requestId: context.requestId }, 'export: the XLSX stream failed'),
        );

  /**
   * The first page of the case list. A department that did not answer is left out of the whole
   * export rather than of some of its pages (the hub would bring its cases later, out of order):
   * the first page is asked again with a filter naming the departments that answered, and the
   * response names the others in its header. Whom an unfiltered list covers is the registered
   * departments; a caller whose list is narrower (an officer's own department) and whose
   * departments all failed gets the failure of the first attempt.
   */
  async function firstCasesPage(context: ExportContext, params: CasesExport) {
    const ask = (filter: Record<string, unknown> | null) =>
      run<{ cases: CasesConnection | null }>(
        context.request,
        casesDocument(true),
        { filter, orderBy: params.orderBy, first: EXPORT_PAGE_SIZE, after: null },
        context.signal,
      ).then(casesPage);
    let filter = params.filter;
    const original = await ask(filter);
    if (!original.ok || !original.connection.incompleteDepartments.length) return { page: original, filter, left: [] };
    const unavailable: PageOutcome = {
      ok: false,
      status: 502,
      errors: original.errors,
      retryAfter: null,
    };
    const left: string[] = [];
    let page: PageOutcome = original;
    let covered = Array.isArray(params.filter?.departments) ? params.filter.departments.map(String) : null;
    if (!covered) {
      const registered = await run<{ departments: { code: string }[] }>(
        context.request,
        DEPARTMENTS_DOCUMENT,
        {},
        context.signal,
      );
      if (!registered.data?.departments) return { page: unavailable, filter, left };
      covered = registered.data.departments.map((d) => d.code);
    }
    for (let attempt = 0; attempt < NARROWING_ATTEMPTS; attempt += 1) {
      if (!page.ok) return { page: unavailable, filter, left };
      if (!page.connection.incompleteDepartments.length) return { page, filter, left };
      left.push(...page.connection.incompleteDepartments.filter((code) => !left.includes(code)));
      const rest = covered.filter((code) => !left.includes(code));
      if (!rest.length) return { page: unavailable, filter, left };
      filter = { ...params.filter, departments: rest };
      page = await ask(filter);
    }
    return { page: page.ok && !page.connection.incompleteDepartments.length ? page : unavailable, filter, left };
  }

  async function exportCases(context: ExportContext, params: CasesExport) {
    const started = performance.now();
    const { page: first, filter, left } = await firstCasesPage(context, params);
    if (context.gone()) return;
    if (!first.ok) return refuse(context.response, first.status, first.errors, first.retryAfter);
    const totalCount = first.connection.totalCount ?? 0;
    startFile(context, 'cases', {
      [TOTAL_COUNT_HEADER]: String(totalCount),
      ...(left.length ? { [INCOMPLETE_DEPARTMENTS_HEADER]: left.join(',') } : {}),
    });
    const writer = writerFor(context, SHEET_NAMES.cases[params.lang], CASE_COLUMNS);
    const cellsOf = (connection: CasesConnection): Cell[][] =>
      connection.edges.map((edge) => CASE_COLUMNS.map((column) => column.cell(edge!.node!)));
    const nextPage = (after: string | null) =>
      run<{ cases: CasesConnection | null }>(
        context.request,
        casesDocument(false),
        { filter, orderBy: params.orderBy, first: EXPORT_PAGE_SIZE, after },
        context.signal,
      ).then(casesPage, (error: unknown): PageOutcome => {
        const message = context.gone() ? 'The client went away.' : 'The gateway did not answer.';
        if (!context.gone()) logger.error({ err: error, requestId: context.requestId }, 'export: a page failed');
        return {
          ok: false,
          status: 502,
          errors: [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          retryAfter: null,
        };
      });

    let rows = 0;
    let pages = 1;
    let current = first.connection;
    const clientGone = async (pending: Promise<unknown> | null) => {
      writer.abort();
      await pending;
      logger.info({ requestId: context.requestId, rows, pages }, 'export: the client went away');
    };
    if (!(await writer.start(CASE_COLUMNS.map((column) => column.header[params.lang])))) return clientGone(null);
    for (;;) {
      // The next page is asked for while this one goes out to the client.
      const more = current.pageInfo.hasNextPage ? nextPage(current.pageInfo.endCursor) : null;
      const written = await writer.rows(cellsOf(current));
      rows += current.edges.length;
      if (!written || context.gone()) return clientGone(more);
      if (!more) break;
      const next = await more;
      pages += 1;
      if (context.gone()) return clientGone(null);
      const stalled = next.ok && !next.connection.edges.length && next.connection.pageInfo.hasNextPage;
      if (!next.ok || next.connection.incompleteDepartments.length || stalled) {
        const reason = !next.ok
          ? reasonOf(next.errors)
          : next.connection.incompleteDepartments.length
            ? reasonOf(next.errors) ||
              `department(s) ${next.connection.incompleteDepartments.join(', ')} did not answer`
            : 'the list did not move on from one page to the next';
        logger.error(
          { requestId: context.requestId, rows, pages, format: context.format, reason },
          'export: cut short by a page that failed',
        );
        await writer.fail(incompleteLine(params.lang, rows, reason));
        return;
      }
      current = next.connection;
    }
    await writer.end();
    logger.info(
      {
        requestId: context.requestId,
        export: `cases.${context.format}`,
        rows,
        pages,
        totalCount,
        leftOut: left,
        ms: Math.round(performance.now() - started),
      },
      'export sent',
    );
  }

  async function exportStats(context: ExportContext, params: StatsExport) {
    const result = await run<{ caseStats: { incompleteDepartments: string[]; rows: StatsRow[] } | null }>(
      context.request,
      STATS_DOCUMENT,
      { filter: params.filter, groupBy: params.groupBy },
      context.signal,
    );
    if (context.gone()) return;
    const stats = result.data?.caseStats;
    if (result.status !== 200 || !stats || !onlyLeftOutDepartments(result.errors, stats.incompleteDepartments)) {
      const errors = result.errors.length
        ? result.errors
        : [{ message: 'The statistics could not be read.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }];
      return refuse(context.response, failureStatus(result.status, errors), errors, result.retryAfter);
    }
    const columns = statsColumns(params.groupBy);
    startFile(
      context,
      'case-stats',
      stats.incompleteDepartments.length
        ? { [INCOMPLETE_DEPARTMENTS_HEADER]: stats.incompleteDepartments.join(',') }
        : {},
    );
    const writer = writerFor(context, SHEET_NAMES['case-stats'][params.lang], columns);
    const written =
      (await writer.start(columns.map((column) => column.header[params.lang]))) &&
      (await writer.rows(stats.rows.map((row) => columns.map((column) => column.cell(row)))));
    if (!written) return writer.abort();
    await writer.end();
    logger.info(
      { requestId: context.requestId, export: `case-stats.${context.format}`, rows: stats.rows.length },
      'export sent',
    );
  }

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    if (!url.pathname.startsWith('/export/')) return false;
    const requestId = String(request.headers[REQUEST_ID_HEADER] ?? currentRequestId() ?? '');
    if (requestId) response.setHeader(REQUEST_ID_HEADER, requestId);
    const route = exportRoute(url.pathname);
    if (!route) {
      sendError(
        response,
        404,
        ErrorCode.NOT_FOUND,
        'No such export. There are /export/cases.csv, /export/cases.xlsx, /export/case-stats.csv and /export/case-stats.xlsx.',
      );
      return true;
    }
    if (request.method !== 'GET') {
      response.setHeader('allow', 'GET');
      sendError(response, 405, 'BAD_REQUEST', 'An export is read with GET.');
      return true;
    }
    if (!request.headers.authorization) {
      response.setHeader('www-authenticate', 'Bearer');
      sendError(
        response,
        401,
        ErrorCode.UNAUTHENTICATED,
        'Exports are for signed-in callers: send Authorization: Bearer <token>.',
      );
      return true;
    }
    let params;
    try {
      params = parseExportParams(route.kind, url.searchParams);
    } catch (error) {
      if (!(error instanceof ExportInputError)) throw error;
      refuse(response, 400, [
        { message: error.message, extensions: { code: ErrorCode.BAD_USER_INPUT, argument: error.parameter } },
      ]);
      return true;
    }

    // A client that hangs up stops the export: no further page is asked for.
    const aborted = new AbortController();
    const onClose = () => {
      if (!response.writableFinished) aborted.abort();
    };
    response.once('close', onClose);
    const context: ExportContext = {
      request,
      response,
      requestId,
      format: route.format,
      signal: aborted.signal,
      gone: () => aborted.signal.aborted,
    };
    try {
      if (params.kind === 'cases') await exportCases(context, params);
      else await exportStats(context, params);
    } catch (error) {
      logger.error({ err: error, requestId }, 'export failed');
      if (!response.headersSent) {
        sendError(response, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
      } else {
        response.destroy();
      }
    } finally {
      response.off('close', onClose);
    }
    return true;
  };
}
