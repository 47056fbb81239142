import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { CalendarModule } from './calendar/clock';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { SignedLinksModule } from './signed-links/signed-links.module';
import { StorageModule } from './storage/storage.module';

/** The shared kernel both entry points stand on: config, database, Redis, queues, audit, outbox, clock, signed links, file storage. */
@Module({
  imports: [
    ConfigModule,
    CalendarModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    AuditModule,
    IdempotencyModule,
    SignedLinksModule,
    StorageModule,
  ],
  exports: [
    ConfigModule,
    CalendarModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    AuditModule,
    IdempotencyModule,
    SignedLinksModule,
    StorageModule,
  ],
})
export class CoreModule {}
