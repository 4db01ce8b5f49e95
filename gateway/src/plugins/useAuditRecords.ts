import type { IncomingMessage } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  ErrorCode,
  OnewindowError,
  UnauthenticatedError,
  type AuditEntry,
  type AuditRecord,
  type Identity,
} from '@onewindow/runtime';
import { bearerToken } from './useIdentity.js';

export interface AuditRecordsPluginOptions {
  /**
   * The path answered (GET only).
   *
   * @default '/audit'
   */
  endpoint?: string;
  /** Up to `first` records of the chain after `after`, in order. */
  read: (after: number, first: number) => Promise<AuditRecord[]>;
  /** Checks a bearer token and says who holds it (the gateway's user-token verifier). */
  verifyUserToken: (token: string, ip: string) => Promise<Identity>;
  /** The client's address from the connection's peer and X-Forwarded-For (identity/client-address.ts). */
  clientAddress: (peer: string | undefined, forwardedFor: string | null) => string;
  /** Records who read the records. */
  record: (entry: AuditEntry) => void;
}

/** The most records one page holds, and how many a page holds unless `first` says. */
export const MAX_AUDIT_PAGE = 1000;
const DEFAULT_AUDIT_PAGE = 100;

const json = (fetchAPI: { Response: typeof Response }, status: number, body: unknown) =>
  new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/** A whole number from a query parameter within [min, max], or the fallback; anything else is a client error. */
function integerParameter(url: URL, name: string, min: number, max: number, fallback: number): number {
  const text = url.searchParams.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new OnewindowError(ErrorCode.BAD_USER_INPUT, `"${name}" must be a whole number from ${min} to ${max}.`);
  return value;
}

/** The caller of a request to the endpoint: its bearer token, verified; no token is refused. */
async function callerOf(request: Request, peer: string | undefined, options: AuditRecordsPluginOptions) {
  const header = request.headers.get('authorization');
  if (header === null) throw new UnauthenticatedError('The audit records need an auditor\'s token: "Bearer <token>".');
  const ip = options.clientAddress(peer, request.headers.get('x-forwarded-for'));
  return options.verifyUserToken(bearerToken(header), ip);
}

/**
 * The gateway's own audit records for auditors: `GET /audit?after=<seq>&first=<n>` with an
 * auditor's bearer token answers `{ records, hasNextPage, endCursor }` as JSON, oldest first, each
 * record with its place in the chain and its hashes (its `detail` as an object: its canonical JSON
 * is what the hash covers). Without a valid token: 401 UNAUTHENTICATED; another role: 403
 * FORBIDDEN. Each read is itself recorded.
 */
export function useAuditRecords(options: AuditRecordsPluginOptions): GatewayPlugin {
  const endpoint = options.endpoint ?? '/audit';
  return {
    async onRequest({ request, url, fetchAPI, endResponse, serverContext }) {
      if (request.method !== 'GET' || url.pathname !== endpoint) return;
      try {
        const peer = (serverContext as { req?: IncomingMessage } | undefined)?.req?.socket.remoteAddress;
        const caller = await callerOf(request, peer, options);
        if (caller.role !== 'auditor') {
          endResponse(json(fetchAPI, 403, errorBody(ErrorCode.FORBIDDEN, 'Only auditors may read the audit records.')));
          return;
        }
        const after = integerParameter(url, 'after', 0, Number.MAX_SAFE_INTEGER, 0);
        const first = integerParameter(url, 'first', 1, MAX_AUDIT_PAGE, DEFAULT_AUDIT_PAGE);
        // One more than asked says whether another page follows.
        const rows = await options.read(after, first + 1);
        const records = rows.slice(0, first).map((row) => ({ ...row, detail: JSON.parse(row.detail) as unknown }));
        options.record({
          at: new Date().toISOString(),
          actor: caller.sub,
          role: caller.role,
          action: 'read:audit',
          target: 'gateway',
          detail: { after, first, records: records.length, ip: caller.ip },
        });
        endResponse(
          json(fetchAPI, 200, { records, hasNextPage: rows.length > first, endCursor: records.at(-1)?.seq ?? null }),
        );
      } catch (error) {
        const code = (error as OnewindowError).extensions?.code;
        if (code === ErrorCode.UNAUTHENTICATED || code === ErrorCode.BAD_USER_INPUT) {
          const status = code === ErrorCode.UNAUTHENTICATED ? 401 : 400;
          endResponse(json(fetchAPI, status, errorBody(code, (error as Error).message)));
          return;
        }
        throw error;
      }
    },
  };
}
