// The environment of each integration test file. It owns the file's database and Redis keys: it
// names them when it is made (before the file's setup files run), creates the database in `setup`,
// and drops both in `teardown`, which Jest calls after every `afterAll` of the file. (An `afterAll`
// in a setup file runs before a file's own top-level `afterAll`: the database would be gone while
// that file's API and worker were still closing.)
import { randomBytes } from 'node:crypto';
import { TestEnvironment } from 'jest-environment-node';
import { createDatabase, databaseUrl, deleteRedisKeys, dropDatabase } from './test-database';

export default class IntegrationEnvironment extends TestEnvironment {
  private readonly database: string;
  private readonly redisPrefix: string;

  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
    this.database = `mtest_${id}`;
    this.redisPrefix = `mtest:${process.env.TEST_RUN_ID ?? 'run'}:${id}`;
    const env = this.global.process.env;
    env.TEST_DATABASE_NAME = this.database;
    env.DATABASE_URL = databaseUrl(this.database);
    env.REDIS_PREFIX = this.redisPrefix;
  }

  override async setup(): Promise<void> {
    await super.setup();
    await createDatabase(this.database, process.env.TEST_TEMPLATE_DATABASE);
  }

  override async teardown(): Promise<void> {
    try {
      // Dropped whether or not `setup` saw the creation succeed (IF EXISTS): a database created
      // just before an error is not left behind.
      const cleanups = await Promise.allSettled([
        dropDatabase(this.database),
        deleteRedisKeys(this.redisPrefix),
      ]);
      const failures = cleanups
        .filter((c): c is PromiseRejectedResult => c.status === 'rejected')
        .map((c) => c.reason as unknown);
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1)
        throw new AggregateError(failures, `cleaning up ${this.database} failed`);
    } finally {
      await super.teardown();
    }
  }
}
