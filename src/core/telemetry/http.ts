// The API's HTTP side of telemetry: a span and request metrics around every request, and the
// `/metrics` endpoint for Prometheus behind a bearer token (no token configured: 404).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Metrics } from './metrics';
import { routeOf } from './metrics';
import type { MetricsExporter } from './telemetry.module';
import { tracer, tracingEnabled } from './tracing';

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/** First middleware of the API: the request's server span (continuing a caller's `traceparent`) and its metrics. */
export function observeRequests(metrics: Metrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const route = routeOf(req.path);
    const method = ['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(req.method)
      ? req.method
      : 'other';
    let span: Span | undefined;
    if (tracingEnabled()) {
      const parent = propagation.extract(ROOT_CONTEXT, req.headers);
      span = tracer().startSpan(
        `${method} ${route}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': req.method, 'http.route': route },
        },
        parent,
      );
    }
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.writableFinished ? statusClass(res.statusCode) : 'aborted';
      metrics.httpRequests.inc({ method, route, status });
      metrics.httpDuration.observe({ method, route }, seconds);
      if (span) {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    };
    // 'close' also comes when the client went away before the answer was sent.
    res.once('finish', finish);
    res.once('close', finish);
    if (!span) return next();
    const ctx = trace.setSpan(context.active(), span);
    // Body parsing resumes in the socket's callbacks: bind the streams so the context survives.
    context.bind(ctx, req as IncomingMessage);
    context.bind(ctx, res as ServerResponse);
    context.with(ctx, next);
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a request carries `Authorization: Bearer <token>`. */
export function hasMetricsToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  return !!match && sameToken(match[1], token);
}

/** `GET /metrics` on the API: Prometheus's text format for a caller with METRICS_TOKEN. */
export function metricsEndpoint(
  exporter: MetricsExporter,
  token: string | undefined,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== '/metrics') return next();
    if (!token || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.status(404).type('text/plain').send('Not Found');
      return;
    }
    if (!hasMetricsToken(req.headers.authorization, token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('Unauthorized');
      return;
    }
    exporter.render().then(
      ({ contentType, body }) => {
        res
          .status(200)
          .set('Content-Type', contentType)
          .set('Cache-Control', 'no-store')
          .send(body);
      },
      (error: Error) => next(error),
    );
  };
}
