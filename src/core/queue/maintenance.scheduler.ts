// Registers the recurring jobs. BullMQ keeps job schedulers in Redis only, so a Redis that restarts
// empty (or a worker that starts while Redis is down) would lose them silently; they are therefore
// asserted again every SCHEDULE_REASSERT_MS and whenever a queue connection becomes ready again.
// Upserting a scheduler that exists changes nothing, so asserting often is harmless.
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import { AppConfig } from '../config/app-config.service';
import { JobName } from './jobs';
import { QueueRegistry } from './queue.registry';

const HOUR = 60 * 60 * 1000;

export type Schedule = { job: JobName } & ({ every: number } | { pattern: string; tz: string });

@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceScheduler.name);
  private timer?: NodeJS.Timeout;
  private asserting?: Promise<boolean>;
  private stopped = false;

  constructor(
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  /** The recurring jobs of this deployment. */
  schedules(): Schedule[] {
    return [
      { job: JobName.PruneOutbox, every: HOUR },
      { job: JobName.PruneLoginFailures, every: HOUR },
      { job: JobName.MarkSprintsReviewDue, every: HOUR },
      { job: JobName.ScanReminders, every: this.config.get('REMINDER_SCAN_INTERVAL_MS') },
      { job: JobName.PruneReports, every: HOUR },
      { job: JobName.RetryDeadLetters, every: this.config.get('SWEEP_INTERVAL_MS') },
      { job: JobName.SweepStuckReports, every: this.config.get('SWEEP_INTERVAL_MS') },
      { job: JobName.SweepStuckDeliveries, every: this.config.get('SWEEP_INTERVAL_MS') },
      // The weekly digest goes out on Monday mornings, German time.
      { job: JobName.WeeklyDigest, pattern: '0 7 * * 1', tz: 'Europe/Berlin' },
    ];
  }

  onApplicationBootstrap(): void {
    // Not awaited: a worker that starts while Redis is down must still start (and relay later).
    void this.assert();
    for (const job of new Set(this.schedules().map((s) => s.job))) {
      const queue = this.queues.queueFor(job);
      // A connection that is ready again may face a Redis that lost its data.
      (queue.getBackend() as unknown as EventEmitter).on('ready', () => void this.assert());
    }
    this.timer = setInterval(() => void this.assert(), this.config.get('SCHEDULE_REASSERT_MS'));
    this.timer.unref();
  }

  /** Upserts every schedule; true when all are in place. One assertion runs at a time. */
  assert(): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    this.asserting ??= this.upsertAll().finally(() => (this.asserting = undefined));
    return this.asserting;
  }

  private async upsertAll(): Promise<boolean> {
    const data = { payload: {}, meta: { createdAt: new Date().toISOString() } };
    try {
      for (const s of this.schedules()) {
        const repeat = 'every' in s ? { every: s.every } : { pattern: s.pattern, tz: s.tz };
        await this.queues.queueFor(s.job).upsertJobScheduler(s.job, repeat, { name: s.job, data });
      }
      return true;
    } catch (error) {
      // Redis may be down; the next assertion (timer or reconnect) tries again.
      this.logger.warn(`could not register schedules: ${(error as Error).message}`);
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }
}
