import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DefaultJobOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config.service';
import { redisOptionsFromUrl } from '../redis/redis-options';
import { ALL_QUEUES, JOB_QUEUE, JobName, QueueName } from './jobs';

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  // Completed jobs are kept a day so a row relayed twice dedups on its job id.
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** The BullMQ queues of this deployment, created on first use and closed on shutdown. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  get prefix(): string {
    return this.config.get('REDIS_PREFIX');
  }

  connectionOptions() {
    return redisOptionsFromUrl(this.config.get('REDIS_URL'));
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        prefix: this.prefix,
        // Producers fail fast while Redis is down; the outbox keeps the work until it is back.
        connection: {
          ...this.connectionOptions(),
          enableOfflineQueue: false,
          connectTimeout: 2000,
        },
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  queueFor(job: JobName): Queue {
    return this.queue(JOB_QUEUE[job]);
  }

  /**
   * The payloads of the jobs of a queue that are still to run or running (for sweepers that find
   * work whose job was lost). Fails while Redis is down.
   */
  async livePayloads(name: QueueName): Promise<Record<string, unknown>[]> {
    const jobs = await this.queue(name).getJobs(
      ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'],
      0,
      -1,
    );
    return jobs
      .filter((job) => job !== undefined && job !== null)
      .map((job) => (job.data as { payload?: Record<string, unknown> }).payload ?? {});
  }

  all(): Queue[] {
    return ALL_QUEUES.map((name) => this.queue(name));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.queues.clear();
  }
}
