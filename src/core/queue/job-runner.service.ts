// Worker only: one BullMQ Worker per queue, dispatching each job by name to its one handler.
// Start-up fails when a job name has no handler or more than one.
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config.service';
import { ALL_JOBS, ALL_QUEUES, isJobName, JOB_QUEUE, JobName, QueueName } from './jobs';
import { JOB_HANDLER, JobData, JobInfo } from './job-handler.decorator';
import { QueueRegistry } from './queue.registry';
import { DeadLetterService } from './dead-letter.service';
import { FAIR_QUEUES, FairShare } from './fair-share';
import { backoffStrategy } from './retry-policy';
import { Metrics } from '../telemetry/metrics';
import { contextFromTraceparent, inSpan, SpanKind } from '../telemetry/tracing';

export type JobHandlerFn = (payload: unknown, info: JobInfo) => Promise<unknown>;

export function assertOneHandlerPerJob(found: Map<JobName, string[]>): void {
  const problems: string[] = [];
  for (const job of ALL_JOBS) {
    const owners = found.get(job) ?? [];
    if (owners.length === 0) problems.push(`job ${job} has no handler`);
    if (owners.length > 1)
      problems.push(`job ${job} has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  if (problems.length)
    throw new Error(`Job registry is inconsistent:\n  - ${problems.join('\n  - ')}`);
}

@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly handlers = new Map<JobName, JobHandlerFn>();
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
    private readonly deadLetters: DeadLetterService,
    private readonly fairShare: FairShare,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.discoverHandlers();
    for (const queue of ALL_QUEUES) this.workers.push(this.startWorker(queue));
  }

  private discoverHandlers(): void {
    const owners = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const job = this.reflector.get<JobName | undefined>(
          JOB_HANDLER,
          fn as (...args: unknown[]) => unknown,
        );
        if (!job) continue;
        owners.set(job, [...(owners.get(job) ?? []), `${wrapper.name as string}.${method}`]);
        this.handlers.set(job, (fn as JobHandlerFn).bind(instance));
      }
    }
    assertOneHandlerPerJob(owners);
  }

  /** Queues that wait on the network run more jobs at once than those that use the CPU. */
  private concurrencyOf(queue: QueueName): number {
    if (queue === QueueName.Notifications)
      return this.config.get('WORKER_CONCURRENCY_NOTIFICATIONS');
    if (queue === QueueName.Webhooks) return this.config.get('WORKER_CONCURRENCY_WEBHOOKS');
    return this.config.get('WORKER_CONCURRENCY');
  }

  private startWorker(queue: QueueName): Worker {
    const worker = new Worker(queue, (job: Job<JobData>) => this.run(job), {
      prefix: this.queues.prefix,
      connection: { ...this.queues.connectionOptions(), maxRetriesPerRequest: null },
      concurrency: this.concurrencyOf(queue),
      lockDuration: this.config.get('JOB_LOCK_MS'),
      stalledInterval: this.config.get('JOB_LOCK_MS'),
      autorun: true,
      settings: { backoffStrategy: backoffStrategy(this.config) },
    });
    worker.on('failed', (job, error) => {
      this.logger.warn(
        `job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
      );
      if (job) void this.keepIfFinal(job, error);
    });
    worker.on('completed', (job: Job<JobData>) => {
      void this.leaveFairShare(job);
      if (job.data.meta?.deadLetterId)
        this.deadLetters
          .resolve(job)
          .catch((e: Error) => this.logger.error(`dead letter not resolved: ${e.message}`));
    });
    worker.on('error', (error) => this.logger.error(`worker ${queue}: ${error.message}`));
    return worker;
  }

  /** A job that will not be tried again (attempts used up, or stalled too often) becomes a dead letter. */
  private async keepIfFinal(job: Job<JobData>, error: Error): Promise<void> {
    try {
      if ((await job.getState()) !== 'failed') return;
      void this.leaveFairShare(job);
      await this.deadLetters.record(job, error);
    } catch (e) {
      this.logger.error(
        `dead letter for job ${job.name} ${job.id} not recorded: ${(e as Error).message}`,
      );
    }
  }

  /** A job the relay counted towards its organisation's share (it has a priority) is over. */
  private async leaveFairShare(job: Job<JobData>): Promise<void> {
    const organizationId = job.data.meta?.organizationId;
    if (!job.opts.priority || !organizationId || !FAIR_QUEUES.has(job.queueName)) return;
    await this.fairShare.done(job.queueName, organizationId).catch(() => undefined);
  }

  private async run(job: Job<JobData>): Promise<unknown> {
    const name = job.name as JobName;
    const attempt = job.attemptsMade + 1;
    // Continues the trace of the write that caused the job (its outbox row's `traceparent`).
    return inSpan(
      `job ${isJobName(name) ? name : 'unknown'}`,
      SpanKind.CONSUMER,
      contextFromTraceparent(job.data.meta?.traceparent),
      { 'messaging.destination.name': job.queueName, 'job.attempt': attempt },
      async () => {
        const started = process.hrtime.bigint();
        const labels = { queue: job.queueName, job: isJobName(name) ? name : 'unknown' };
        const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
        try {
          const handler = this.handlers.get(name);
          if (!handler || (JOB_QUEUE[name] as string) !== job.queueName)
            throw new Error(`no handler for job ${job.name} on ${job.queueName}`);
          const info: JobInfo = { id: String(job.id), name, attempt, meta: job.data.meta };
          const result = await handler(job.data.payload, info);
          const took = seconds();
          this.metrics.jobDuration.observe({ ...labels, outcome: 'completed' }, took);
          this.logger.debug(`job ${name} ${info.id} completed in ${Math.round(took * 1000)} ms`);
          return result;
        } catch (error) {
          this.metrics.jobDuration.observe({ ...labels, outcome: 'failed' }, seconds());
          this.metrics.jobFailures.inc(labels);
          throw error;
        }
      },
    );
  }

  /**
   * Stops taking jobs and waits up to SHUTDOWN_GRACE_MS for the running ones to finish; then
   * closes anyway. A job cut off is not lost: BullMQ hands a job whose worker went away to another
   * worker (stalled-job check), and every handler is idempotent. Without the limit one job waiting
   * on a connection that never answers kept the process from ever stopping.
   */
  async onApplicationShutdown(): Promise<void> {
    const grace = this.config.get('SHUTDOWN_GRACE_MS');
    await Promise.all(
      this.workers.map(async (worker) => {
        let timer: NodeJS.Timeout | undefined;
        const graceful = worker.close().then(() => true);
        const late = new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), grace);
        });
        const finished = await Promise.race([graceful, late]);
        clearTimeout(timer);
        if (!finished) {
          // close(true) would only return the graceful close still pending; cutting the
          // connections ends what waits on Redis, and nothing else is waited for.
          this.logger.warn(
            `queue ${worker.name}: running jobs did not finish within ${grace} ms; closing anyway`,
          );
          await Promise.race([
            worker.disconnect().catch(() => undefined),
            new Promise((resolve) => setTimeout(resolve, 1000).unref()),
          ]);
        }
      }),
    );
    this.workers.length = 0;
    this.logger.log('queue workers closed');
  }
}
