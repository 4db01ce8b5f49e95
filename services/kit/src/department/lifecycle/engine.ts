import type { DepartmentEntry } from '@onewindow/schema';
import { BadUserInputError, ConflictError, InvalidTransitionError, NotFoundError } from '@onewindow/runtime';
import { parseGlobalId } from '@onewindow/runtime';
import { requestFingerprint } from '@onewindow/runtime';
import { writeTransaction } from '../../db/busy.js';
import type { Prisma } from '../../__generated__/prisma/client.js';
import type { KitDatabase } from '../database.js';
import type { CaseRow } from '../parents.js';
import { caseNumber } from '../seed.js';
import { applicantKey, newVerificationCode } from '../applicant-id.js';
import { addWorkingDays, chinaDay, workingDaysBetween } from '../working-days.js';
import { TRANSITIONS, allowedTransitions, type TransitionName } from './transitions.js';

/** §32 of the Administrative Licensing Law: the notice of missing materials is due within 5 working days of receipt. */
export const NOTICE_PERIOD_WORKING_DAYS = 5;

/** §42: the head of the authority may extend the limit once, by 10 working days (§82: days are working days). */
export const EXTENSION_MAX_WORKING_DAYS = 10;

type Transaction = Prisma.TransactionClient;

/** Fields of one event besides those every event has. */
interface EventDetails {
  note?: string | null;
  materials?: string[];
  reason?: string;
  legalBasis?: string;
  procedure?: string;
  expectedEnd?: Date;
  approvedBy?: string;
  deadlineBefore?: Date;
  deadlineAfter?: Date;
}

/** What a transition changes: columns of the case, and what its event records. */
interface Change {
  data: Prisma.CaseUpdateManyMutationInput;
  event: EventDetails;
}

/** The end of the §32 notice period for a case received at `receivedAt`. */
export function noticePeriodEnd(receivedAt: Date): Date {
  return addWorkingDays(receivedAt, NOTICE_PERIOD_WORKING_DAYS);
}

const DATE_FIELDS = [
  'submittedAt',
  'receivedAt',
  'acceptedAt',
  'deadline',
  'concludedAt',
  'suspendedAt',
  'supplementRequestedAt',
  'extendedAt',
] as const;

function reviveCase(json: string): CaseRow {
  const row = JSON.parse(json) as Record<string, unknown>;
  for (const field of DATE_FIELDS) if (typeof row[field] === 'string') row[field] = new Date(row[field] as string);
  return row as unknown as CaseRow;
}

/**
 * The first result of an earlier request with this idempotency key, if there was one. The same
 * key with another operation or other arguments is a CONFLICT: keys must not be reused.
 */
async function replay(tx: Transaction, key: string, operation: string, print: string): Promise<CaseRow | null> {
  const record = await tx.idempotencyRecord.findUnique({ where: { key } });
  if (!record) return null;
  if (record.operation !== operation || record.fingerprint !== print) {
    throw new ConflictError(`Idempotency key "${key}" was already used for a different request; use a new key for a new request.`, {
      idempotencyKey: key,
    });
  }
  return reviveCase(record.result);
}

async function remember(tx: Transaction, key: string, operation: string, print: string, row: CaseRow, now: Date): Promise<void> {
  await tx.idempotencyRecord.create({ data: { key, operation, fingerprint: print, caseId: row.id, result: JSON.stringify(row), createdAt: now } });
}

/** The local id of a case ID of this department; anything else is NOT_FOUND. */
export function localCaseId(id: string, department: DepartmentEntry): number {
  const { department: code, localId } = parseGlobalId(id);
  if (code !== department.code || !/^\d+$/.test(localId)) throw new NotFoundError(`No case "${id}" in ${department.code}.`, { id });
  return Number(localId);
}

export interface TransitionRequest {
  idempotencyKey: string;
  caseId: string;
  expectedVersion: number;
  actor: string;
  note?: string | null;
}

/**
 * Runs one transition of the state machine in one database transaction: replays a known
 * idempotency key, checks the expected version and the transition, applies the rule-specific
 * change, bumps the version (conditionally, so a concurrent writer makes this one a CONFLICT),
 * appends the event and records the result under the key. Nothing changes unless all succeed.
 * A database locked by another connection is waited for (writeTransaction), then SERVICE_BUSY.
 */
export async function runTransition(
  db: KitDatabase,
  department: DepartmentEntry,
  name: TransitionName,
  request: TransitionRequest & Record<string, unknown>,
  now: Date,
  change: (row: CaseRow, tx: Transaction) => Change | Promise<Change>,
): Promise<CaseRow> {
  const id = localCaseId(request.caseId, department);
  const print = requestFingerprint(name, request);
  return writeTransaction(db, async (tx) => {
    const replayed = await replay(tx, request.idempotencyKey, name, print);
    if (replayed) return replayed;
    const row = await tx.case.findUnique({ where: { id } });
    if (!row) throw new NotFoundError(`No case "${request.caseId}".`, { id: request.caseId });
    if (row.version !== request.expectedVersion) {
      throw new ConflictError(`Case ${row.number} is at version ${row.version}, not ${request.expectedVersion}: it changed since you read it.`, {
        currentVersion: row.version,
      });
    }
    const transition = TRANSITIONS[name];
    if (!(transition.from as readonly string[]).includes(row.status)) {
      throw new InvalidTransitionError(`A ${row.status} case cannot ${name}; it can ${allowedTransitions(row.status).join(', ') || 'take no further step'}.`, {
        status: row.status,
        transition: name,
      });
    }
    const { data, event } = await change(row, tx);
    const toStatus = transition.to ?? row.status;
    const updated = await tx.case.updateMany({
      where: { id, version: request.expectedVersion },
      data: { ...data, status: toStatus, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError(`Case ${row.number} changed concurrently; read it again and retry.`);
    await tx.caseEvent.create({
      data: {
        caseId: id,
        seq: request.expectedVersion + 1,
        action: name,
        at: now,
        actor: request.actor,
        fromStatus: row.status,
        toStatus,
        note: event.note ?? request.note ?? null,
        materials: event.materials ? JSON.stringify(event.materials) : null,
        reason: event.reason ?? null,
        legalBasis: event.legalBasis ?? null,
        procedure: event.procedure ?? null,
        expectedEnd: event.expectedEnd ?? null,
        approvedBy: event.approvedBy ?? null,
        deadlineBefore: event.deadlineBefore ?? null,
        deadlineAfter: event.deadlineAfter ?? null,
      },
    });
    const after = await tx.case.findUniqueOrThrow({ where: { id } });
    await remember(tx, request.idempotencyKey, name, print, after, now);
    return after;
  });
}

export interface SubmitRequest {
  idempotencyKey: string;
  itemCode: string;
  actor: string;
  note?: string | null;
  applicant: { kind: 'PERSON' | 'ENTERPRISE'; name: string; idNumber: string };
  jointApplicationId?: string | null;
}

/** Receives a new application: the case and its first event, in one transaction, exactly once per key. */
export async function submitApplication(
  db: KitDatabase,
  department: DepartmentEntry,
  request: SubmitRequest,
  now: Date,
  applicantSecret: string,
): Promise<CaseRow> {
  const print = requestFingerprint('submit', request as unknown as Record<string, unknown>);
  return writeTransaction(db, async (tx) => {
    const replayed = await replay(tx, request.idempotencyKey, 'submit', print);
    if (replayed) return replayed;
    const item = await tx.item.findUnique({ where: { code: request.itemCode } });
    if (!item) throw new BadUserInputError(`${department.name} has no item "${request.itemCode}".`, { field: 'itemCode' });
    // SQLite runs one writer at a time, so the next id read here is still free at the insert.
    const { _max } = await tx.case.aggregate({ _max: { id: true } });
    const id = (_max.id ?? 0) + 1;
    const row = await tx.case.create({
      data: {
        id,
        number: caseNumber(department, now, id),
        itemCode: item.code,
        applicantKind: request.applicant.kind,
        applicantName: request.applicant.name,
        applicantIdNumber: request.applicant.idNumber,
        applicantKey: applicantKey(request.applicant.kind, request.applicant.idNumber, applicantSecret),
        jointApplicationId: request.jointApplicationId ?? null,
        verificationCode: newVerificationCode(),
        status: 'SUBMITTED',
        submittedAt: now,
        receivedAt: now,
      },
    });
    await tx.caseEvent.create({
      data: { caseId: id, seq: 1, action: 'submit', at: now, actor: request.actor, fromStatus: null, toStatus: 'SUBMITTED', note: request.note ?? null },
    });
    await remember(tx, request.idempotencyKey, 'submit', print, row, now);
    return row;
  });
}

/** The item of a case, for rules that depend on it. */
async function itemOf(tx: Transaction, row: CaseRow) {
  return tx.item.findUniqueOrThrow({ where: { code: row.itemCode }, include: { materials: { orderBy: { position: 'asc' } } } });
}

/**
 * Acceptance: the clock starts. When the §32 notice period has passed without a notice, the
 * application counts as accepted from receipt, and its deadline runs from then.
 */
export async function acceptChange(row: CaseRow, tx: Transaction, now: Date): Promise<Change> {
  const item = await itemOf(tx, row);
  const deemed = now > noticePeriodEnd(row.receivedAt);
  const acceptedAt = deemed ? row.receivedAt : now;
  return {
    data: { acceptedAt, deemedAccepted: deemed, deadline: addWorkingDays(acceptedAt, item.committedLimitDays) },
    event: deemed ? { note: `§32: no notice within ${NOTICE_PERIOD_WORKING_DAYS} working days of receipt (${chinaDay(row.receivedAt)}); accepted from receipt` } : {},
  };
}

/** 一次性告知: once per case, within the notice period, naming only materials of the item's own list. */
export async function supplementChange(row: CaseRow, tx: Transaction, now: Date, missing: string[]): Promise<Change> {
  if (row.supplementRequestedAt) {
    throw new InvalidTransitionError(
      `Case ${row.number} was already sent back on ${chinaDay(row.supplementRequestedAt)}: the one-time notice (一次性告知) must list every missing material at once.`,
      { status: row.status, transition: 'requestSupplement' },
    );
  }
  if (now > noticePeriodEnd(row.receivedAt)) {
    throw new InvalidTransitionError(
      `The notice period of case ${row.number} ended on ${chinaDay(noticePeriodEnd(row.receivedAt))} (§32: 5 working days from receipt); it counts as accepted from receipt. Accept it instead.`,
      { status: row.status, transition: 'requestSupplement' },
    );
  }
  const item = await itemOf(tx, row);
  const known = new Set(item.materials.map((m) => m.name));
  const unknown = missing.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new BadUserInputError(`Not materials of item ${item.code}: ${unknown.join('、')}. The notice lists materials by their catalog names.`, {
      field: 'missingMaterials',
      known: [...known],
    });
  }
  return { data: { supplementRequestedAt: now, missingMaterials: JSON.stringify(missing) }, event: { materials: missing } };
}

/** Resuming after a special procedure: the deadline moves by the working days spent suspended. */
export function resumeChange(row: CaseRow, now: Date): Change {
  const suspended = row.suspendedAt ? workingDaysBetween(row.suspendedAt, now) : 0;
  return {
    data: {
      suspendedAt: null,
      suspendedDays: row.suspendedDays + suspended,
      deadline: row.deadline && suspended > 0 ? addWorkingDays(row.deadline, suspended) : row.deadline,
    },
    event: { note: `clock stopped for ${suspended} working day(s)` },
  };
}

/** 即办件 are decided on the spot: accepted and approved at once, only for immediate items. */
export async function onSpotChange(row: CaseRow, tx: Transaction, now: Date): Promise<Change> {
  const item = await itemOf(tx, row);
  if (item.kind !== 'IMMEDIATE') {
    throw new InvalidTransitionError(`Item ${item.code} is a ${item.kind} item; only immediate items (即办件) are decided on the spot.`, {
      status: row.status,
      transition: 'approveOnSpot',
    });
  }
  return { data: { acceptedAt: now, concludedAt: now, deadline: addWorkingDays(now, item.committedLimitDays), workingDaysToConclude: 0 }, event: {} };
}

/** What a §42 extension needs: who approved it, why, and by how many working days. */
export interface ExtensionRequest {
  approvedBy: string;
  reason: string;
  workingDays: number;
}

/**
 * §42 延长期限: once per case, and only while the limit has not run out; the deadline moves by
 * working days on the calendar in force, and the event records both deadlines, the approver and
 * the reason (which the applicant is told).
 */
export function extensionChange(row: CaseRow, now: Date, request: ExtensionRequest): Change {
  const refuse = (why: string) => new InvalidTransitionError(why, { status: row.status, transition: 'extendDeadline' });
  if (row.extendedAt) {
    throw refuse(`The deadline of case ${row.number} was already extended on ${chinaDay(row.extendedAt)}; §42 allows one extension.`);
  }
  if (!row.deadline) throw refuse(`Case ${row.number} has no deadline to extend.`);
  if (now > row.deadline) {
    throw refuse(
      `The deadline of case ${row.number} passed on ${chinaDay(row.deadline)}; §42 allows an extension only before the limit runs out.`,
    );
  }
  const deadline = addWorkingDays(row.deadline, request.workingDays);
  return {
    data: { deadline, extendedAt: now },
    event: { reason: request.reason, approvedBy: request.approvedBy, deadlineBefore: row.deadline, deadlineAfter: deadline },
  };
}
