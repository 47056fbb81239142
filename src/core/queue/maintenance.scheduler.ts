import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobName } from './jobs';
import { QueueRegistry } from './queue.registry';

/** Registers the recurring maintenance jobs (BullMQ job schedulers are idempotent upserts). */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceScheduler.name);

  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const job of [JobName.PruneOutbox, JobName.MarkSprintsReviewDue]) {
        await this.queues
          .queueFor(job)
          .upsertJobScheduler(
            job,
            { every: 60 * 60 * 1000 },
            { name: job, data: { payload: {}, meta: { createdAt: new Date().toISOString() } } },
          );
      }
    } catch (error) {
      // Redis may be down at start-up; the worker still relays once it is back and the next start retries.
      this.logger.warn(`could not register maintenance schedules: ${(error as Error).message}`);
    }
  }
}
