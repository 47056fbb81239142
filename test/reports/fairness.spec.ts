// One organisation's backlog of reports does not starve another's: another organisation's single
// report takes the next free worker slot instead of waiting behind all 50 (see fair-share.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi } from '../helpers/api';
import { QueueName } from '../../src/core/queue/jobs';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { createGrant } from '../helpers/grants';
import { startWorker } from '../helpers/worker';
import { until } from '../helpers/wait';

const REPORT = `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`;

describe('report fairness between organisations', () => {
  it("does not let one organisation's 50 reports delay another's by more than one job", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meilenstein-fair-'));
    const env = {
      STORAGE_DIR: dir,
      WORKER_CONCURRENCY: '2',
    };
    const api = await startApi({ env });
    const db = api.app.get(DataSource);
    try {
      const busy = await createGrant(api);
      const quiet = await createGrant(api);
      const input = (programmeId: string) => ({
        input: { kind: 'PORTFOLIO', format: 'PDF', programmeId },
      });
      for (let i = 0; i < 50; i++)
        expect((await busy.funder.gql(REPORT, input(busy.programmeId))).errors).toBeUndefined();
      const worker = await startWorker(env);
      try {
        // The backlog is being worked on when the other organisation asks.
        await until(
          async () =>
            (
              await db.query(
                `SELECT count(*)::int AS n FROM report WHERE organization_id = $1 AND status = 'READY'`,
                [busy.funder.organizationId],
              )
            )[0].n >= 2,
          'the first reports of the backlog',
          60_000,
        );
        const lone = await quiet.funder.gql(REPORT, input(quiet.programmeId));
        expect(lone.errors).toBeUndefined();
        const loneId = lone.data.requestReport.id as string;
        await until(
          async () =>
            (await db.query(`SELECT status FROM report WHERE id = $1`, [loneId]))[0].status ===
            'READY',
          'the lone report',
          60_000,
        );
        // BullMQ's own record of each job: when it was added (by the relay) and when a worker
        // slot took it. Measured there rather than by reports finished meanwhile, which also
        // counts jobs that were running anyway and depends on how long the lone report takes.
        const jobs = await worker
          .get(QueueRegistry)
          .queue(QueueName.Reports)
          .getJobs(['completed', 'active', 'prioritized', 'waiting']);
        const loneJob = jobs.find((job) => job.data.payload.reportId === loneId);
        expect(loneJob?.processedOn).toBeDefined();
        const overtaking = jobs.filter(
          (job) =>
            job.data.payload.reportId !== loneId &&
            job.processedOn !== undefined &&
            job.processedOn > loneJob!.timestamp &&
            job.processedOn < loneJob!.processedOn!,
        );
        // The next slot that came free took the lone report, ahead of the backlog's 48 others
        // (at most one more may have been taken in the same instant on the other slot).
        // Without fair shares the lone report would start after all of them.
        expect(overtaking.length).toBeLessThanOrEqual(1);
        const [{ left }] = await db.query(
          `SELECT count(*) FILTER (WHERE status <> 'READY')::int AS "left"
             FROM report WHERE organization_id = $1`,
          [busy.funder.organizationId],
        );
        expect(left).toBeGreaterThan(30);
      } finally {
        await worker.close();
      }
    } finally {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
