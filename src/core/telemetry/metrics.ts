// Prometheus metrics (prom-client), one registry per process. Labels are bounded: operation names
// are the client's, but only well-formed ones and at most MAX_OPERATION_NAMES of them; the rest
// fold into `other`, unnamed operations into `anonymous`, requests that never reached an
// operation (unparsable, invalid) into `invalid`. No label ever carries a tenant, person or id.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Bucket bounds in seconds for requests (HTTP and GraphQL alike, so the two can be compared). */
const REQUEST_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Jobs may run far longer than a request (reports, PDFs): the same bounds, then 30 s and 60 s. */
const JOB_SECONDS = [...REQUEST_SECONDS, 30, 60];

/** Paths the API answers, for the HTTP route label; everything else is `other`. */
const ROUTES = ['/graphql', '/health', '/metrics', '/files', '/queues', '/api'];

export function routeOf(path: string): string {
  for (const route of ROUTES) {
    if (path === route || path.startsWith(`${route}/`)) return route;
  }
  return path === '/' || !path.includes('.') ? 'web-app' : 'other';
}

export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly httpRequests = new Counter({
    name: 'meilenstein_http_requests_total',
    help: 'HTTP requests answered, by method, route and status class.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'meilenstein_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its answer.',
    labelNames: ['method', 'route'] as const,
    buckets: REQUEST_SECONDS,
    registers: [this.registry],
  });

  readonly graphqlRequests = new Counter({
    name: 'meilenstein_graphql_requests_total',
    help: 'GraphQL operations executed, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'meilenstein_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to its answer, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: REQUEST_SECONDS,
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'meilenstein_graphql_errors_total',
    help: 'Errors in GraphQL answers, by operation name and error code.',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'meilenstein_job_duration_seconds',
    help: 'Time a worker job ran, by queue, job name and outcome (completed, failed).',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: JOB_SECONDS,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'meilenstein_job_failures_total',
    help: 'Worker job attempts that failed, by queue and job name.',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'meilenstein_queue_jobs',
    help: 'Jobs in each queue by state (waiting, active, delayed, failed), read at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly outboxUnrelayed = new Gauge({
    name: 'meilenstein_outbox_unrelayed_events',
    help: 'Outbox events committed and due but not yet handed to the queues.',
    registers: [this.registry],
  });

  readonly outboxLag = new Gauge({
    name: 'meilenstein_outbox_lag_seconds',
    help: 'Age of the oldest due outbox event not yet handed to the queues (0 when none).',
    registers: [this.registry],
  });

  readonly accessLookups = new Counter({
    name: 'meilenstein_access_cache_lookups_total',
    help: "Requests' access looked up, by where it came from: memory (hit) or the database (miss).",
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly accessCacheListening = new Gauge({
    name: 'meilenstein_access_cache_listening',
    help: 'Whether the API hears access changes and answers access from memory (1) or not (0).',
    registers: [this.registry],
  });

  readonly scrapeErrors = new Counter({
    name: 'meilenstein_metrics_collect_errors_total',
    help: 'Scrapes where queue depths or outbox lag could not be read (Redis or PostgreSQL down).',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /** The label for a client's operation name (see the header of this file). */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }
}
