import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AdminSessionController } from './admin-session.controller';
import { DeadLetterResolver } from './dead-letter.resolver';
import { PlatformAdminGuard } from './platform-admin.guard';
import { AdminCookieMiddleware, QueueDashboard, QueueDashboardController } from './queue-dashboard';

/** Tools for running the platform, for platform administrators: the queue dashboard (Bull Board) and dead letters. */
@Module({
  controllers: [QueueDashboardController, AdminSessionController],
  providers: [QueueDashboard, PlatformAdminGuard, DeadLetterResolver],
})
export class OperationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AdminCookieMiddleware).forRoutes(QueueDashboardController);
  }
}
