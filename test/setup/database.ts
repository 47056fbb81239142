// Each test file gets a fresh database cloned from the migrated template, dropped afterwards,
// and its Redis keys deleted, so files run in parallel without touching each other.
import { createDatabase, deleteRedisKeys, dropDatabase } from './test-database';

const name = process.env.TEST_DATABASE_NAME!;

beforeAll(async () => {
  await createDatabase(name, process.env.TEST_TEMPLATE_DATABASE);
});

afterAll(async () => {
  await dropDatabase(name);
  await deleteRedisKeys(process.env.REDIS_PREFIX!);
});
