// Runs before each test file is loaded. Its database and Redis key prefix are named by its
// environment (./environment.ts).
process.env.NODE_ENV = 'test';
// Workers started by tests (several test files run at once) listen on a free port each.
process.env.WORKER_HTTP_PORT = '0';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.OUTBOX_POLL_INTERVAL_MS ??= '200';
// Specs act as clients from several addresses through X-Forwarded-For from the local test client.
process.env.TRUST_PROXY ??= 'loopback';
// Many specs sign up and sign in dozens of people from 127.0.0.1: the rate limits are relaxed here,
// and the specs about them set their own.
for (const limit of [
  'RATE_LIMIT_PER_ADDRESS',
  'RATE_LIMIT_PER_TENANT',
  'RATE_LIMIT_SIGNUPS_PER_ADDRESS',
  'RATE_LIMIT_LOGINS_PER_ADDRESS',
  'RATE_LIMIT_PASSWORD_RESETS_PER_ADDRESS',
  'RATE_LIMIT_REPORTS_PER_TENANT',
])
  process.env[limit] ??= '1000000';
