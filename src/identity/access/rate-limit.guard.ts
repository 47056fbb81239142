// Runs after the AccessGuard (registered after it), so the caller is known: counts the operation
// towards its address and its organisation or API key (see core/rate-limit/rate-limit.ts).
import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Response } from 'express';
import type { GraphQLResolveInfo } from 'graphql';
import { Redis } from 'ioredis';
import { AppConfig } from '../../core/config/app-config.service';
import { requestContextOf } from '../../core/context/ctx.decorator';
import { TooManyRequestsError } from '../../core/errors/app-error';
import {
  Bucket,
  GENERAL_BUCKETS,
  OPERATION_BUCKETS,
  RATE_LIMIT,
  RateLimitKind,
} from '../../core/rate-limit/rate-limit';
import { redisOptionsFromUrl } from '../../core/redis/redis-options';

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** The Redis store of the counters; fails fast while Redis is down. */
export const rateLimitStoreProvider = {
  provide: RATE_LIMIT_STORE,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    new ThrottlerStorageRedisService(
      new Redis({
        ...redisOptionsFromUrl(config.get('REDIS_URL')),
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        retryStrategy: (times) => Math.min(times * 200, 2000),
      }).on('error', () => undefined),
    ),
};

@Injectable()
export class RateLimitGuard implements CanActivate, OnApplicationShutdown {
  private readonly logger = new Logger(RateLimitGuard.name);
  private warned = 0;

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    @Inject(RATE_LIMIT_STORE) private readonly store: ThrottlerStorageRedisService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    // Root operations only; fields inherit their operation's admission.
    const parentType = gql.getInfo<GraphQLResolveInfo>().parentType.name;
    if (!['Query', 'Mutation', 'Subscription'].includes(parentType)) return true;
    const ctx = requestContextOf(context);
    const kind = this.reflector.get<RateLimitKind | undefined>(RATE_LIMIT, context.getHandler());
    const buckets = kind ? [...GENERAL_BUCKETS, OPERATION_BUCKETS[kind]] : GENERAL_BUCKETS;
    const tenant = ctx.apiKeyId
      ? `key:${ctx.apiKeyId}`
      : ctx.organizationId && `org:${ctx.organizationId}`;
    // All buckets at once: the client pipelines commands issued together, so the two or three
    // counters cost one write and one read, not one round trip each.
    const waits = await Promise.all(
      buckets.map((bucket) => {
        const subject = bucket.per === 'address' ? ctx.ip && `ip:${ctx.ip}` : tenant;
        return subject ? this.hit(bucket, subject) : Promise.resolve(0);
      }),
    );
    const retryAfter = Math.max(0, ...waits);
    if (retryAfter > 0) {
      gql.getContext<{ res?: Response }>().res?.setHeader('Retry-After', String(retryAfter));
      throw new TooManyRequestsError(retryAfter);
    }
    return true;
  }

  /** Counts one hit; answers the seconds to wait when the limit is exceeded, else 0. */
  private async hit(bucket: Bucket, subject: string): Promise<number> {
    const limit = this.config.get(bucket.limit) as number;
    const windowMs = bucket.windowSeconds * 1000;
    try {
      const record = await this.store.increment(
        `${this.config.get('REDIS_PREFIX')}:rate:${subject}`,
        windowMs,
        limit,
        windowMs,
        bucket.name,
      );
      return record.isBlocked ? Math.max(1, record.timeToBlockExpire) : 0;
    } catch (error) {
      if (this.warned++ % 100 === 0)
        this.logger.warn(`rate limits not counted: ${(error as Error).message}`);
      return 0;
    }
  }

  onApplicationShutdown(): void {
    (this.store as unknown as { redis: Redis }).redis.disconnect();
  }
}
