import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Reminder } from './reminder.entity';
import { ReminderService } from './reminder.service';
import { ScanReminders } from './scan-reminders.job';
import { SendReminderJob } from './send-reminder.job';

/** Reminders (worker only): the scheduled scan and the delivery of each reminder. */
@Module({
  imports: [TypeOrmModule.forFeature([Reminder])],
  providers: [ReminderService, ScanReminders, SendReminderJob],
  exports: [ReminderService],
})
export class RemindersModule {}
