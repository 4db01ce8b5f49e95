import type { DepartmentEntry } from '@onewindow/schema';
import { localRowNumber, parseGlobalId, toGlobalId } from '@onewindow/runtime';
import { checkPageSize, decodeCursor, encodeCursor } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { caseCursor, listCases, type CaseFilterInput, type CaseOrderInput } from './case-list.js';
import { MAX_ITEM_PAGE } from './catalog.js';
import { isOverdue, remainingWorkingDays, supervisionLevel } from './case-status.js';
import type { DepartmentContext } from './context.js';
import type { CaseRow, ItemRow } from './parents.js';
import { lifecycleResolvers } from './lifecycle/resolvers.js';
import { caseStats } from './case-stats.js';
import { applicantGlobalId } from '@onewindow/runtime';
import { sameVerificationCode } from './verification-code.js';
import { ErrorCode, OnewindowError, selectedFieldNames, storedList } from '@onewindow/runtime';
import { guardAuditRead, guardCaseRead, guardFeed, guardStats } from './access/guard.js';
import { maskIdNumber, maskIdNumberForAnalyst } from './access/masking.js';
import { mayReadCase, seesVerificationCode } from './access/reads.js';
import { protectedValue, viewOf } from './access/fields.js';
import { isProvisionalDeadline, workingDaysBetween } from './working-days.js';
import { CASE_STATUS_LABELS, SPECIAL_PROCEDURE_LABELS, SUPERVISION_LEVEL_LABELS, labelOf } from './lifecycle/labels.js';
import { isRefusal, refusalNotice } from './lifecycle/notices.js';
import { storedApplicantKind, storedProcedure, storedStatus, storedStatusOrNull } from './lifecycle/stored.js';

/** What the time rules read of a case (overdue, remaining working days, supervision level). */
const CLOCK_COLUMNS = ['deadline', 'concludedAt', 'suspendedAt'];

/**
 * The "Case" columns each field of a case reads. A case page selecting only these fields reads
 * only their columns; a field not listed here (a department's own, say) reads the whole row.
 */
const CASE_FIELD_COLUMNS: Record<string, readonly string[]> = {
  __typename: [],
  id: ['id'],
  number: ['number'],
  item: ['itemCode'],
  department: [],
  applicant: ['applicantKey', 'applicantKind', 'applicantIdNumber', 'applicantName'],
  status: ['status'],
  statusLabel: ['status'],
  submittedAt: ['submittedAt'],
  acceptedAt: ['acceptedAt'],
  deadline: ['deadline'],
  deadlineProvisional: ['deadline'],
  deadlineExtended: ['extendedAt'],
  concludedAt: ['concludedAt'],
  overdue: CLOCK_COLUMNS,
  remainingWorkingDays: CLOCK_COLUMNS,
  supervisionLevel: CLOCK_COLUMNS,
  supervisionLevelLabel: CLOCK_COLUMNS,
  refusalNotice: ['status', 'denialReason', 'denialLegalBasis'],
  events: ['id'],
  jointApplication: ['jointApplicationId'],
  version: ['version'],
  deemedAccepted: ['deemedAccepted'],
  missingMaterials: ['missingMaterials'],
  suspendedDays: ['suspendedDays'],
  verificationCode: ['verificationCode'],
};

/** The columns the selected case fields read, or null when some field may read any column. */
function caseColumns(fields: ReadonlySet<string>): string[] | null {
  const columns = new Set<string>();
  for (const field of fields) {
    const read = CASE_FIELD_COLUMNS[field];
    if (!read) return null;
    for (const column of read) columns.add(column);
  }
  return [...columns];
}

/** The local part of a global ID that belongs to this department, or null for another's ID. */
function ownLocalId(id: string, department: DepartmentEntry): string | null {
  const { department: code, localId } = parseGlobalId(id);
  return code === department.code ? localId : null;
}

function ownCaseId(id: string, department: DepartmentEntry): number | null {
  const local = ownLocalId(id, department);
  return local !== null ? localRowNumber(local) : null;
}

/**
 * A suspension's expected working days, or null when the calendar cannot count them (an end
 * stored before ends past the calendar were refused): one such event must not fail every read of
 * its case, or the center's reading of the whole feed.
 */
function expectedWorkingDays(at: Date, expectedEnd: Date): number | null {
  try {
    return workingDaysBetween(at, expectedEnd);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function isItemPosition(value: unknown): value is string {
  return typeof value === 'string';
}

/** Items of the catalog matching a filter, ordered by code; filters run in memory (a catalog is small). */
async function listItems(
  context: DepartmentContext,
  args: {
    filter?: {
      departments?: readonly string[] | null;
      kind?: string | null;
      onlineAvailable?: boolean | null;
      text?: string | null;
    } | null;
    first?: number | null;
    after?: string | null;
  },
) {
  const first = checkPageSize(args.first, 50, MAX_ITEM_PAGE);
  const filter = args.filter ?? {};
  const after = args.after ? decodeCursor(args.after, isItemPosition) : null;
  const mine = !filter.departments || filter.departments.includes(context.department.code);
  const all = mine ? [...(await context.loaders.catalog()).items.values()] : [];
  const text = filter.text?.trim();
  const matching = all.filter(
    (item) =>
      (filter.kind == null || item.kind === filter.kind) &&
      (filter.onlineAvailable == null || item.onlineAvailable === filter.onlineAvailable) &&
      (!text || item.name.includes(text) || item.code.includes(text)),
  );
  const start = after === null ? 0 : matching.findIndex((item) => item.code > after);
  const page = start < 0 ? [] : matching.slice(start, start + first);
  return {
    edges: page.map((node: ItemRow) => ({ cursor: encodeCursor(node.code), node })),
    pageInfo: {
      hasNextPage: start >= 0 && start + first < matching.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? encodeCursor(page[0]!.code) : null,
      endCursor: page.length ? encodeCursor(page.at(-1)!.code) : null,
    },
    totalCount: matching.length,
  };
}

/**
 * The resolvers of the contract types, written once against the template department and
 * renamed to each department's prefix (TemplateCase -> HousingCase).
 */
function templateResolvers(department: DepartmentEntry): Resolvers {
  return {
    TemplateDepartment: {
      __resolveReference: (reference) => (reference.code === department.code ? { code: department.code } : null),
      code: () => department.code,
      name: () => department.name,
      nameEn: () => department.nameEn,
      itemCount: async (_, __, { loaders }) => (await loaders.numbers.load('self')).itemCount,
      openCases: async (_, __, { loaders }) => (await loaders.numbers.load('self')).openCases,
      overdueCases: async (_, __, { loaders }) => (await loaders.numbers.load('self')).overdueCases,
      onTimeRate: async (_, __, { loaders }) => (await loaders.numbers.load('self')).onTimeRate,
    },
    TemplateItem: {
      __resolveReference: async (reference, { loaders }) => {
        const code = ownLocalId(reference.id, department);
        return code === null ? null : loaders.itemByCode.load(code);
      },
      id: (item) => toGlobalId(department.code, item.code),
      department: () => ({ code: department.code }),
      fee: (item) => ({ charged: item.feeCharged, standard: item.feeStandard, basis: item.feeBasis }),
      materials: (item, _, { loaders }) => loaders.materialsByItem.load(item.code),
    },
    TemplateCase: {
      // The gateway fetches department-only fields this way: the same rule as `case(id)`.
      __resolveReference: (reference, context) => readableCase(context, reference.id, 'case'),
      id: (row) => toGlobalId(department.code, row.id),
      item: async (row, _, { loaders }) => {
        const item = await loaders.itemByCode.load(row.itemCode);
        if (!item) throw new Error(`Case ${row.id} refers to missing item ${row.itemCode}`);
        return item;
      },
      department: () => ({ code: department.code }),
      applicant: (row, _, context, info) => {
        // Only what the client selected counts as read: `applicant { id }` (the center's feed) reads nothing personal.
        const selected = selectedFieldNames(info);
        const masked = viewOf(context) === 'masked';
        const name = selected.has('name')
          ? protectedValue(row.applicantName, 'name', context, { caseId: row.id, field: 'Applicant.name' })
          : null;
        if (selected.has('idNumberMasked')) context.personalReads.add(row.id, 'Applicant.idNumberMasked', true);
        return {
          id: applicantGlobalId(row.applicantKey),
          kind: storedApplicantKind(row.applicantKind),
          name: name ?? '',
          // Masked for everyone; analysts see even less of it.
          idNumberMasked: masked ? maskIdNumberForAnalyst(row.applicantIdNumber) : maskIdNumber(row.applicantIdNumber),
        };
      },
      verificationCode: (row, _, context) => {
        if (!seesVerificationCode(context.identity, department.code)) return null;
        context.personalReads.add(row.id, 'verificationCode', false);
        return row.verificationCode;
      },
      status: (row) => storedStatus(row.status),
      statusLabel: (row) => labelOf(CASE_STATUS_LABELS, row.status),
      deadlineExtended: (row) => row.extendedAt !== null,
      deadlineProvisional: (row) => row.deadline !== null && isProvisionalDeadline(row.deadline),
      overdue: (row, _, { now }) => isOverdue(row, now),
      remainingWorkingDays: (row, _, { now }) => remainingWorkingDays(row, now),
      supervisionLevel: (row, _, { now, warningDays }) => supervisionLevel(row, now, warningDays),
      supervisionLevelLabel: (row, _, { now, warningDays }) =>
        labelOf(SUPERVISION_LEVEL_LABELS, supervisionLevel(row, now, warningDays)),
      refusalNotice: (row) =>
        isRefusal(row.status) && row.denialReason && row.denialLegalBasis
          ? refusalNotice({ status: row.status, reason: row.denialReason, legalBasis: row.denialLegalBasis })
          : null,
      events: (row, _, { loaders }) => loaders.eventsByCase.load(row.id),
      jointApplication: (row) => (row.jointApplicationId ? { id: row.jointApplicationId } : null),
      missingMaterials: (row) => storedList(row.missingMaterials),
    },
    CaseEvent: {
      note: (event, _, context) =>
        protectedValue(event.note, 'personal', context, { caseId: event.caseId, field: 'CaseEvent.note' }),
      fromStatus: (event) => storedStatusOrNull(event.fromStatus),
      toStatus: (event) => storedStatus(event.toStatus),
      materials: (event) => storedList(event.materials),
      procedure: (event) => (event.procedure === null ? null : storedProcedure(event.procedure)),
      procedureLabel: (event) => (event.procedure ? labelOf(SPECIAL_PROCEDURE_LABELS, event.procedure) : null),
      expectedWorkingDays: (event) => (event.expectedEnd ? expectedWorkingDays(event.at, event.expectedEnd) : null),
    },
    TemplateCaseConnection: {
      totalCount: (connection) => connection.count(),
    },
    TemplateFeedEvent: {
      case: async (entry, _, { loaders }) => {
        const row = await loaders.caseById.load(entry.event.caseId);
        if (!row) throw new Error(`Event ${entry.event.id} refers to missing case ${entry.event.caseId}`);
        return row;
      },
    },
    TemplateQuery: {
      department: () => ({ code: department.code }),
      items: (_, args, context) => listItems(context, args),
      item: async (_, { id }, { loaders }) => {
        const code = ownLocalId(id, department);
        return code === null ? null : loaders.itemByCode.load(code);
      },
      cases: async (_, args, context, info) => {
        const reading = guardCaseRead(context, 'cases', args.filter);
        // An applicant's list is their own cases, whatever else the filter says.
        const filter: CaseFilterInput | null | undefined = reading.ownCasesOf
          ? { ...args.filter, applicantIdNumber: reading.ownCasesOf }
          : args.filter;
        // graphql-js fills the SDL's default direction; the generated type cannot know it does.
        const order: CaseOrderInput | null = args.orderBy
          ? { field: args.orderBy.field, direction: args.orderBy.direction ?? 'DESC' }
          : null;
        if (filter?.departments && !filter.departments.includes(department.code)) {
          return { edges: [], count: async () => 0, pageInfo: { hasNextPage: false, hasPreviousPage: !!args.after } };
        }
        const columns = caseColumns(selectedFieldNames(info, ['edges', 'node']));
        const page = await listCases(
          context.reader,
          { filter, orderBy: order, first: args.first, after: args.after, columns },
          context,
        );
        // Whole rows only: another field of this request may load the same case for more columns.
        if (!columns) for (const row of page.rows) context.loaders.caseById.prime(row.id, row);
        const cursor = (node: CaseRow) => () => caseCursor(node, order ?? { field: 'SUBMITTED_AT', direction: 'DESC' });
        const first = page.rows[0];
        const last = page.rows.at(-1);
        return {
          edges: page.rows.map((node) => ({ cursor: cursor(node), node })),
          count: page.count,
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: !!args.after,
            startCursor: first ? cursor(first) : null,
            endCursor: last ? cursor(last) : null,
          },
        };
      },
      case: (_, { id }, context) => readableCase(context, id, 'case'),
      caseEvents: (_, args, context) => {
        guardFeed(context, 'caseEvents');
        return readFeed(context, args);
      },
      trackCase: async (_, { number, verificationCode }, { db, loaders, identity, trackingLimiter }) => {
        // Case numbers are sequential: the limit is what keeps verification codes from being guessed.
        if (!trackingLimiter.take(identity.ip))
          throw new OnewindowError(ErrorCode.RATE_LIMITED, 'Too many tracking attempts; try again in a minute.');
        const row = await db.case.findUnique({ where: { number } });
        if (!row || !sameVerificationCode(row.verificationCode, verificationCode.trim())) return null;
        const [item, events] = await Promise.all([
          loaders.itemByCode.load(row.itemCode),
          loaders.eventsByCase.load(row.id),
        ]);
        return {
          caseId: toGlobalId(department.code, row.id),
          number: row.number,
          itemName: item?.name ?? row.itemCode,
          departmentName: department.name,
          status: storedStatus(row.status),
          statusLabel: labelOf(CASE_STATUS_LABELS, row.status),
          submittedAt: row.submittedAt,
          deadline: row.deadline,
          deadlineProvisional: row.deadline !== null && isProvisionalDeadline(row.deadline),
          concludedAt: row.concludedAt,
          timeline: events.map((event) => ({
            at: event.at,
            status: storedStatus(event.toStatus),
            statusLabel: labelOf(CASE_STATUS_LABELS, event.toStatus),
          })),
        };
      },
      latestEventCursor: async (_, __, context) => {
        guardFeed(context, 'latestEventCursor');
        const newest = await context.db.caseEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
        return newest ? encodeCursor(newest.id) : null;
      },
      caseStats: (_, args, context, info) => {
        guardStats(context, args.filter);
        return caseStats(
          context.reader,
          department,
          { filter: args.filter, groupBy: args.groupBy, measures: selectedFieldNames(info) },
          context,
        );
      },
      auditRecords: (_, args, context) => readAuditRecords(context, args),
    },
    Query: {
      template: () => ({}),
    },
    ...lifecycleResolvers(department),
  };
}

/**
 * One case by global ID as the caller may read it: refused for a caller who may read no cases
 * here, null for another department's ID, a case that does not exist, or, for an applicant,
 * someone else's case (as if it did not exist).
 */
async function readableCase(context: DepartmentContext, id: string, operation: string): Promise<CaseRow | null> {
  const reading = guardCaseRead(context, operation);
  const local = ownCaseId(id, context.department);
  const row = local === null ? null : await context.loaders.caseById.load(local);
  return row && mayReadCase(reading, row) ? row : null;
}

/** The largest page of audit records one request may read. */
const MAX_AUDIT_PAGE = 1000;

/** The audit trail for auditors, in chain order; reading it is itself recorded. */
async function readAuditRecords(context: DepartmentContext, args: { after?: number | null; first?: number | null }) {
  guardAuditRead(context);
  const first = checkPageSize(args.first, 100, MAX_AUDIT_PAGE);
  const records = await context.db.auditRecord.findMany({
    where: { seq: { gt: args.after ?? 0 } },
    orderBy: { seq: 'asc' },
    take: first,
  });
  context.audit.record({
    at: context.now.toISOString(),
    actor: context.identity.sub,
    role: context.identity.role,
    action: 'read:audit',
    target: null,
    detail: { department: context.department.code, after: args.after ?? 0, records: records.length },
  });
  return records;
}

/** The largest page of the change feed one request may read. */
const MAX_FEED_PAGE = 1000;

const isFeedPosition = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/**
 * The change feed: events in id order. SQLite commits one writer at a time and ids grow with
 * each insert, so the order of ids is the order of commits, and a reader that follows the
 * cursor sees every event exactly once.
 */
async function readFeed(context: DepartmentContext, args: { after?: string | null; first?: number | null }) {
  const first = checkPageSize(args.first, 100, MAX_FEED_PAGE);
  const after = args.after ? decodeCursor(args.after, isFeedPosition) : 0;
  const rows = await context.db.caseEvent.findMany({
    where: { id: { gt: after } },
    orderBy: { id: 'asc' },
    take: first + 1,
  });
  const events = rows.slice(0, first).map((event) => ({ cursor: encodeCursor(event.id), event }));
  return { events, hasNextPage: rows.length > first, endCursor: events.at(-1)?.cursor ?? args.after ?? null };
}

/** Renames the template's type names and root field to the department's. */
function renameForDepartment(resolvers: Resolvers, department: DepartmentEntry): Record<string, unknown> {
  const renamed: Record<string, unknown> = {};
  for (const [typeName, typeResolvers] of Object.entries(resolvers)) {
    const name = typeName.startsWith('Template') ? department.prefix + typeName.slice('Template'.length) : typeName;
    renamed[name] = typeResolvers;
  }
  renamed.Query = { [department.code]: () => ({}) };
  renamed.Mutation = { [department.code]: () => ({}) };
  return renamed;
}

/** The contract resolvers of one department, ready to merge with its own. */
export function contractResolvers(department: DepartmentEntry): Record<string, unknown> {
  return renameForDepartment(templateResolvers(department), department);
}
