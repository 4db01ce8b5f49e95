import { checkPageSize, decodeCursor, encodeCursor, isRowNumber } from '@onewindow/runtime';
import { BadUserInputError } from '@onewindow/runtime';
import { parseApplicantId } from '@onewindow/runtime';
import type { Case as CaseRow } from '../__generated__/prisma/client.js';
import type { SqlReader } from '../db/reader.js';
import { NO_DEADLINE_EARLIEST, NO_DEADLINE_LATEST, sqliteDialect, type SqlDialect } from '../db/sql-dialect.js';
import { OVERDUE_SQL, fromSqlInstant, sqlInstant, supervisionSql, type SupervisionLevel } from './case-status.js';

/** The largest page a department serves in one request. */
export const MAX_CASE_PAGE = 500;

export type CaseOrderField = 'SUBMITTED_AT' | 'DEADLINE' | 'NUMBER';
export type SortDirection = 'ASC' | 'DESC';

export interface CaseFilterInput {
  departments?: readonly string[] | null;
  statuses?: readonly string[] | null;
  itemCodes?: readonly string[] | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
  overdue?: boolean | null;
  supervisionLevels?: readonly SupervisionLevel[] | null;
  kind?: string | null;
  acceptedFrom?: Date | null;
  acceptedTo?: Date | null;
  concludedFrom?: Date | null;
  concludedTo?: Date | null;
  applicantIdNumber?: string | null;
  applicantId?: string | null;
  text?: string | null;
  jointApplicationId?: string | null;
  partOfJointApplication?: boolean | null;
}

/** The longest text a case search accepts. */
const MAX_SEARCH_TEXT = 100;

export interface CaseOrderInput {
  field: CaseOrderField;
  direction: SortDirection;
}

export const DEFAULT_CASE_ORDER: CaseOrderInput = { field: 'SUBMITTED_AT', direction: 'DESC' };

/** Cases without a deadline sort after every dated case, in either direction. */
const NO_DEADLINE_ASC = NO_DEADLINE_LATEST;
const NO_DEADLINE_DESC = NO_DEADLINE_EARLIEST;

/** The SQL expression each order sorts by; ties are broken by id. */
function sortExpression(order: CaseOrderInput, dialect: SqlDialect): string {
  switch (order.field) {
    case 'SUBMITTED_AT':
      return '"submittedAt"';
    case 'NUMBER':
      return dialect.byCodePoint('"number"');
    case 'DEADLINE':
      return `COALESCE("deadline", '${dialect.noDeadline(order.direction === 'ASC')}')`;
  }
}

/** A cursor's sort key as the database compares it: the "no deadline" text as the dialect spells it. */
function boundOf(key: string, order: CaseOrderInput, dialect: SqlDialect): string {
  if (order.field !== 'DEADLINE') return key;
  if (key === NO_DEADLINE_ASC) return dialect.noDeadline(true);
  return key === NO_DEADLINE_DESC ? dialect.noDeadline(false) : key;
}

/**
 * The value a row sorts by under an order, as the SQL expression computes it. The hub merges
 * department pages with the same rule, so it is exported with the list.
 */
export function sortKey(row: Pick<CaseRow, 'submittedAt' | 'deadline' | 'number'>, order: CaseOrderInput): string {
  switch (order.field) {
    case 'SUBMITTED_AT':
      return sqlInstant(row.submittedAt);
    case 'NUMBER':
      return row.number;
    case 'DEADLINE':
      return row.deadline ? sqlInstant(row.deadline) : order.direction === 'ASC' ? NO_DEADLINE_ASC : NO_DEADLINE_DESC;
  }
}

/** A department's position in a case list: the sort key and id of the last case it returned. */
type CasePosition = [key: string, id: number];

function isCasePosition(value: unknown): value is CasePosition {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && isRowNumber(value[1]);
}

/** The longest sort key a position may carry (case numbers are far shorter). */
const MAX_SORT_KEY_LENGTH = 500;

/**
 * Whether `key` is one sortKey makes under an order by `field`: an instant as the database
 * stores it (or a no-deadline mark), or a case number. Any other key is no cursor of ours, and
 * PostgreSQL would refuse it as a timestamp.
 */
function isSortKeyOf(key: string, field: CaseOrderInput['field']): boolean {
  if (field === 'NUMBER') return key.length <= MAX_SORT_KEY_LENGTH;
  if (field === 'DEADLINE' && (key === NO_DEADLINE_ASC || key === NO_DEADLINE_DESC)) return true;
  const at = new Date(key);
  return !Number.isNaN(at.getTime()) && sqlInstant(at) === key;
}

/** Whether `value` is a position in a list ordered by `field`, as casePositionCursor encodes one. */
export function isCasePositionOf(value: unknown, field: CaseOrderInput['field']): value is CasePosition {
  return isCasePosition(value) && isSortKeyOf(value[0], field);
}

/** The cursor of the case with this sort key and id: what caseCursor gives for that case. */
export function casePositionCursor(key: string, id: number): string {
  return encodeCursor([key, id] satisfies CasePosition);
}

export function caseCursor(row: CaseRow, order: CaseOrderInput): string {
  return casePositionCursor(sortKey(row, order), row.id);
}

/** Escapes LIKE's wildcards so that search text matches literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column IN (?, ?, ...)` for `values` (given as parameters, in order); an empty list matches nothing. */
export const inListSql = (column: string, values: readonly unknown[]) =>
  values.length ? `${column} IN (${values.map(() => '?').join(', ')})` : 'FALSE';

/**
 * The WHERE clause and its parameters for a case filter over "Case" (every column unqualified).
 * Lists and statistics share it, so a filter means the same everywhere.
 */
export function whereClause(
  filter: CaseFilterInput,
  now: Date,
  warningDays: number,
  dialect: SqlDialect = sqliteDialect,
): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly string[]) => {
    conditions.push(inListSql(column, values));
    params.push(...values);
  };
  if (filter.statuses) inList('"status"', filter.statuses);
  if (filter.itemCodes) inList('"itemCode"', filter.itemCodes);
  const range = (column: string, from?: Date | null, to?: Date | null) => {
    if (from) {
      conditions.push(`${column} >= ?`);
      params.push(sqlInstant(from));
    }
    if (to) {
      conditions.push(`${column} < ?`);
      params.push(sqlInstant(to));
    }
  };
  range('"submittedAt"', filter.submittedFrom, filter.submittedTo);
  range('"acceptedAt"', filter.acceptedFrom, filter.acceptedTo);
  range('"concludedAt"', filter.concludedFrom, filter.concludedTo);
  if (filter.kind) {
    conditions.push('"itemCode" IN (SELECT "code" FROM "Item" WHERE "kind" = ?)');
    params.push(filter.kind);
  }
  if (filter.applicantIdNumber != null) {
    conditions.push('"applicantIdNumber" = ?');
    params.push(filter.applicantIdNumber.trim().toUpperCase());
  }
  if (filter.applicantId != null) {
    conditions.push('"applicantKey" = ?');
    params.push(parseApplicantId(filter.applicantId));
  }
  if (filter.jointApplicationId != null) {
    conditions.push('"jointApplicationId" = ?');
    params.push(filter.jointApplicationId);
  }
  if (filter.partOfJointApplication != null)
    conditions.push(`"jointApplicationId" IS ${filter.partOfJointApplication ? 'NOT ' : ''}NULL`);
  const text = filter.text?.trim();
  if (text) {
    if (text.length > MAX_SEARCH_TEXT)
      throw new BadUserInputError(`"filter.text" must be at most ${MAX_SEARCH_TEXT} characters.`, {
        argument: 'filter.text',
      });
    const like = dialect.likeIgnoringCase;
    conditions.push(`("number" ${like} ? ESCAPE '\\' OR "applicantName" ${like} ? ESCAPE '\\')`);
    params.push(likePattern(text), likePattern(text));
  }
  if (filter.overdue != null) {
    conditions.push(filter.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
    params.push(sqlInstant(now));
  }
  if (filter.supervisionLevels) {
    const levels = supervisionSql(now, warningDays);
    const chosen = [...new Set(filter.supervisionLevels)].map((level) => levels[level]);
    conditions.push(chosen.length ? `(${chosen.map((c) => c.sql).join(' OR ')})` : 'FALSE');
    params.push(...chosen.flatMap((c) => c.params));
  }
  return { sql: conditions.length ? conditions.join(' AND ') : 'TRUE', params };
}

export interface CasePage {
  rows: CaseRow[];
  hasNextPage: boolean;
  /** Counts every case matching the filter: a second query, run only when someone asks. */
  count: () => Promise<number>;
}

type DateColumn =
  | 'submittedAt'
  | 'receivedAt'
  | 'acceptedAt'
  | 'deadline'
  | 'concludedAt'
  | 'suspendedAt'
  | 'supplementRequestedAt'
  | 'extendedAt';

/** A "Case" row as the reader gives it: DateTime columns as text (sqlInstant), booleans as 0 or 1 (SQLite) or booleans. */
type RawCaseRow = Omit<CaseRow, DateColumn | 'deemedAccepted'> & {
  submittedAt: string;
  receivedAt: string;
  acceptedAt: string | null;
  deadline: string | null;
  concludedAt: string | null;
  suspendedAt: string | null;
  supplementRequestedAt: string | null;
  extendedAt: string | null;
  deemedAccepted: number | boolean;
};

/** A nullable DateTime column as raw SQL reads it; a column the page did not read is null too. */
const instant = (value: string | null | undefined) => fromSqlInstant(value ?? null);

/**
 * A "Case" row as raw SQL reads it, back to the types Prisma would return. A page that read only
 * some columns (listCases' `columns`) is typed as the whole row all the same: only the fields
 * those columns serve read it. The row is built field by field, not as `{ ...raw, dates }`: the
 * spread and its overrides left rows that made every later field read slow, and a department's
 * 50-case page cost about 40 % more CPU (measured through its HTTP endpoint). The compiler keeps
 * the list in step with the model.
 */
function toCaseRow(raw: RawCaseRow): CaseRow {
  return {
    id: raw.id,
    number: raw.number,
    itemCode: raw.itemCode,
    applicantKind: raw.applicantKind,
    applicantName: raw.applicantName,
    applicantIdNumber: raw.applicantIdNumber,
    applicantKey: raw.applicantKey,
    jointApplicationId: raw.jointApplicationId,
    status: raw.status,
    submittedAt: new Date(raw.submittedAt),
    receivedAt: new Date(raw.receivedAt),
    acceptedAt: instant(raw.acceptedAt),
    deadline: instant(raw.deadline),
    concludedAt: instant(raw.concludedAt),
    suspendedAt: instant(raw.suspendedAt),
    supplementRequestedAt: instant(raw.supplementRequestedAt),
    extendedAt: instant(raw.extendedAt),
    deemedAccepted: Boolean(raw.deemedAccepted),
    missingMaterials: raw.missingMaterials,
    suspendedDays: raw.suspendedDays,
    denialReason: raw.denialReason,
    denialLegalBasis: raw.denialLegalBasis,
    workingDaysToConclude: raw.workingDaysToConclude,
    verificationCode: raw.verificationCode,
    version: raw.version,
  };
}

/** The column (and Case field) each case order sorts by; the cursor carries its value. */
export const CASE_ORDER_COLUMNS: Record<CaseOrderField, 'submittedAt' | 'deadline' | 'number'> = {
  SUBMITTED_AT: 'submittedAt',
  DEADLINE: 'deadline',
  NUMBER: 'number',
};

/**
 * One page of a department's cases, sorted and limited in SQL with keyset pagination: the page
 * after a cursor starts where the cursor points, whatever came before. Reads first+1 rows to
 * know whether more follow. Raw SQL on the department's reader because this is the hub's hot
 * path (see db/reader.ts).
 */
export async function listCases(
  reader: SqlReader,
  args: {
    filter?: CaseFilterInput | null;
    orderBy?: CaseOrderInput | null;
    first?: number | null;
    after?: string | null;
    /**
     * The columns to read (id and the order's column are added), when the caller knows every
     * one it will use; each row then holds only those. All columns when absent. Reading a
     * column costs on every row of the page: a 50-case page of three fields reads in half the
     * time of SELECT *.
     */
    columns?: readonly string[] | null;
  },
  clock: { now: Date; warningDays: number },
): Promise<CasePage> {
  const { now, warningDays } = clock;
  const order = args.orderBy ?? DEFAULT_CASE_ORDER;
  const first = checkPageSize(args.first, 20, MAX_CASE_PAGE);
  const dialect = reader.dialect;
  const where = whereClause(args.filter ?? {}, now, warningDays, dialect);
  const expression = sortExpression(order, dialect);
  const direction = order.direction === 'ASC' ? 'ASC' : 'DESC';
  const pageConditions = [where.sql];
  const pageParams = [...where.params];
  if (args.after) {
    const [key, id] = decodeCursor(args.after, (value) => isCasePositionOf(value, order.field));
    pageConditions.push(`(${expression}, "id") ${direction === 'ASC' ? '>' : '<'} (?, ?)`);
    pageParams.push(boundOf(key, order, dialect), id);
  }
  const columns = args.columns
    ? [...new Set(['id', CASE_ORDER_COLUMNS[order.field], ...args.columns])].map((c) => `"${c}"`).join(', ')
    : '*';
  const raw = await reader.all<RawCaseRow>(
    `SELECT ${columns} FROM "Case" WHERE ${pageConditions.join(' AND ')} ORDER BY ${expression} ${direction}, "id" ${direction} LIMIT ?`,
    [...pageParams, first + 1],
  );
  return {
    rows: raw.slice(0, first).map(toCaseRow),
    hasNextPage: raw.length > first,
    count: async () => {
      const counted = await reader.all<{ n: number }>(
        `SELECT COUNT(*) AS "n" FROM "Case" WHERE ${where.sql}`,
        where.params,
      );
      return Number(counted[0]?.n ?? 0);
    },
  };
}
