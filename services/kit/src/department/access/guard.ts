import { ForbiddenError, type Identity } from '@onewindow/runtime';
import type { DepartmentAccess } from './policy.js';
import {
  caseReading,
  checkAuditAccess,
  checkFeedAccess,
  checkLookupFilters,
  checkStatsAccess,
  type CaseReading,
} from './reads.js';
import { checkWriteRole, type LifecycleOperation } from './writes.js';

/**
 * Each operation's check as the resolvers call it: the kit's rule for the role, then the
 * department's own refusals (its `access.refuse`), which can only take away.
 */

/** What the guards read of a request's context. */
export interface GuardContext {
  identity: Identity;
  department: { code: string };
  policy: DepartmentAccess;
}

function departmentRefusal(context: GuardContext, operation: string): void {
  const refusal = context.policy.refuse?.(context.identity, operation);
  if (refusal) throw new ForbiddenError(refusal, { department: context.department.code });
}

type CaseFilterLookups = { applicantIdNumber?: string | null; text?: string | null } | null | undefined;

/** A case list, one case, or a case entity: how the caller may read them. */
export function guardCaseRead(context: GuardContext, operation: string, filter?: CaseFilterLookups): CaseReading {
  const reading = caseReading(context.identity, context.department.code);
  checkLookupFilters(context.identity, context.department.code, filter);
  departmentRefusal(context, operation);
  return reading;
}

export function guardStats(context: GuardContext, filter: CaseFilterLookups): void {
  checkStatsAccess(context.identity);
  checkLookupFilters(context.identity, context.department.code, filter);
  departmentRefusal(context, 'caseStats');
}

export function guardFeed(context: GuardContext, operation: 'caseEvents' | 'latestEventCursor'): void {
  checkFeedAccess(context.identity, context.department.code);
  departmentRefusal(context, operation);
}

export function guardAuditRead(context: GuardContext): void {
  checkAuditAccess(context.identity);
  departmentRefusal(context, 'auditRecords');
}

/** A lifecycle step, before anything is read. */
export function guardWrite(context: GuardContext, operation: LifecycleOperation): void {
  checkWriteRole(context.identity, context.department.code, operation);
  departmentRefusal(context, operation);
}
