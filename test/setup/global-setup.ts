import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { createDatabase, databaseUrl, dropDatabase } from './test-database';

/**
 * Migrates a template database once per test run; each test file clones it. Names the run: every
 * file's Redis keys start with `mtest:<run>:`, so the global teardown can delete what a file's own
 * cleanup could not (keys written after it, by an app still closing).
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_RUN_ID = `${process.pid}${randomBytes(3).toString('hex')}`;
  const template = `mtest_template_${process.pid}`;
  process.env.TEST_TEMPLATE_DATABASE = template;
  await dropDatabase(template);
  await createDatabase(template);
  await migrate(template);
}

async function migrate(name: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(databaseUrl(name), 2));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
