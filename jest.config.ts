import { availableParallelism } from 'node:os';
import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
};

const config: Config = {
  // Unit specs live beside the code; integration and end-to-end specs in test/ run against the
  // real PostgreSQL and Redis, each file in a database of its own cloned from a migrated template.
  projects: [
    {
      displayName: 'unit',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      testEnvironment: 'node',
      transform,
    },
    {
      displayName: 'integration',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      testEnvironment: '<rootDir>/test/setup/environment.ts',
      transform,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/env.ts'],
    },
  ],
  testTimeout: 60_000,
  // A service a test started and did not stop (BullMQ's lock-renewal timers of an unclosed queue
  // worker were seen once) would keep a worker alive after the last test and hang CI; the global
  // teardown reports what is still open, then Jest exits.
  forceExit: true,
  // Half the cores, and never fewer than two: the files mostly wait for PostgreSQL, Redis and
  // Chromium, so on a 2-core machine two files side by side take about a fifth less time than one
  // after another (the browser specs would otherwise run one by one).
  maxWorkers: Math.max(2, Math.floor(availableParallelism() / 2)),
};

export default config;
