// Each test file gets a fresh database cloned from the migrated template, dropped afterwards,
// and its Redis keys deleted, so files run in parallel without touching each other.
import { Redis } from 'ioredis';
import { redisOptionsFromUrl } from '../../src/core/redis/redis-options';
import { createDatabase, dropDatabase } from './test-database';

const name = process.env.TEST_DATABASE_NAME!;

beforeAll(async () => {
  await createDatabase(name, process.env.TEST_TEMPLATE_DATABASE);
});

afterAll(async () => {
  await dropDatabase(name);
  const redis = new Redis(redisOptionsFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${process.env.REDIS_PREFIX}:*`,
        'COUNT',
        1000,
      );
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
});
