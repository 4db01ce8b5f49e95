import { appendFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** The tracer every service's spans come from; a no-op until startTracing registers a provider. */
const tracer = () => trace.getTracer('onewindow');

/** Each finished span as one JSON line in a file: for tests, and for a county without a collector. */
class JsonLinesSpanExporter implements SpanExporter {
  constructor(private readonly file: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const lines = spans.map((span) =>
      JSON.stringify({
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        parentSpanId: span.parentSpanContext?.spanId ?? null,
        name: span.name,
        kind: SpanKind[span.kind],
        service: span.resource.attributes['service.name'],
        start: span.startTime,
        end: span.endTime,
        attributes: span.attributes,
        status: span.status.code === SpanStatusCode.ERROR ? 'error' : 'ok',
      }),
    );
    try {
      appendFileSync(this.file, lines.map((line) => `${line}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  async shutdown(): Promise<void> {}
}

let provider: NodeTracerProvider | undefined;

/**
 * Starts OpenTelemetry tracing for this process, when configured: spans go to an OTLP/HTTP
 * collector at OTEL_EXPORTER_OTLP_ENDPOINT (Jaeger, Tempo, the OpenTelemetry Collector…), and/or
 * as JSON lines to OTEL_TRACES_FILE. W3C `traceparent` headers carry a trace from the gateway to the
 * hub, the center and the departments. Without either setting nothing is recorded and the API
 * calls cost next to nothing. The first call in a process decides (several services hosted in one
 * process share it).
 */
export function startTracing(service: string, env: Record<string, string | undefined> = process.env): void {
  if (provider) return;
  const processors: SpanProcessor[] = [];
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT)
    processors.push(
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` }),
      ),
    );
  if (env.OTEL_TRACES_FILE) processors.push(new SimpleSpanProcessor(new JsonLinesSpanExporter(env.OTEL_TRACES_FILE)));
  if (!processors.length) return;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? service }),
    spanProcessors: processors,
  });
  // The AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
}

/** Sends what is still buffered (on shutdown). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

/** The trace context a caller sent (`traceparent`), or none. */
export function incomingContext(headers: IncomingHttpHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers, {
    get: (carrier, key) => carrier[key],
    keys: (carrier) => Object.keys(carrier),
  });
}

/** Starts the span of a request this service answers, as a child of the caller's. */
export function startServerSpan(service: string, name: string, parent: Context): Span {
  return tracer().startSpan(name, { kind: SpanKind.SERVER, attributes: { 'onewindow.service': service } }, parent);
}

/**
 * Runs `work` inside a client span for a call to another service, with the headers that carry the
 * trace there (`traceparent`) added to `headers`. The span ends when `work` settles.
 */
export async function traceCall<T>(
  name: string,
  attributes: Record<string, string>,
  headers: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes });
  const callContext = trace.setSpan(context.active(), span);
  propagation.inject(callContext, headers);
  try {
    return await context.with(callContext, work);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/** The current trace and span IDs, for log lines; empty outside a traced request. */
export function traceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span || !span.isRecording()) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

export { context as traceContext, trace as traceApi };
