import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailDelivery } from './mail-delivery.entity';
import { MailerService } from './mailer.service';
import { Notification, NotificationPreferenceRow } from './notification.entity';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import { Notifier } from './notifier.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([MailDelivery, Notification, NotificationPreferenceRow])],
  providers: [MailerService, Notifier, NotificationService, NotificationResolver],
  exports: [MailerService, Notifier, NotificationService],
})
export class NotificationsModule {}
