import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, type ExecutionResult } from 'graphql';
import {
  MAX_JSON_DEPTH,
  REQUEST_ID_HEADER,
  canonicalJson,
  nestsDeeperThan,
  type AuditEntry,
  type Identity,
  type Logger,
} from '@onewindow/runtime';

export interface AuditPluginOptions {
  /** Where the records go: the gateway's AuditTrail, which writes them in batches. */
  record: (entry: AuditEntry) => void;
  /** The verified caller of a request (useIdentity's identityOf). */
  identityOf: (request: Request) => Identity | undefined;
  /**
   * The client's address from the connection's peer and X-Forwarded-For (identity/client-address.ts):
   * a request refused before it has an identity (a bad token, CSRF) is still recorded with it.
   */
  clientAddress?: (peer: string | undefined, forwardedFor: string | null) => string;
  /** The GraphQL endpoint's path: other paths (/health, /audit) are not operations. */
  graphqlEndpoint: string;
  /**
   * The key of the variables' hash (AUDIT_KEY). Keyed, because a plain SHA-256 of `{"id": …}`
   * gives a guessable value such as an ID number away to anyone who tries the candidates.
   */
  variablesKey: string;
  /** Where a record that could not be made is reported (the client's answer is sent all the same). */
  logger: Logger;
  clock?: () => Date;
}

/** What the gateway learns of one operation while it runs. */
interface OperationTrace {
  at: Date;
  ip: string | null;
  started: number;
  document?: string;
  operationName?: string | null;
  variables?: unknown;
  type?: string;
  subgraphs: Set<string>;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The variables' keyed hash as the audit records keep it: HMAC-SHA256 of their canonical JSON. */
export const variablesHash = (key: string, variables: unknown) =>
  createHmac('sha256', key)
    .update(canonicalJson(variables ?? {}))
    .digest('hex');

/**
 * The variables' hash, or null for variables too deep to hash (useOperationLimits refuses them):
 * the operation is recorded all the same, whatever a client sent.
 */
const hashOfVariables = (key: string, variables: unknown) =>
  nestsDeeperThan(variables, MAX_JSON_DEPTH) ? null : variablesHash(key, variables);

/** The codes of a result's errors, each once, in the order met; a code-less error counts as unknown. */
function codesOf(result: ExecutionResult): string[] {
  const codes = (result.errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
  return [...new Set(codes)];
}

/** ok, partial (data and errors) or error (nothing answered). */
function outcomeOf(result: ExecutionResult): 'ok' | 'partial' | 'error' {
  if (!result.errors?.length) return 'ok';
  return result.data ? 'partial' : 'error';
}

/**
 * The gateway's audit record of every operation, refused ones included: who asked (the verified
 * `sub` and role, and the client's address), the operation's type and name, the SHA-256 of its
 * document as sent (a trusted document's ID is that hash too) and of its variables in canonical
 * JSON (so the same values always hash alike; the values themselves are not kept: they may be
 * personal data), the subgraphs it reached, what the client got back (ok, partial or error, with
 * the error codes) and how long it took. Records are queued and written in batches to the
 * gateway's own hash-chained store (AuditTrail).
 */
export function useAudit(options: AuditPluginOptions): GatewayPlugin {
  const clock = options.clock ?? (() => new Date());
  const traces = new WeakMap<Request, OperationTrace>();

  const record = (request: Request, result: ExecutionResult) => {
    const trace = traces.get(request);
    if (!trace) return;
    traces.delete(request);
    const identity = options.identityOf(request);
    const codes = codesOf(result);
    options.record({
      at: trace.at.toISOString(),
      actor: identity?.sub ?? 'anonymous',
      role: identity?.role ?? 'public',
      action: trace.type ? `operation:${trace.type}` : 'operation',
      target: trace.operationName ?? null,
      detail: {
        documentHash: trace.document === undefined ? null : sha256(trace.document),
        variablesHash: hashOfVariables(options.variablesKey, trace.variables),
        subgraphs: [...trace.subgraphs].sort(),
        outcome: outcomeOf(result),
        ...(codes.length ? { codes } : {}),
        ms: Math.round(performance.now() - trace.started),
        ip: identity?.ip ?? trace.ip,
        requestId: request.headers.get(REQUEST_ID_HEADER),
      },
    });
  };

  return {
    onRequest({ request, url, serverContext }) {
      if (url.pathname !== options.graphqlEndpoint) return;
      const peer = (serverContext as { req?: IncomingMessage } | undefined)?.req?.socket.remoteAddress;
      const ip = options.clientAddress?.(peer, request.headers.get('x-forwarded-for')) ?? null;
      traces.set(request, { at: clock(), started: performance.now(), ip, subgraphs: new Set() });
    },
    // After the trusted documents' turn: a document sent by its ID is recorded by its text.
    onParams({ request, params }) {
      const trace = traces.get(request);
      if (!trace) return;
      // What a client sent is not always what it should be (a query that is an object, say): the
      // runtime refuses such a request, and the record keeps only what has the right type.
      trace.document = typeof params.query === 'string' ? params.query : undefined;
      trace.operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
      trace.variables = params.variables;
    },
    // When parsed, before the limits are checked: a refused operation is recorded with its type too.
    onParse({ context }) {
      const trace = traces.get((context as { request: Request }).request);
      if (!trace) return undefined;
      return ({ result }) => {
        if (!result || result instanceof Error) return;
        const operation = getOperationAST(result, trace.operationName);
        trace.type = operation?.operation;
        trace.operationName ??= operation?.name?.value;
      };
    },
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const request = (executionRequest.context as { request?: Request } | undefined)?.request;
      if (request) traces.get(request)?.subgraphs.add(subgraphName);
    },
    onResultProcess({ request, result }) {
      // Batching is off: one result per request.
      if (Array.isArray(result)) return;
      try {
        record(request, result as ExecutionResult);
      } catch (error) {
        options.logger.error(
          { err: error, requestId: request.headers.get(REQUEST_ID_HEADER) },
          'operation not audited',
        );
      }
    },
  };
}
