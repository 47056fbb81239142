import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attachment } from '../attachments/attachment.entity';
import { FunderBrands } from './funder-brand.service';
import { MailDelivery } from './mail-delivery.entity';
import { MailerService } from './mailer.service';
import { Notification, NotificationPreferenceRow } from './notification.entity';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import { Notifier } from './notifier.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Attachment, MailDelivery, Notification, NotificationPreferenceRow]),
  ],
  providers: [MailerService, Notifier, FunderBrands, NotificationService, NotificationResolver],
  exports: [MailerService, Notifier, FunderBrands, NotificationService],
})
export class NotificationsModule {}
