import { Injectable, Logger } from '@nestjs/common';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName } from '../core/queue/jobs';
import { ReminderService } from './reminder.service';

/** The scheduled scan (every REMINDER_SCAN_INTERVAL_MS in the worker). */
@Injectable()
export class ScanReminders {
  private readonly logger = new Logger(ScanReminders.name);

  constructor(private readonly reminders: ReminderService) {}

  @OnJob(JobName.ScanReminders)
  async run(): Promise<{ recorded: number }> {
    const recorded = await this.reminders.scan();
    if (recorded) this.logger.log(`${recorded} reminders recorded`);
    return { recorded };
  }
}
