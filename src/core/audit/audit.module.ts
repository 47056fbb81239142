import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { OutboxService } from '../outbox/outbox.service';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';

/** The writers every context uses inside its transactions: audit events and outbox events. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, OutboxEvent])],
  providers: [AuditService, OutboxService],
  exports: [AuditService, OutboxService],
})
export class AuditModule {}
