// Outbox guarantees: rolled-back rows are never relayed; committed rows are enqueued exactly once,
// also with two relays running at the same time.
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/core/config/app-config.service';
import { RequestContext } from '../../src/core/context/request-context';
import { CoreModule } from '../../src/core/core.module';
import { Database } from '../../src/core/database/database.service';
import { OutboxRelay } from '../../src/core/outbox/outbox-relay.service';
import { OutboxService } from '../../src/core/outbox/outbox.service';
import { AuditService } from '../../src/core/audit/audit.service';
import { JobName, QueueName } from '../../src/core/queue/jobs';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { TestingModule } from '@nestjs/testing';
import { testConfig } from '../helpers/config';

async function kernel(): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [CoreModule],
    providers: [OutboxRelay],
  })
    .overrideProvider(AppConfig)
    .useValue(testConfig())
    .compile();
  await moduleRef.init();
  return moduleRef;
}

describe('outbox relay', () => {
  let a: TestingModule;
  let b: TestingModule;
  let db: Database;
  let outbox: OutboxService;
  let audit: AuditService;
  let queues: QueueRegistry;
  const ctx = RequestContext.system('test');

  beforeAll(async () => {
    // Two kernels = two relays with their own connections, as two worker processes would have.
    a = await kernel();
    b = await kernel();
    // The relays' own loops are stopped so the test drives them.
    await a.get(OutboxRelay).onApplicationShutdown();
    await b.get(OutboxRelay).onApplicationShutdown();
    db = a.get(Database);
    outbox = a.get(OutboxService);
    audit = a.get(AuditService);
    queues = a.get(QueueRegistry);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const pending = () =>
    a.get(DataSource).query(`SELECT count(*)::int AS n FROM outbox_event WHERE relayed_at IS NULL`);

  it('refuses to write audit or outbox rows outside a transaction', async () => {
    await expect(outbox.emit(ctx, JobName.PruneOutbox, {})).rejects.toThrow(
      /outside a transaction/,
    );
    await expect(
      audit.record(ctx, { action: 'x', subjectType: 'y', subjectId: 'z' }),
    ).rejects.toThrow(/outside a transaction/);
  });

  it('never relays a row whose transaction rolled back, and drops its audit event with it', async () => {
    let id = '';
    await expect(
      db.transaction(ctx, async (tx) => {
        id = await outbox.emit(tx, JobName.PruneOutbox, {});
        await audit.record(tx, {
          action: 'test.rolled-back',
          subjectType: 'test',
          subjectId: 'r1',
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(id).not.toBe('');
    await a.get(OutboxRelay).relayOnce();
    const rows = await a.get(DataSource).query(`SELECT 1 FROM outbox_event WHERE id = $1`, [id]);
    expect(rows).toHaveLength(0);
    expect(await queues.queue(QueueName.Maintenance).getJob(id)).toBeUndefined();
    const audits = await a
      .get(DataSource)
      .query(`SELECT 1 FROM audit_event WHERE subject_id = 'r1'`);
    expect(audits).toHaveLength(0);
  });

  it('enqueues committed rows exactly once with two relays racing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      ids.push(await db.transaction(ctx, (tx) => outbox.emit(tx, JobName.PruneOutbox, {})));
    }
    const relayAll = async (relay: OutboxRelay) => {
      let total = 0;
      for (let n = -1; n !== 0;) total += n = await relay.relayOnce();
      return total;
    };
    const [fromA, fromB] = await Promise.all([
      relayAll(a.get(OutboxRelay)),
      relayAll(b.get(OutboxRelay)),
    ]);
    expect(fromA + fromB).toBe(250);
    expect(await pending()).toEqual([{ n: 0 }]);
    const queue = queues.queue(QueueName.Maintenance);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    const relayed = jobs.filter((j) => ids.includes(j.id!));
    expect(relayed).toHaveLength(250);
    expect(new Set(relayed.map((j) => j.id)).size).toBe(250);
    expect(relayed[0]!.data.meta.outboxId).toBe(relayed[0]!.id);
  });

  it('enqueues a row relayed twice only once (job id = outbox id)', async () => {
    const id = await db.transaction(ctx, (tx) => outbox.emit(tx, JobName.PruneOutbox, {}));
    await a.get(OutboxRelay).relayOnce();
    // Simulate a relay that crashed after enqueueing but before its commit: the row is pending again.
    await a.get(DataSource).query(`UPDATE outbox_event SET relayed_at = NULL WHERE id = $1`, [id]);
    await b.get(OutboxRelay).relayOnce();
    const queue = queues.queue(QueueName.Maintenance);
    const jobs = (await queue.getJobs(['waiting', 'delayed', 'active', 'completed'])).filter(
      (j) => j.id === id,
    );
    expect(jobs).toHaveLength(1);
  });

  it('keeps rows while Redis is unreachable and relays them when it is back', async () => {
    const down = await Test.createTestingModule({ imports: [CoreModule], providers: [OutboxRelay] })
      .overrideProvider(AppConfig)
      .useValue(testConfig({ REDIS_URL: 'redis://127.0.0.1:9' }))
      .compile();
    await down.init();
    await down.get(OutboxRelay).onApplicationShutdown();
    try {
      const id = await db.transaction(ctx, (tx) => outbox.emit(tx, JobName.PruneOutbox, {}));
      await expect(down.get(OutboxRelay).relayOnce()).rejects.toThrow();
      expect(
        await a.get(DataSource).query(`SELECT relayed_at FROM outbox_event WHERE id = $1`, [id]),
      ).toEqual([{ relayed_at: null }]);
      await a.get(OutboxRelay).relayOnce();
      expect(await queues.queue(QueueName.Maintenance).getJob(id)).toBeDefined();
    } finally {
      await down.close();
    }
  });
});
