// Each test file gets a fresh database cloned from the migrated template, dropped afterwards,
// and its Redis keys deleted, so files run in parallel without touching each other.
import { Redis } from 'ioredis';
import { deletePrefixedKeys } from '../../src/core/redis/prefixed-keys';
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
    await deletePrefixedKeys(redis, process.env.REDIS_PREFIX!);
  } finally {
    redis.disconnect();
  }
});
