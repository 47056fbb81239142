// The worker's health check (docker-compose): healthy while the worker writes its heartbeat,
// unhealthy once it stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerHealthCli } from '../../src/cli/worker-health';
import { startWorker } from '../helpers/worker';
import { until } from '../helpers/wait';

describe('worker health check', () => {
  it('is healthy while the worker runs and unhealthy after it stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meilenstein-heartbeat-'));
    const env = { WORKER_HEARTBEAT_FILE: join(dir, 'beat'), WORKER_HEARTBEAT_MS: '200' };
    const check = () => workerHealthCli({ ...process.env, ...env });
    try {
      expect(await check()).toBe(false);
      const worker = await startWorker(env);
      try {
        await until(check, 'a heartbeat');
      } finally {
        await worker.close();
      }
      expect(await check()).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
