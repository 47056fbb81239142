import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AdminSessionController } from './admin-session.controller';
import { PlatformAdminGuard } from './platform-admin.guard';
import { AdminCookieMiddleware, QueueDashboard, QueueDashboardController } from './queue-dashboard';

/** Tools for running the platform: the queue dashboard (Bull Board), for platform administrators. */
@Module({
  controllers: [QueueDashboardController, AdminSessionController],
  providers: [QueueDashboard, PlatformAdminGuard],
})
export class OperationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AdminCookieMiddleware).forRoutes(QueueDashboardController);
  }
}
