// Runs before each test file is loaded: its own database name and Redis key prefix.
import { randomBytes } from 'node:crypto';
import { databaseUrl } from './test-database';

const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
process.env.TEST_DATABASE_NAME = `mtest_${id}`;
process.env.DATABASE_URL = databaseUrl(process.env.TEST_DATABASE_NAME);
process.env.REDIS_PREFIX = `mtest:${id}`;
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.OUTBOX_POLL_INTERVAL_MS ??= '200';
