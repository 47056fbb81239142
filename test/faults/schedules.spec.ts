// Recurring jobs live in Redis only. When Redis loses its data under a running worker, or the
// worker starts while Redis is down, the schedules come back by themselves.
import { Queue } from 'bullmq';
import { ALL_QUEUES } from '../../src/core/queue/jobs';
import { MaintenanceScheduler } from '../../src/core/queue/maintenance.scheduler';
import { startRedisServer, TestRedis } from '../helpers/redis-server';
import { startWorker } from '../helpers/worker';
import { until } from '../helpers/wait';

const prefix = () => process.env.REDIS_PREFIX!;

/** Resolves `fallback` when `work` has not settled within `ms`. */
const within = <T>(work: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([work, new Promise<T>((r) => setTimeout(() => r(fallback), ms).unref())]);

/**
 * The schedulers in the test's Redis, or none when it cannot be read now. Each look is bounded:
 * a client that is still connecting while Redis restarts must not hold up the test's waiting
 * (in one CI run a look never returned and the test ran into Jest's limit without saying why).
 */
async function schedulerNames(redis: TestRedis): Promise<string[]> {
  const names: string[] = [];
  for (const name of ALL_QUEUES) {
    const queue = new Queue(name, {
      prefix: prefix(),
      connection: { host: '127.0.0.1', port: redis.port, enableOfflineQueue: false },
    });
    queue.on('error', () => undefined);
    try {
      const schedulers = await within(queue.getJobSchedulers(), 5_000, null);
      if (schedulers === null) return [];
      names.push(...schedulers.map((s) => s.key));
    } catch {
      // Redis not reachable: none seen.
    } finally {
      await within(
        queue.close().catch(() => undefined),
        2_000,
        undefined,
      );
    }
  }
  return names.sort();
}

describe('recurring job schedules', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    await redis.stop();
  });

  it('come back within a minute after Redis restarts empty under a running worker', async () => {
    // The periodic assertion is set far away: the reconnect alone must bring them back.
    const worker = await startWorker({ REDIS_URL: redis.url, SCHEDULE_REASSERT_MS: '600000' });
    try {
      const expected = worker
        .get(MaintenanceScheduler)
        .schedules()
        .map((s) => s.job as string)
        .sort();
      expect(expected).toContain('maintenance.retry-dead-letters');
      await until(
        async () => (await schedulerNames(redis)).length === expected.length,
        'the schedules',
      );
      await redis.stop();
      await redis.start();
      expect(await schedulerNames(redis)).toEqual([]);
      const restartedAt = Date.now();
      await until(
        async () => (await schedulerNames(redis)).join() === expected.join(),
        'the schedules after the restart',
        60_000,
      );
      expect(Date.now() - restartedAt).toBeLessThan(60_000);
    } finally {
      await worker.close();
    }
    // Above the waits' own limits (15 s and 60 s), so a slow return names what it waited for.
  }, 120_000);

  it('are registered when Redis comes up after the worker started', async () => {
    await redis.stop();
    const worker = await startWorker({ REDIS_URL: redis.url, SCHEDULE_REASSERT_MS: '2000' });
    const count = worker.get(MaintenanceScheduler).schedules().length;
    try {
      await new Promise((r) => setTimeout(r, 1000));
      await redis.start();
      await until(
        async () => (await schedulerNames(redis)).length === count,
        'the schedules once Redis is up',
        60_000,
      );
    } finally {
      await worker.close();
    }
  }, 90_000);
});
