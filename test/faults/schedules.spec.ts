// Recurring jobs live in Redis only. When Redis loses its data under a running worker, or the
// worker starts while Redis is down, the schedules come back by themselves.
import { Queue } from 'bullmq';
import { ALL_QUEUES } from '../../src/core/queue/jobs';
import { MaintenanceScheduler } from '../../src/core/queue/maintenance.scheduler';
import { startRedisServer, TestRedis } from '../helpers/redis-server';
import { startWorker } from '../helpers/worker';
import { until } from '../helpers/wait';

const prefix = () => process.env.REDIS_PREFIX!;

async function schedulerNames(redis: TestRedis): Promise<string[]> {
  const names: string[] = [];
  for (const name of ALL_QUEUES) {
    const queue = new Queue(name, {
      prefix: prefix(),
      connection: { host: '127.0.0.1', port: redis.port, enableOfflineQueue: false },
    });
    queue.on('error', () => undefined);
    try {
      names.push(...(await queue.getJobSchedulers()).map((s) => s.key));
    } catch {
      // Redis not reachable: none seen.
    } finally {
      await queue.close().catch(() => undefined);
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
  }, 90_000);

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
