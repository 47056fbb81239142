import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { DrainState } from './drain';
import { RedisHealthIndicator } from './redis.health';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly drain: DrainState,
  ) {}

  /** The process is up; says nothing about its dependencies (restart only when this fails). */
  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready to serve: PostgreSQL and Redis answer. 503 when either does not, or while draining. */
  @Get('ready')
  @Public()
  @HealthCheck()
  ready() {
    if (this.drain.draining)
      throw new ServiceUnavailableException({ status: 'draining', info: {}, error: {} });
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1000 }),
      () => this.redis.check('redis', 1000),
    ]);
  }
}
