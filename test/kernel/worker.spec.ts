// The worker in-process: the relay feeds the queue and the job's one handler runs it.
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../src/core/context/request-context';
import { Database } from '../../src/core/database/database.service';
import { OutboxService } from '../../src/core/outbox/outbox.service';
import { JobName } from '../../src/core/queue/jobs';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { startWorker } from '../helpers/worker';

describe('worker', () => {
  let worker: INestApplicationContext;
  beforeAll(async () => (worker = await startWorker({ OUTBOX_RETENTION_DAYS: '7' })));
  afterAll(() => worker.close());

  it('relays an outbox event and runs its handler (prune old relayed rows)', async () => {
    const ds = worker.get(DataSource);
    await ds.query(
      `INSERT INTO outbox_event (job_name, payload, relayed_at) VALUES
         ('maintenance.prune-outbox', '{}', now() - interval '30 days'),
         ('maintenance.prune-outbox', '{}', now() - interval '1 day')`,
    );
    const id = await worker
      .get(Database)
      .transaction(RequestContext.system('test'), (tx) =>
        worker.get(OutboxService).emit(tx, JobName.PruneOutbox, {}),
      );
    const queue = worker.get(QueueRegistry).queueFor(JobName.PruneOutbox);
    const deadline = Date.now() + 15_000;
    let state = '';
    while (state !== 'completed' && Date.now() < deadline) {
      state = (await (await queue.getJob(id))?.getState()) ?? 'missing';
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toBe('completed');
    // The scheduled prune (registered at start-up) may have run first; either way the old row is gone.
    expect((await queue.getJob(id))!.returnvalue).toEqual({ deleted: expect.any(Number) });
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE relayed_at < now() - interval '7 days'`,
    );
    expect(n).toBe(0);
    const [{ recent }] = await ds.query(
      `SELECT count(*)::int AS recent FROM outbox_event WHERE relayed_at > now() - interval '2 days'`,
    );
    expect(recent).toBeGreaterThanOrEqual(1);
  });
});
