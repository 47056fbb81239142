import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { JobName } from './jobs';
import { QueueRegistry } from './queue.registry';

const HOUR = 60 * 60 * 1000;

/** Registers the recurring jobs (BullMQ job schedulers are idempotent upserts). */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceScheduler.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const schedules: [JobName, number][] = [
      [JobName.PruneOutbox, HOUR],
      [JobName.MarkSprintsReviewDue, HOUR],
      [JobName.ScanReminders, this.config.get('REMINDER_SCAN_INTERVAL_MS')],
      [JobName.PruneReports, HOUR],
    ];
    try {
      const data = { payload: {}, meta: { createdAt: new Date().toISOString() } };
      for (const [job, every] of schedules)
        await this.queues.queueFor(job).upsertJobScheduler(job, { every }, { name: job, data });
      // The weekly digest goes out on Monday mornings, German time.
      await this.queues
        .queueFor(JobName.WeeklyDigest)
        .upsertJobScheduler(
          JobName.WeeklyDigest,
          { pattern: '0 7 * * 1', tz: 'Europe/Berlin' },
          { name: JobName.WeeklyDigest, data },
        );
    } catch (error) {
      // Redis may be down at start-up; the worker still relays once it is back and the next start retries.
      this.logger.warn(`could not register schedules: ${(error as Error).message}`);
    }
  }
}
