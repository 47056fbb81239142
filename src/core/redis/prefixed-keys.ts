import type { Redis } from 'ioredis';

/**
 * Deletes every key this installation's `prefix` names: the queues' and clients' `<prefix>:…` keys
 * and the rate-limit counters, which the throttler storage wraps in a hash tag
 * (`{<prefix>:rate:…}:hits` and `:blocked`). Used where a run with a prefix of its own cleans up
 * after itself (each test file, the bench). The prefix starts a match pattern (`REDIS_PREFIX` allows
 * only letters, digits and `_.:-`, none special there), and a prefix nested under it after a colon
 * (`<prefix>:strict`, another app's) is deleted with it.
 */
export async function deletePrefixedKeys(redis: Redis, prefix: string): Promise<void> {
  for (const pattern of [`${prefix}:*`, `{${prefix}:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}
