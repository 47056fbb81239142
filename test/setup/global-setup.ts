import { createDatabase, dropDatabase, migrate } from './test-database';

/** Migrates a template database once per test run; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  const template = `mtest_template_${process.pid}`;
  process.env.TEST_TEMPLATE_DATABASE = template;
  await dropDatabase(template);
  await createDatabase(template);
  await migrate(template);
}
