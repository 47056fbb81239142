import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AppErrorFilter } from './core/errors/app-error.filter';
import { RequestContextMiddleware } from './core/context/request-context.middleware';
import { CoreModule } from './core/core.module';
import { createValidationPipe } from './core/errors/validation.pipe';
import { GraphQLModule } from './core/graphql/graphql.module';
import { HealthModule } from './core/health/health.module';
import { LoggingModule } from './core/logging/logging.module';
import { TelemetryModule } from './core/telemetry/telemetry.module';
import { IdentityApiModule } from './identity/identity.module';
import { NotificationsModule } from './notifications/notifications.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ApplicationsModule } from './applications/applications.module';
import { BudgetModule } from './budget/budget.module';
import { GrantsModule } from './grants/grants.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { SprintsModule } from './sprints/sprints.module';
import { ProofOfUseModule } from './proof-of-use/proof-of-use.module';
import { ReportsModule } from './reports/reports.module';
import { LearningsModule } from './learnings/learnings.module';
import { NodeModule } from './node/node.module';
import { OperationsModule } from './operations/operations.module';
import { WebAppModule } from './core/web-app/web-app.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { OpenDataModule } from './opendata/opendata.module';

/** Root module of the API process: GraphQL at /graphql, health checks, and every context's operations. */
@Module({
  imports: [
    CoreModule,
    LoggingModule,
    TelemetryModule.forRoot('api'),
    GraphQLModule,
    HealthModule,
    NotificationsModule,
    WebhooksModule,
    IdentityApiModule,
    ProgrammesModule,
    GrantsModule,
    ApplicationsModule,
    BudgetModule,
    SprintsModule,
    ReportsModule,
    LearningsModule,
    NodeModule,
    OperationsModule,
    AttachmentsModule,
    OpenDataModule,
    ProofOfUseModule,
    // Last, so the API's routes are registered before the web app's catch-all.
    WebAppModule.register(),
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AppErrorFilter },
  ],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
