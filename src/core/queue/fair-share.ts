// One organisation must not starve the others on a shared queue (60 PDF reports from one tenant
// used to hold every worker slot while another's single report waited behind them). BullMQ's
// open-source edition has no job groups; instead the relay gives each report or webhook job a
// priority equal to the number of jobs its organisation has queued there (counted in Redis:
// incremented when relayed, decremented when the job is done or failed for good). An organisation
// with one job waiting gets priority 1 and takes the next free worker slot, ahead of another's
// 2nd…50th — round-robin in effect, with no slot left idle while there is work. The counter
// expires a day after its last use, so a count left behind by a lost job heals by itself.
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { QueueName } from './jobs';

/** The queues whose jobs are shared out between organisations. */
export const FAIR_QUEUES: ReadonlySet<string> = new Set([QueueName.Reports, QueueName.Webhooks]);

/** BullMQ's highest priority number. */
const MAX_PRIORITY = 2_097_152;
const TTL_SECONDS = 24 * 3600;

@Injectable()
export class FairShare {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  private key(queue: string, organizationId: string): string {
    return `fair:${queue}:${organizationId}`;
  }

  /** The priority of a new job of the organisation on the queue (1 = its only one). */
  async priority(queue: string, organizationId: string): Promise<number> {
    const key = this.key(queue, organizationId);
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, TTL_SECONDS).exec()) as [
      [Error | null, number],
      unknown,
    ];
    return Math.min(Math.max(1, count), MAX_PRIORITY);
  }

  /** A job of the organisation is done (or failed for good). */
  async done(queue: string, organizationId: string): Promise<void> {
    const key = this.key(queue, organizationId);
    const left = await this.redis.decr(key);
    if (left <= 0) await this.redis.del(key);
  }
}
