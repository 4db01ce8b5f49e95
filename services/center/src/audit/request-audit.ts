import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { AuditEntry, AuditTrail, Identity } from '@onewindow/runtime';
import type { Prisma } from '../__generated__/prisma/client.js';

/** The center's records whose reads are personal data, and so audited. */
export type PersonalRecord = 'applicant' | 'inquiry' | 'complaint' | 'notification' | 'followUpContact';

/**
 * The audit of one request to the center: its writes, each recorded in the write's own transaction
 * (the record and the change commit or roll back together), and its reads of personal data, noted
 * as they are resolved and recorded as one record when the response is sent.
 */
export class RequestAudit {
  private readonly reads = new Map<PersonalRecord, Set<string>>();

  constructor(
    private readonly trail: AuditTrail,
    private readonly identity: Identity,
  ) {}

  private entry(action: string, target: string | null, detail: Record<string, unknown>): AuditEntry {
    return { at: new Date().toISOString(), actor: this.identity.sub, role: this.identity.role, action, target, detail };
  }

  /** Records a write (`write:<action>`) in the transaction `tx` that makes it. */
  write(
    tx: Prisma.TransactionClient,
    action: string,
    target: string | null,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    return this.trail.appendIn(tx.auditRecord, [this.entry(`write:${action}`, target, detail)]);
  }

  /** Notes that the request read a personal record (by its global ID). */
  read(kind: PersonalRecord, id: string): void {
    let ids = this.reads.get(kind);
    if (!ids) this.reads.set(kind, (ids = new Set()));
    ids.add(id);
  }

  /** Queues one record of every personal record the request read, if it read any. */
  finish(operation: string | null, ip: string): void {
    if (!this.reads.size) return;
    const read = Object.fromEntries([...this.reads].map(([kind, ids]) => [kind, [...ids].sort()]));
    this.trail.record(this.entry('read:personal', operation, { read, ip }));
    this.reads.clear();
  }
}

/** Records each request's reads of personal data once its response is sent. */
export function auditReadsPlugin<
  TContext extends { audit: RequestAudit; identity: Identity },
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, operation }) {
          // Named by the operation's name, else by the root fields it asked for.
          const fields = operation?.selectionSet.selections.flatMap((s) =>
            s.kind === Kind.FIELD ? [s.name.value] : [],
          );
          contextValue.audit.finish(operationName ?? (fields?.join(',') || null), contextValue.identity.ip);
        },
      };
    },
  };
}

/** A record of the center's own work (`service:center`): following the feeds, sending joint parts. */
export function serviceEntry(action: string, target: string | null, detail: Record<string, unknown>): AuditEntry {
  return { at: new Date().toISOString(), actor: 'service:center', role: 'service', action, target, detail };
}
