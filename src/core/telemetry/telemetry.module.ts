import {
  DynamicModule,
  Global,
  Injectable,
  Module,
  OnApplicationShutdown,
  Inject,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { Database } from '../database/database.service';
import { ALL_QUEUES } from '../queue/jobs';
import { QueueRegistry } from '../queue/queue.registry';
import { Metrics } from './metrics';
import { flushTracing, startTracing } from './tracing';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

const COUNT_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Reads queue depths and the outbox lag when scraped, then renders the registry. */
@Injectable()
export class MetricsExporter {
  constructor(
    readonly metrics: Metrics,
    private readonly queues: QueueRegistry,
    private readonly db: Database,
  ) {}

  async render(): Promise<{ contentType: string; body: string }> {
    await Promise.all([this.readQueues(), this.readOutbox()]);
    return {
      contentType: this.metrics.registry.contentType,
      body: await this.metrics.registry.metrics(),
    };
  }

  private async readQueues(): Promise<void> {
    try {
      await Promise.all(
        ALL_QUEUES.map(async (name) => {
          const counts = await withTimeout(
            this.queues
              .queue(name)
              .getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
            COUNT_TIMEOUT_MS,
          );
          const gauge = this.metrics.queueJobs;
          gauge.set(
            { queue: name, state: 'waiting' },
            (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          );
          gauge.set({ queue: name, state: 'active' }, counts.active ?? 0);
          gauge.set({ queue: name, state: 'delayed' }, counts.delayed ?? 0);
          gauge.set({ queue: name, state: 'failed' }, counts.failed ?? 0);
        }),
      );
    } catch {
      this.metrics.scrapeErrors.inc({ source: 'redis' });
    }
  }

  private async readOutbox(): Promise<void> {
    try {
      const [row] = await withTimeout(
        this.db.dataSource.query<{ unrelayed: number; lag: number }[]>(
          `SELECT count(*)::int AS unrelayed,
                  COALESCE(EXTRACT(EPOCH FROM now() - min(available_at)), 0)::float8 AS lag
             FROM outbox_event
            WHERE relayed_at IS NULL AND available_at <= now()`,
        ),
        COUNT_TIMEOUT_MS,
      );
      this.metrics.outboxUnrelayed.set(row.unrelayed);
      this.metrics.outboxLag.set(Math.max(0, row.lag));
    } catch {
      this.metrics.scrapeErrors.inc({ source: 'postgres' });
    }
  }
}

/** Starts tracing for the process and flushes unexported spans on shutdown. */
@Injectable()
export class Tracing implements OnApplicationShutdown {
  constructor(config: AppConfig, @Inject(SERVICE_NAME) service: string) {
    startTracing({
      disabled: config.get('OTEL_SDK_DISABLED'),
      serviceName: config.get('OTEL_SERVICE_NAME') ?? `meilenstein-${service}`,
      endpoint: config.get('OTEL_EXPORTER_OTLP_ENDPOINT'),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await flushTracing();
  }
}

/** Metrics and traces of one process (`api` or `worker`). */
@Global()
@Module({})
export class TelemetryModule {
  static forRoot(service: 'api' | 'worker'): DynamicModule {
    return {
      module: TelemetryModule,
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: Metrics, useFactory: () => new Metrics(service) },
        Tracing,
        MetricsExporter,
      ],
      exports: [Metrics, MetricsExporter, Tracing],
    };
  }
}
