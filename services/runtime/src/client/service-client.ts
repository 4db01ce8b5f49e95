import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { OnewindowError } from '../errors.js';
import { downstreamCallDuration, secondsSince } from '../observability/metrics.js';
import { traceCall } from '../observability/tracing.js';
import type { Logger } from '../logger.js';
import { REQUEST_ID_HEADER, currentRequestId } from '../server/request-id.js';
import { IDENTITY_HEADER } from '../identity/identity-token.js';
import { currentIdentityToken } from '../identity/current-identity.js';
import { settle, type CallEnding, type CallResult, type GraphQLResponse, type WriteOptions } from './outcome.js';
import { TransportError, postJson } from './transport.js';

export type Variables = Record<string, unknown>;

export interface ServiceClientOptions {
  /** Each service's GraphQL endpoint, by the name its errors give it (a department code, `hub`). */
  urls: Readonly<Record<string, string | undefined>>;
  /** How long a call waits for its answer, unless the call says otherwise. */
  timeoutMs: number;
  /** Where failures are logged (with the request ID); none: they are only returned or thrown. */
  logger?: Logger;
  /**
   * Headers sent with every call besides the request ID and the identity token of the request
   * being handled (see identity/current-identity.ts), computed per call: trace context, say.
   */
  outgoingHeaders?: () => Record<string, string>;
  /** The calling service's name in the call metrics (onewindow_subgraph_call_duration_seconds). */
  caller?: string;
}

export interface CallOptions {
  /** This call's wait, instead of the client's. */
  timeoutMs?: number;
  /** An instant (epoch ms) after which the call is given up: several rounds share one wait. */
  deadline?: number;
  /** Set for a mutation: a failure after the request went out leaves its outcome unknown. */
  write?: WriteOptions;
  /**
   * Set by a caller that reports an unanswered call itself (the center's feed follower, once per
   * outage): the client then logs it at debug instead of a warning at every call.
   */
  quiet?: boolean;
}

/** A transport failure in one line: its code and words, no stack (where it failed is always here). */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

/** The text sent for a document, printed once. */
const printed = new WeakMap<DocumentNode, string>();

function textOf(document: DocumentNode | string): string {
  if (typeof document === 'string') return document;
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/**
 * Calls other services' subgraphs over HTTP: the hub calls the departments, the center calls the
 * departments and the hub. Connections are kept open (see transport.ts), every call forwards the
 * request ID of the request being handled, and every failure is mapped one way (see outcome.ts).
 *
 * Documents are typed (GraphQL Code Generator's TypedDocumentNode, from `.graphql` files checked
 * against the SDL they target by `npm run codegen`); a string is for an operation built at run
 * time from a client's selection, as the hub's pushed-down queries are, typed by its caller.
 */
export class ServiceClient {
  constructor(private readonly options: ServiceClientOptions) {}

  /** How long a call waits by default, for a caller that sets one deadline over several calls. */
  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** The data of a call, or its mapped error thrown: DEPARTMENT_UNAVAILABLE or the service's own coded error. */
  request<TData, TVariables extends Variables>(
    service: string,
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    options?: CallOptions,
  ): Promise<TData>;
  request<TData>(service: string, document: string, variables: Variables, options?: CallOptions): Promise<TData>;
  async request<TData>(
    service: string,
    document: DocumentNode | string,
    variables: Variables,
    options: CallOptions = {},
  ): Promise<TData> {
    const result = await this.call<TData>(service, document, variables, options);
    if (!result.ok) throw result.error;
    return result.data;
  }

  /**
   * The same call, its failure returned rather than thrown: for a caller that treats some
   * failures (no answer, say) as "try again later" and others (a refusal) as final.
   */
  tryRequest<TData, TVariables extends Variables>(
    service: string,
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    options?: CallOptions,
  ): Promise<CallResult<TData>>;
  tryRequest<TData>(
    service: string,
    document: string,
    variables: Variables,
    options?: CallOptions,
  ): Promise<CallResult<TData>>;
  tryRequest<TData>(
    service: string,
    document: DocumentNode | string,
    variables: Variables,
    options: CallOptions = {},
  ): Promise<CallResult<TData>> {
    return this.call<TData>(service, document, variables, options);
  }

  private async call<TData>(
    service: string,
    document: DocumentNode | string,
    variables: Variables,
    options: CallOptions,
  ): Promise<CallResult<TData>> {
    const started = performance.now();
    // A client span; its `traceparent` goes with the call, so the service called continues the trace.
    const traceHeaders: Record<string, string> = {};
    const ending = await traceCall(`call ${service}`, { 'onewindow.target': service }, traceHeaders, () =>
      this.send<TData>(service, textOf(document), variables, options, traceHeaders),
    );
    const result = settle(service, ending, options.write);
    const outcome = result.ok ? 'ok' : String(result.error.extensions?.code ?? 'error');
    downstreamCallDuration.observe(
      { service: this.options.caller ?? 'unknown', target: service, outcome },
      secondsSince(started),
    );
    // An answer that came and was still no usable one (an internal error, no data) means the service is broken.
    if (!result.ok && ending.kind === 'answered' && result.error instanceof OnewindowError) {
      const errors = ending.response.errors;
      this.options.logger?.warn(
        { calledService: service, requestId: currentRequestId(), errors },
        'service answered with errors',
      );
    }
    return result;
  }

  /** Sends a call, once more if a reused connection broke under it, within one wait. */
  private async send<TData>(
    service: string,
    query: string,
    variables: Variables,
    options: CallOptions,
    traceHeaders: Record<string, string>,
  ): Promise<CallEnding<TData>> {
    const url = this.options.urls[service];
    if (!url) return { kind: 'silent', reason: 'no URL is configured', reached: false };
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const late = `no answer within ${timeoutMs} ms`;
    // One wait for the call, a second attempt included.
    const deadline = Math.min(options.deadline ?? Infinity, Date.now() + timeoutMs);
    const body = JSON.stringify({ query, variables });
    const requestId = currentRequestId();
    // The caller's identity goes on unchanged: the service called decides on who really asks.
    const identityToken = currentIdentityToken();
    const headers = {
      ...this.options.outgoingHeaders?.(),
      ...traceHeaders,
      ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
      ...(identityToken ? { [IDENTITY_HEADER]: identityToken } : {}),
    };
    // Whether any attempt reached the service: then a write's outcome is unknown.
    let reached = false;
    for (let attempt = 1; ; attempt += 1) {
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'silent', reason: late, reached };
      try {
        const answer = await postJson(new URL(url), body, headers, left, attempt > 1);
        if (typeof answer !== 'object' || answer === null) {
          return { kind: 'silent', reason: 'no usable answer', reached: true };
        }
        return { kind: 'answered', response: answer as GraphQLResponse<TData> };
      } catch (error) {
        const failure = error instanceof TransportError ? error : new TransportError(true, false, error);
        reached ||= failure.sent;
        if (failure.retryable && attempt === 1) {
          const err = failure.cause;
          this.options.logger?.debug(
            { calledService: service, requestId, err },
            'reused connection reset before any answer: resent',
          );
          continue;
        }
        const reason = failure.timedOut ? late : failure.sent ? 'no usable answer' : 'unreachable';
        const fields = { calledService: service, requestId, cause: describeFailure(failure.cause ?? failure) };
        if (options.quiet) this.options.logger?.debug(fields, `service ${reason}`);
        else this.options.logger?.warn(fields, `service ${reason}`);
        return { kind: 'silent', reason, reached };
      }
    }
  }
}
