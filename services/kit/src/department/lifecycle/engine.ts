import { createHmac } from 'node:crypto';
import { TRANSITIONS, type CaseStatusName, type DepartmentEntry, type TransitionName } from '@onewindow/schema';
import { BadUserInputError, ConflictError, InvalidTransitionError, NotFoundError } from '@onewindow/runtime';
import { localRowNumber, parseGlobalId, toGlobalId, type AuditTrail } from '@onewindow/runtime';
import { requestFingerprint } from '@onewindow/runtime';
import type { z } from 'zod';
import { writeTransaction } from '../../db/busy.js';
import type { Prisma } from '../../__generated__/prisma/client.js';
import type { KitDatabase } from '../database.js';
import type { CaseRow, ItemRow } from '../parents.js';
import { caseNumber } from '../case-number.js';
import { applicantKey } from '@onewindow/runtime';
import { newVerificationCode } from '../verification-code.js';
import type { Notice } from './notices.js';
import { parseInput, type SubmitRequest, type TransitionRequest } from './validation.js';
import { actingCaller, type ActingPerson } from '../access/acting.js';
import { guardWrite, type GuardContext } from '../access/guard.js';
import { checkCaseWrite } from '../access/writes.js';

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
export interface Change {
  data: Prisma.CaseUpdateManyMutationInput;
  event: EventDetails;
}

/** The item of a case with its list of materials, for rules that depend on it. */
export type ItemWithMaterials = Awaited<ReturnType<typeof readItem>>;

function readItem(tx: Transaction, code: string) {
  return tx.item.findUniqueOrThrow({ where: { code }, include: { materials: { orderBy: { position: 'asc' } } } });
}

/** What a transition's rules and change read, inside its database transaction. */
export interface Step<I> {
  /** The case as it is before the transition. */
  row: CaseRow;
  /** The checked input. */
  request: I;
  now: Date;
  /** The case's item, read the first time a rule or the change asks for it. */
  item: () => Promise<ItemWithMaterials>;
  /** An INVALID_TRANSITION error naming this case's status and the transition. */
  refuse: (why: string) => InvalidTransitionError;
}

/** A legal rule a transition checks before it changes anything. */
export interface Rule<I> {
  /** The rule in a sentence, as docs/lifecycle.md states it. */
  says: string;
  /** Throws (INVALID_TRANSITION, or BAD_USER_INPUT for the input's fault) when the request breaks the rule. */
  check: (step: Step<I>) => void | Promise<void>;
}

/** What the kit adds to a transition's declaration (schema/src/lifecycle.ts). */
export interface TransitionBehaviour<I extends TransitionRequest> {
  /** Checks the mutation's input; every problem is one BAD_USER_INPUT (validation.ts). */
  input: z.ZodType<I>;
  /** Checked in order, after the status, before the change. */
  rules: readonly Rule<I>[];
  /** The case's columns and the event's fields the transition writes (besides status and version). */
  change: (step: Step<I>) => Change | Promise<Change>;
  /** What the applicant is told of it (the center sends it), if anything. */
  notice: Notice | null;
}

/** A transition as the engine runs it: its declaration and the kit's behaviour, one record. */
export interface Transition<I extends TransitionRequest> extends TransitionBehaviour<I> {
  name: TransitionName;
  from: readonly CaseStatusName[];
  to: CaseStatusName | null;
  inputType: string;
}

/** What running a lifecycle mutation needs of the request's context. */
export interface LifecycleContext extends GuardContext {
  db: KitDatabase;
  now: Date;
  applicantSecret: string;
  audit: AuditTrail;
}

/** Who writes, and what else a write checks and records besides the state machine's rules. */
export interface WriteOptions {
  /** Who acts: the event's actor, the owner of the idempotency key and the audit record's actor. */
  acting: ActingPerson;
  /**
   * Refuses a caller who may not act on this case (another applicant's, an item outside a chief's
   * authorization). It runs right after the case is read, before its version or status is checked,
   * so a refused caller learns nothing of either.
   */
  authorize?: (row: CaseRow) => void;
  /** Where the write's audit record goes, in the write's own transaction. */
  trail?: AuditTrail;
}

const DATE_FIELDS: ReadonlySet<string> = new Set([
  'submittedAt',
  'receivedAt',
  'acceptedAt',
  'deadline',
  'concludedAt',
  'suspendedAt',
  'supplementRequestedAt',
  'extendedAt',
]);

/**
 * The columns an idempotency record does not keep: the applicant's name and ID number and the
 * receipt's verification code. None changes over a case's life, so a replay reads them from the case.
 */
const PERSONAL_COLUMNS = ['applicantName', 'applicantIdNumber', 'verificationCode'] as const;
type PersonalColumns = Pick<CaseRow, (typeof PERSONAL_COLUMNS)[number]>;

/** A case row for an idempotency record: JSON without the personal columns. */
function storedResult(row: CaseRow): string {
  const kept: Partial<CaseRow> = { ...row };
  for (const column of PERSONAL_COLUMNS) delete kept[column];
  return JSON.stringify(kept);
}

/** A case row kept as JSON (an idempotency record's result), with its dates back as dates and its personal columns read again. */
function reviveCase(json: string, personal: PersonalColumns): CaseRow {
  const row: Omit<CaseRow, keyof PersonalColumns> = JSON.parse(json, (key, value: unknown) =>
    DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value,
  );
  return { ...row, ...personal };
}

/**
 * The first result of an earlier request of this caller (`owner`) with this idempotency key, if
 * there was one. The same key with another operation or other arguments is a CONFLICT: keys must
 * not be reused. Another caller's identical key is another record: keys belong to their owner.
 */
async function replay(
  tx: Transaction,
  owner: string,
  key: string,
  operation: string,
  print: string,
): Promise<CaseRow | null> {
  const record = await tx.idempotencyRecord.findUnique({ where: { owner_key: { owner, key } } });
  if (!record) return null;
  if (record.operation !== operation || record.fingerprint !== print) {
    throw new ConflictError(
      `Idempotency key "${key}" was already used for a different request; use a new key for a new request.`,
      {
        idempotencyKey: key,
      },
    );
  }
  const personal = await tx.case.findUniqueOrThrow({
    where: { id: record.caseId },
    select: { applicantName: true, applicantIdNumber: true, verificationCode: true },
  });
  return reviveCase(record.result, personal);
}

async function remember(
  tx: Transaction,
  owner: string,
  key: string,
  operation: string,
  print: string,
  row: CaseRow,
  now: Date,
): Promise<void> {
  await tx.idempotencyRecord.create({
    data: { owner, key, operation, fingerprint: print, caseId: row.id, result: storedResult(row), createdAt: now },
  });
}

/** Appends the audit record of a write, in the write's transaction: it commits or rolls back with it. */
async function audit(
  tx: Transaction,
  options: WriteOptions,
  department: DepartmentEntry,
  operation: string,
  row: CaseRow,
  now: Date,
): Promise<void> {
  await options.trail?.appendIn(tx.auditRecord, [
    {
      at: now.toISOString(),
      ...options.acting.audit,
      action: `write:${operation}`,
      target: toGlobalId(department.code, row.id),
      detail: { department: department.code, caseNumber: row.number, version: row.version, status: row.status },
    },
  ]);
}

/**
 * Deletes idempotency records older than `retentionMs`: a retry comes within minutes, and the
 * records are the caller's history, kept no longer than needed. Returns how many it deleted.
 */
export async function expireIdempotencyRecords(db: KitDatabase, now: Date, retentionMs: number): Promise<number> {
  const { count } = await db.idempotencyRecord.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - retentionMs) } },
  });
  return count;
}

/** The local id of a case ID of this department; anything else is NOT_FOUND. */
export function localCaseId(id: string, department: DepartmentEntry): number {
  const { department: code, localId } = parseGlobalId(id);
  const number = code === department.code ? localRowNumber(localId) : null;
  if (number === null) throw new NotFoundError(`No case "${id}" in ${department.code}.`, { id });
  return number;
}

/** Every transition a case in `status` may take next, for the refusal's message. */
function allowedFrom(status: string): string {
  const names = Object.entries(TRANSITIONS).filter(([, declared]) => declared.from.some((from) => from === status));
  return names.map(([name]) => name).join(', ') || 'take no further step';
}

/**
 * Runs one transition of the state machine in one database transaction: replays a known
 * idempotency key, checks the expected version, the status and the transition's rules, applies
 * its change, bumps the version (conditionally, so a concurrent writer makes this one a
 * CONFLICT), appends the event and records the result under the key. Nothing changes unless all
 * succeed. A database locked by another connection is waited for (writeTransaction), then
 * SERVICE_BUSY.
 */
export async function runTransition<I extends TransitionRequest>(
  db: KitDatabase,
  department: DepartmentEntry,
  transition: Transition<I>,
  request: I,
  now: Date,
  options: WriteOptions,
): Promise<CaseRow> {
  const { name } = transition;
  const { owner } = options.acting;
  const id = localCaseId(request.caseId, department);
  const print = requestFingerprint(name, request);
  return writeTransaction(db, async (tx) => {
    const replayed = await replay(tx, owner, request.idempotencyKey, name, print);
    if (replayed) return replayed;
    const row = await tx.case.findUnique({ where: { id } });
    if (!row) throw new NotFoundError(`No case "${request.caseId}".`, { id: request.caseId });
    options.authorize?.(row);
    if (row.version !== request.expectedVersion) {
      throw new ConflictError(
        `Case ${row.number} is at version ${row.version}, not ${request.expectedVersion}: ` +
          'it changed since you read it.',
        {
          currentVersion: row.version,
        },
      );
    }
    const refuse = (why: string) => new InvalidTransitionError(why, { status: row.status, transition: name });
    if (!transition.from.some((from) => from === row.status))
      throw refuse(`A case that is ${row.status} cannot ${name}; it can ${allowedFrom(row.status)}.`);
    let item: Promise<ItemWithMaterials> | undefined;
    const step: Step<I> = { row, request, now, item: () => (item ??= readItem(tx, row.itemCode)), refuse };
    for (const rule of transition.rules) await rule.check(step);
    const { data, event } = await transition.change(step);
    const toStatus = transition.to ?? row.status;
    const updated = await tx.case.updateMany({
      where: { id, version: request.expectedVersion },
      data: { ...data, status: toStatus, version: { increment: 1 } },
    });
    if (updated.count !== 1)
      throw new ConflictError(`Case ${row.number} changed concurrently; read it again and retry.`);
    await tx.caseEvent.create({
      data: {
        caseId: id,
        seq: request.expectedVersion + 1,
        action: name,
        at: now,
        actor: options.acting.eventActor(row.applicantKey),
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
    await audit(tx, options, department, name, after, now);
    await remember(tx, owner, request.idempotencyKey, name, print, after, now);
    return after;
  });
}

/**
 * One record of the lifecycle table: the transition's declaration (from, to, input type) joined
 * to the kit's behaviour, and `perform`, which checks raw mutation input against the record's
 * own schema and runs it.
 */
export function defineTransition<N extends TransitionName, I extends TransitionRequest>(
  name: N,
  behaviour: TransitionBehaviour<I>,
) {
  const transition = { name, ...TRANSITIONS[name], ...behaviour };
  return {
    ...transition,
    /**
     * Runs the transition for the request's verified caller: refused by role before anything is
     * read (guardWrite), and for this case before its version or status is looked at (checkCaseWrite).
     */
    perform: (context: LifecycleContext, department: DepartmentEntry, input: unknown): Promise<CaseRow> => {
      guardWrite(context, name);
      const request = parseInput(behaviour.input, input);
      return runTransition(context.db, department, transition, request, context.now, {
        acting: actingCaller(context.identity, context.applicantSecret),
        authorize: (row) => checkCaseWrite(context.identity, department.code, name, row, request.caseId),
        trail: context.audit,
      });
    },
  };
}

/**
 * Receives a new application: the case and its first event, in one transaction, exactly once per
 * key. `authorizeItem` refuses, once the item is read and before anything is written, a caller
 * who may not apply for it (an item not offered online, for an applicant).
 */
export async function submitApplication(
  db: KitDatabase,
  department: DepartmentEntry,
  request: SubmitRequest,
  now: Date,
  applicantSecret: string,
  options: Omit<WriteOptions, 'authorize'> & { authorizeItem?: (item: ItemRow) => void },
): Promise<CaseRow> {
  // Keyed: a submission holds the applicant's name and ID number, guessable against a plain hash.
  const print = createHmac('sha256', applicantSecret).update(requestFingerprint('submit', request)).digest('hex');
  const { owner } = options.acting;
  return writeTransaction(db, async (tx) => {
    const replayed = await replay(tx, owner, request.idempotencyKey, 'submit', print);
    if (replayed) return replayed;
    const item = await tx.item.findUnique({ where: { code: request.itemCode } });
    if (!item)
      throw new BadUserInputError(`${department.name} has no item "${request.itemCode}".`, { field: 'itemCode' });
    options.authorizeItem?.(item);
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
      data: {
        caseId: id,
        seq: 1,
        action: 'submit',
        at: now,
        actor: options.acting.eventActor(row.applicantKey),
        fromStatus: null,
        toStatus: 'SUBMITTED',
        note: request.note ?? null,
      },
    });
    await audit(tx, options, department, 'submit', row, now);
    await remember(tx, owner, request.idempotencyKey, 'submit', print, row, now);
    return row;
  });
}
