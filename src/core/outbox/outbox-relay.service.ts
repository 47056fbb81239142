// Worker only: moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP
// LOCKED, so several relays can run at once; the job id is the row id, so a row relayed twice
// (a crash between enqueue and commit) is still enqueued once.
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { isJobName, JOB_QUEUE, QueueName } from '../queue/jobs';
import { retryPolicy } from '../queue/retry-policy';
import { FAIR_QUEUES, FairShare } from '../queue/fair-share';
import type { JobData } from '../queue/job-handler.decorator';
import { QueueRegistry } from '../queue/queue.registry';
import {
  contextFromTraceparent,
  failSpan,
  SpanKind,
  startSpan,
  traceparentOf,
  tracingEnabled,
} from '../telemetry/tracing';
import { OUTBOX_CHANNEL } from './outbox.service';

interface PendingRow {
  id: string;
  job_name: string;
  payload: Record<string, unknown>;
  organization_id: string | null;
  request_id: string | null;
  traceparent: string | null;
  created_at: Date;
}

const ENQUEUE_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: Client;
  private failures = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
    private readonly fairShare: FairShare,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.runLoop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Claims one batch of committed rows, enqueues them and marks them relayed. Returns the count. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT id, job_name, payload, organization_id, request_id, traceparent, created_at
           FROM outbox_event
          WHERE relayed_at IS NULL AND available_at <= now()
          ORDER BY created_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.config.get('OUTBOX_BATCH_SIZE')],
      );
      if (rows.length === 0) return 0;
      const byQueue = new Map<QueueName, { name: string; data: JobData; opts: JobsOptions }[]>();
      for (const row of rows) {
        if (!isJobName(row.job_name)) {
          // A row no handler knows would block nothing but could never run: log it loudly and skip it.
          this.logger.error(
            `outbox row ${row.id} names unknown job ${row.job_name}; marked relayed without a job`,
          );
          continue;
        }
        const queue = JOB_QUEUE[row.job_name];
        const list = byQueue.get(queue) ?? [];
        list.push({
          name: row.job_name,
          data: {
            payload: row.payload,
            meta: {
              outboxId: row.id,
              organizationId: row.organization_id,
              requestId: row.request_id,
              createdAt: new Date(row.created_at).toISOString(),
            },
          },
          opts: {
            jobId: row.id,
            ...retryPolicy(this.config, row.job_name),
            // Shared out between organisations (see fair-share.ts).
            ...(FAIR_QUEUES.has(queue) && row.organization_id
              ? { priority: await this.fairShare.priority(queue, row.organization_id) }
              : {}),
          },
        });
        byQueue.set(queue, list);
      }
      const enqueue = () =>
        withTimeout(
          Promise.all([...byQueue].map(([queue, jobs]) => this.queues.queue(queue).addBulk(jobs))),
          ENQUEUE_TIMEOUT_MS,
          'enqueue',
        );
      await this.inRelaySpans(rows, byQueue, enqueue);
      await manager.query(`UPDATE outbox_event SET relayed_at = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  /**
   * Continues the trace of each row that has one: a producer span per row (child of the span that
   * wrote it) around the enqueue; the job carries that span's context to the worker.
   */
  private async inRelaySpans(
    rows: PendingRow[],
    byQueue: Map<QueueName, { name: string; data: JobData; opts: JobsOptions }[]>,
    enqueue: () => Promise<unknown>,
  ): Promise<void> {
    const traced = new Map(rows.filter((r) => r.traceparent).map((r) => [r.id, r.traceparent]));
    const spans = [];
    if (tracingEnabled() && traced.size > 0) {
      for (const [queue, jobs] of byQueue) {
        for (const job of jobs) {
          const parent = traced.get(job.opts.jobId!);
          if (!parent) continue;
          const span = startSpan(
            `outbox relay ${job.name}`,
            SpanKind.PRODUCER,
            contextFromTraceparent(parent),
            {
              'messaging.destination.name': queue,
            },
          );
          job.data.meta.traceparent = traceparentOf(span);
          spans.push(span);
        }
      }
    }
    try {
      await enqueue();
    } catch (error) {
      for (const span of spans) failSpan(span, error as Error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  private async runLoop(): Promise<void> {
    const batch = this.config.get('OUTBOX_BATCH_SIZE');
    while (this.running) {
      let relayed = 0;
      try {
        relayed = await this.relayOnce();
        if (this.failures > 0) this.logger.log('outbox relay recovered');
        this.failures = 0;
      } catch (error) {
        this.failures++;
        if (this.failures === 1 || this.failures % 30 === 0) {
          this.logger.warn(
            `outbox relay failed (${this.failures}x), retrying: ${(error as Error).message}`,
          );
        }
      }
      if (relayed >= batch && this.failures === 0) continue;
      const pause =
        this.failures > 0
          ? Math.min(500 * 2 ** Math.min(this.failures, 4), 8000)
          : this.config.get('OUTBOX_POLL_INTERVAL_MS');
      await this.sleep(pause);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** LISTEN for commit notifications so new rows are relayed at once; polling covers gaps. */
  private async listen(): Promise<void> {
    if (!this.running) return;
    const client = new Client({ connectionString: this.config.get('DATABASE_URL') });
    client.on('error', () => undefined);
    client.on('notification', () => this.wake?.());
    client.on('end', () => {
      if (this.listener === client) this.listener = undefined;
      if (this.running) setTimeout(() => void this.listen(), 1000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (!this.running) {
        await client.end();
        return;
      }
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }
}
