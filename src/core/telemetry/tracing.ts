// OpenTelemetry traces: one tracer provider per process, registered once. Requests, outbox relays
// and jobs run in spans; the W3C `traceparent` of the span that wrote an outbox row is stored with
// the row and carried in the job's data, so a job continues the trace of the request that caused
// it. The context lives in one AsyncLocalStorage (OpenTelemetry's context manager), which the log
// mixin reads for `trace_id` and `span_id`. Spans are exported only when an OTLP endpoint is set.
import {
  Context,
  context,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export interface TracingSettings {
  disabled: boolean;
  serviceName: string;
  /** OTLP/HTTP base URL (`/v1/traces` is appended); unset: spans are not exported. */
  endpoint?: string;
}

let provider: TracerProvider | undefined;
let enabled = false;

/** Registers the process's tracer provider, context manager and propagator (first call wins). */
export function startTracing(settings: TracingSettings): void {
  if (provider || settings.disabled) return;
  const spanProcessors: SpanProcessor[] = settings.endpoint
    ? [
        new BatchSpanProcessor({
          exporter: new OTLPTraceExporter({
            url: `${settings.endpoint.replace(/\/$/, '')}/v1/traces`,
          }),
        }),
      ]
    : [];
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  enabled = true;
}

/** Sends the spans not yet exported (on shutdown). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}

export function tracingEnabled(): boolean {
  return enabled;
}

export function tracer(): Tracer {
  return trace.getTracer('meilenstein');
}

/**
 * A function that runs work in the trace context current now: for work done later on a request's
 * behalf outside its own async flow (a group commit runs in the first request's context).
 */
export function inCurrentTrace(): <R>(work: () => R) => R {
  const captured = context.active();
  return (work) => context.with(captured, work);
}

/** The W3C `traceparent` of the current span, or null outside a trace. */
export function currentTraceparent(): string | null {
  if (!enabled) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored `traceparent` continues (the root context when there is none). */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** Fields the logger adds to every line written inside a span (pino's mixin). */
export function traceFields(): { trace_id?: string; span_id?: string } {
  if (!enabled) return {};
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Starts a span that is not made current (the caller ends it). */
export function startSpan(
  name: string,
  kind: SpanKind,
  parent: Context,
  attributes: Record<string, string | number>,
): Span {
  return tracer().startSpan(name, { kind, attributes }, parent);
}

/** The W3C `traceparent` naming a span as the parent of work elsewhere. */
export function traceparentOf(span: Span): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier.traceparent ?? null;
}

/** Marks a span as failed with the error that ended its work. */
export function failSpan(span: Span, error: Error): void {
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}

/**
 * Runs `work` in a new span (child of `parent`) and ends it when the work settles; a thrown error
 * marks the span as failed. Without tracing, runs `work` as it is.
 */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  parent: Context,
  attributes: Record<string, string | number>,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!enabled) return work(undefined);
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    failSpan(span, error as Error);
    throw error;
  } finally {
    span.end();
  }
}

export { SpanKind };
