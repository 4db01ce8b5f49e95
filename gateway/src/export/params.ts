/**
 * The export's routes and query parameters, read and checked before anything runs: a request that
 * cannot be right is refused with 400 BAD_USER_INPUT and no operation is sent. Whether a filter's
 * fields and values fit `CaseFilter` is the API's to say (the same message and code as for a
 * GraphQL client); this only checks that each parameter is what it must be.
 */
import { LANGS, STATS_DIMENSIONS, type Lang, type StatsDimension } from './columns.js';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportKind = 'cases' | 'case-stats';

/** The export a path names, or null for a path that is not one. */
export function exportRoute(pathname: string): { kind: ExportKind; format: ExportFormat } | null {
  const match = /^\/export\/(cases|case-stats)\.(csv|xlsx)$/.exec(pathname);
  if (!match) return null;
  return { kind: match[1] as ExportKind, format: match[2] as ExportFormat };
}

export interface CasesExport {
  kind: 'cases';
  filter: Record<string, unknown> | null;
  orderBy: Record<string, unknown> | null;
  lang: Lang;
}

export interface StatsExport {
  kind: 'case-stats';
  filter: Record<string, unknown> | null;
  groupBy: StatsDimension[];
  lang: Lang;
}

export type ExportRequest = CasesExport | StatsExport;

/** A parameter that is not what it must be: answered with 400 BAD_USER_INPUT. */
export class ExportInputError extends Error {
  constructor(
    message: string,
    readonly parameter: string,
  ) {
    super(message);
  }
}

const ALLOWED: Record<ExportKind, readonly string[]> = {
  cases: ['filter', 'orderBy', 'lang'],
  'case-stats': ['filter', 'groupBy', 'lang'],
};

/** A JSON object parameter (a GraphQL input object); absent or empty is null. */
function jsonObject(params: URLSearchParams, name: string, inputType: string): Record<string, unknown> | null {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ExportInputError(
      `The ${name} parameter is not valid JSON: it must be a JSON object of the GraphQL ${inputType} input.`,
      name,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ExportInputError(`The ${name} parameter must be a JSON object of the GraphQL ${inputType} input.`, name);
  }
  return value as Record<string, unknown>;
}

function langOf(params: URLSearchParams): Lang {
  const raw = params.get('lang');
  if (raw === null || raw === '') return 'zh';
  if ((LANGS as readonly string[]).includes(raw)) return raw as Lang;
  throw new ExportInputError(`The lang parameter must be one of ${LANGS.join(', ')}, not "${raw}".`, 'lang');
}

const DIMENSIONS: readonly string[] = STATS_DIMENSIONS.map((d) => d.dimension);

/** `groupBy=DEPARTMENT,MONTH`: CaseStatsDimension values, each once; none is one row of totals. */
function groupByOf(params: URLSearchParams): StatsDimension[] {
  const raw = params.get('groupBy') ?? '';
  const values = raw
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const unknown = values.filter((value) => !DIMENSIONS.includes(value));
  if (unknown.length) {
    throw new ExportInputError(
      `Unknown groupBy value(s): ${unknown.join(', ')}. Known: ${DIMENSIONS.join(', ')} (comma-separated).`,
      'groupBy',
    );
  }
  const twice = values.find((value, i) => values.indexOf(value) !== i);
  if (twice) throw new ExportInputError(`groupBy names ${twice} twice.`, 'groupBy');
  return values as StatsDimension[];
}

/** Reads an export's query parameters; throws ExportInputError for one that is not right. */
export function parseExportParams(kind: ExportKind, params: URLSearchParams): ExportRequest {
  const allowed = ALLOWED[kind];
  for (const name of new Set(params.keys())) {
    if (!allowed.includes(name)) {
      throw new ExportInputError(`Unknown parameter "${name}" for this export; it takes ${allowed.join(', ')}.`, name);
    }
    if (params.getAll(name).length > 1)
      throw new ExportInputError(`The ${name} parameter is given more than once.`, name);
  }
  const filter = jsonObject(params, 'filter', 'CaseFilter');
  const lang = langOf(params);
  if (kind === 'cases') return { kind, filter, orderBy: jsonObject(params, 'orderBy', 'CaseOrder'), lang };
  return { kind, filter, groupBy: groupByOf(params), lang };
}
