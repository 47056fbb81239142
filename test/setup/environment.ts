// The environment of each integration test file. It owns the file's database and Redis keys: it
// names and creates them before the file's code loads, and drops them in `teardown`, which Jest
// calls after every `afterAll` of the file. (An `afterAll` in a setup file would run before the
// file's own: Jest runs them in the order they were declared, so the database would be gone
// while the file's API and worker were still closing.)
import { randomBytes } from 'node:crypto';
import { TestEnvironment } from 'jest-environment-node';
import { createDatabase, databaseUrl, deleteRedisKeys, dropDatabase } from './test-database';

export default class IntegrationEnvironment extends TestEnvironment {
  private database?: string;
  private redisPrefix?: string;

  override async setup(): Promise<void> {
    await super.setup();
    const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
    const env = this.global.process.env;
    this.database = `mtest_${id}`;
    this.redisPrefix = `mtest:${process.env.TEST_RUN_ID ?? 'run'}:${id}`;
    env.TEST_DATABASE_NAME = this.database;
    env.DATABASE_URL = databaseUrl(this.database);
    env.REDIS_PREFIX = this.redisPrefix;
    await createDatabase(this.database, process.env.TEST_TEMPLATE_DATABASE);
  }

  override async teardown(): Promise<void> {
    try {
      if (this.database) await dropDatabase(this.database);
      if (this.redisPrefix) await deleteRedisKeys(this.redisPrefix);
    } finally {
      await super.teardown();
    }
  }
}
