import type { ApolloServerPlugin } from '@apollo/server';
import { toGlobalId, type AuditEntry, type AuditTrail, type Identity } from '@onewindow/runtime';

/** The most case IDs one read record lists; the count says how many there were. */
export const MAX_AUDITED_CASES = 200;

/**
 * The personal data one request returned: which cases, which fields, masked or not. Field
 * resolvers add to it as they return personal values; at the end of the request it becomes one
 * `read:personal` audit record (personalReadsAudit).
 */
export class PersonalReads {
  private readonly cases = new Set<number>();
  private readonly fields = new Set<string>();
  private unmasked = false;

  /** A personal value of `field` (`Applicant.name`, `CaseEvent.note`, …) of case `caseId` was returned. */
  add(caseId: number | null, field: string, masked: boolean): void {
    if (caseId !== null) this.cases.add(caseId);
    this.fields.add(field);
    if (!masked) this.unmasked = true;
  }

  get empty(): boolean {
    return this.fields.size === 0;
  }

  /** The audit record of these reads, or null when the request returned nothing personal. */
  entry(caller: Identity, department: string, operation: string | null, at: Date): AuditEntry | null {
    if (this.empty) return null;
    const cases = [...this.cases].sort((a, b) => a - b);
    return {
      at: at.toISOString(),
      actor: caller.sub,
      role: caller.role,
      action: 'read:personal',
      target: operation ?? '(anonymous operation)',
      detail: {
        department,
        cases: cases.slice(0, MAX_AUDITED_CASES).map((id) => toGlobalId(department, id)),
        caseCount: cases.length,
        fields: [...this.fields].sort(),
        masked: !this.unmasked,
      },
    };
  }
}

/** What the audit plugin reads of a request's context. */
interface AuditedContext {
  identity: Identity;
  personalReads: PersonalReads;
}

/** Queues one `read:personal` record for each request that returned personal data, when its response is sent. */
export function personalReadsAudit<TContext extends AuditedContext>(
  trail: AuditTrail,
  department: string,
  clock: () => Date,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, operation }) {
          const operationName = request.operationName ?? operation?.name?.value ?? null;
          const entry = contextValue.personalReads.entry(contextValue.identity, department, operationName, clock());
          if (entry) trail.record(entry);
        },
      };
    },
  };
}
