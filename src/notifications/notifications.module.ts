import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailDelivery } from './mail-delivery.entity';
import { MailerService } from './mailer.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([MailDelivery])],
  providers: [MailerService],
  exports: [MailerService],
})
export class NotificationsModule {}
