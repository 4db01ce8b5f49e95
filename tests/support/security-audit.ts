/**
 * The gateway's audit trail as an auditor reads it (GET /audit, docs/security.md "Audit trail"),
 * for the security tests: find the record of one request by the request ID it was sent with.
 */
import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER } from '../../services/runtime/src/index.js';
import { asUser } from './identity.js';

export interface GatewayAuditRecord {
  seq: number;
  actor: string;
  role: string;
  action: string;
  target: string | null;
  detail: {
    codes?: string[];
    documentHash: string | null;
    variablesHash: string;
    ip: string | null;
    outcome: 'ok' | 'partial' | 'error';
    requestId: string | null;
    subgraphs: string[];
  };
}

/** A request ID to send (`x-request-id`), by which the request's audit record is found. */
export function tracedRequest(label: string): { requestId: string; headers: Record<string, string> } {
  const requestId = `security-${label}-${randomUUID()}`;
  return { requestId, headers: { [REQUEST_ID_HEADER]: requestId } };
}

const AUDITOR = { role: 'auditor', sub: 'auditor-security-tests' } as const;

/** Every record of the gateway at `baseUrl`, page by page. */
export async function gatewayAuditRecords(baseUrl: string): Promise<GatewayAuditRecord[]> {
  const headers = await asUser(AUDITOR);
  const records: GatewayAuditRecord[] = [];
  for (let after = 0; ;) {
    const response = await fetch(`${baseUrl}/audit?after=${after}&first=1000`, { headers });
    if (response.status !== 200) throw new Error(`GET /audit answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { records: GatewayAuditRecord[]; hasNextPage: boolean; endCursor: number };
    records.push(...page.records);
    if (!page.hasNextPage) return records;
    after = page.endCursor;
  }
}

/**
 * The record of the request sent with `requestId`: records are written in batches within 200 ms,
 * so this looks again for up to 3 s. Undefined when there is none by then.
 */
export async function auditRecordOf(baseUrl: string, requestId: string): Promise<GatewayAuditRecord | undefined> {
  const until = Date.now() + 3000;
  for (;;) {
    const found = (await gatewayAuditRecords(baseUrl)).find((record) => record.detail.requestId === requestId);
    if (found || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
