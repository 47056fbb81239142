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
  private created = false;

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
    this.created = true;
  }

  override async teardown(): Promise<void> {
    const cleanups = await Promise.allSettled([
      this.created ? dropDatabase(this.database) : Promise.resolve(),
      deleteRedisKeys(this.redisPrefix),
    ]);
    await super.teardown();
    const failed = cleanups.find((c): c is PromiseRejectedResult => c.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
