// Settles reports left RUNNING by a job that will never finish them: the worker died and the job
// stalled past its limit, or Redis lost it. A report still RUNNING STUCK_AFTER_MS after it was
// asked for, with no job left in the reports queue for it, becomes FAILED (the person may ask
// again). A report whose job is still queued or running is left alone, however long it takes.
import { Injectable, Logger } from '@nestjs/common';
import { In, LessThan } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, QueueName } from '../core/queue/jobs';
import { QueueRegistry } from '../core/queue/queue.registry';
import { Report } from './report.entity';
import { ReportStatus } from './report.enums';

export const INTERRUPTED = 'interrupted before it was finished; ask for the report again';

@Injectable()
export class SweepStuckReportsJob {
  private readonly logger = new Logger(SweepStuckReportsJob.name);
  private readonly ctx = RequestContext.system('reports sweeper');

  constructor(
    private readonly db: Database,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  @OnJob(JobName.SweepStuckReports)
  async run(): Promise<{ settled: number }> {
    const before = new Date(Date.now() - this.config.get('STUCK_AFTER_MS'));
    const stuck = await this.db.repo(this.ctx, Report).find({
      where: { status: ReportStatus.RUNNING, createdAt: LessThan(before) },
      select: { id: true, organizationId: true },
      take: 500,
    });
    if (stuck.length === 0) return { settled: 0 };
    const live = new Set(
      (await this.queues.livePayloads(QueueName.Reports)).map((p) => p.reportId as string),
    );
    const orphans = stuck.filter((r) => !live.has(r.id));
    let settled = 0;
    for (const report of orphans) {
      await this.db.transaction(this.ctx, async (tx) => {
        const changed = await this.db
          .repo(tx, Report)
          .update(
            { id: report.id, status: In([ReportStatus.RUNNING]) },
            { status: ReportStatus.FAILED, error: INTERRUPTED, finishedAt: new Date() },
          );
        if (!changed.affected) return;
        settled++;
        await this.audit.record(tx, {
          action: 'report.failed',
          subjectType: 'Report',
          subjectId: report.id,
          organizationId: report.organizationId,
          before: { status: ReportStatus.RUNNING },
          after: { status: ReportStatus.FAILED, error: INTERRUPTED },
        });
      });
    }
    if (settled) this.logger.warn(`settled ${settled} reports left RUNNING without a job`);
    return { settled };
  }
}
