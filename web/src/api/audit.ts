import { ApiError, requestInNamespace } from './client';
import { currentToken } from './session';

/** One record of a service's hash-chained audit trail, as every source serves it. */
export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string | null;
  detail: string;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  records: AuditRecord[];
  hasNextPage: boolean;
}

/** Where records are kept: the gateway's trail (every operation), the center's, or a department's (by code). */
export type AuditSource = 'gateway' | 'center' | string;

const FIELDS = 'seq at actor role action target detail prevHash hash';
/** A registry code, the only thing put into a query's text. */
const DEPARTMENT_CODE = /^[a-z][a-z0-9]*$/;

/** The gateway's own records: GET /audit with the auditor's token. */
async function gatewayPage(after: number, first: number): Promise<AuditPage> {
  const token = currentToken();
  const response = await fetch(`/audit?after=${after}&first=${first}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch(() => {
    throw new ApiError('The hub cannot be reached. Check the network and try again.', 'NETWORK');
  });
  type GatewayRecord = Omit<AuditRecord, 'detail'> & { detail: unknown };
  const body = (await response.json().catch(() => null)) as {
    records?: GatewayRecord[];
    hasNextPage?: boolean;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
  if (!response.ok || !body?.records) {
    const error = body?.errors?.[0];
    throw new ApiError(
      error?.message ?? `The hub answered ${response.status}.`,
      error?.extensions?.code ?? 'FORBIDDEN',
    );
  }
  // The gateway sends each detail as JSON itself; the subgraphs as its canonical text.
  const records = body.records.map((record) => ({ ...record, detail: JSON.stringify(record.detail) }));
  return { records, hasNextPage: body.hasNextPage ?? false };
}

/**
 * The records after `after` (a seq; 0 from the start), oldest first, `first` of them. The center
 * and the departments answer lists without a "next" flag: one more is asked for to know.
 */
export async function loadAuditPage(source: AuditSource, after: number, first: number): Promise<AuditPage> {
  if (source === 'gateway') return gatewayPage(after, first);
  const selection = `auditRecords(after: $after, first: $first) { ${FIELDS} }`;
  let records: AuditRecord[];
  if (source === 'center') {
    const { data } = await requestInNamespace<{ auditRecords: AuditRecord[] }>(
      `query AuditRecords($after: Int, $first: Int) { ${selection} }`,
      { after, first: first + 1 },
    );
    records = data.auditRecords;
  } else {
    if (!DEPARTMENT_CODE.test(source)) throw new ApiError(`No department "${source}".`, 'BAD_USER_INPUT');
    const { data } = await requestInNamespace<Record<string, { auditRecords: AuditRecord[] }>>(
      `query AuditRecords($after: Int, $first: Int) { ${source} { ${selection} } }`,
      { after, first: first + 1 },
    );
    records = data[source]?.auditRecords ?? [];
  }
  return { records: records.slice(0, first), hasNextPage: records.length > first };
}
