import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule } from './core/core.module';
import { LoggingModule } from './core/logging/logging.module';
import { TelemetryModule } from './core/telemetry/telemetry.module';
import { OutboxRelay } from './core/outbox/outbox-relay.service';
import { PruneOutboxJob } from './core/outbox/prune-outbox.job';
import { JobRunner } from './core/queue/job-runner.service';
import { MaintenanceScheduler } from './core/queue/maintenance.scheduler';
import { WorkerHeartbeat } from './core/health/worker-heartbeat';
import { WorkerHttp } from './core/telemetry/worker-http';
import { IdentityModule } from './identity/identity.module';
import { NotificationsModule } from './notifications/notifications.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ApplicationsModule } from './applications/applications.module';
import { SprintsModule } from './sprints/sprints.module';
import { ProofOfUseModule } from './proof-of-use/proof-of-use.module';
import { ReportsModule } from './reports/reports.module';
import { RemindersModule } from './reminders/reminders.module';
import { LearningsModule } from './learnings/learnings.module';

/**
 * Root module of the worker process: the outbox relay and the queue consumers; its only HTTP is a
 * small listener for metrics and health.
 */
@Module({
  imports: [
    CoreModule,
    LoggingModule,
    TelemetryModule.forRoot('worker'),
    DiscoveryModule,
    NotificationsModule,
    WebhooksModule,
    IdentityModule,
    ApplicationsModule,
    SprintsModule,
    ReportsModule,
    ProofOfUseModule,
    RemindersModule,
    LearningsModule,
  ],
  providers: [
    OutboxRelay,
    JobRunner,
    PruneOutboxJob,
    MaintenanceScheduler,
    WorkerHeartbeat,
    WorkerHttp,
  ],
})
export class WorkerModule {}
