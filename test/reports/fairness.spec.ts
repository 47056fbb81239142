// One organisation's backlog of reports does not starve another's: another organisation's single
// report takes the next free worker slot instead of waiting behind all 50 (see fair-share.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi } from '../helpers/api';
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
        const [{ created_at: askedAt, finished_at: doneAt }] = await db.query(
          `SELECT created_at, finished_at FROM report WHERE id = $1`,
          [loneId],
        );
        const [{ during, left }] = await db.query(
          `SELECT count(*) FILTER (WHERE finished_at > $2 AND finished_at <= $3)::int AS during,
                  count(*) FILTER (WHERE finished_at IS NULL OR finished_at > $3)::int AS "left"
             FROM report WHERE organization_id = $1`,
          [busy.funder.organizationId, askedAt, doneAt],
        );
        // Meanwhile at most the backlog's jobs in the two slots when it was asked for finished
        // (2), plus one more on the other slot while the lone report itself ran (1): the lone
        // report waited for one job, not for the backlog (without fair shares about 48 finish).
        expect(during).toBeLessThanOrEqual(3);
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
