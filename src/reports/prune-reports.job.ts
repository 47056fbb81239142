import { Injectable, Logger } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { FileStorage } from '../core/storage/file-storage';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName } from '../core/queue/jobs';
import { Report } from './report.entity';
import { ReportStatus } from './report.enums';
import { reportKey } from './report.service';

/** Deletes the files of expired reports; their rows become EXPIRED (downloads answer 410 Gone). */
@Injectable()
export class PruneReportsJob {
  private readonly logger = new Logger(PruneReportsJob.name);

  constructor(
    private readonly db: Database,
    private readonly storage: FileStorage,
  ) {}

  @OnJob(JobName.PruneReports)
  async run(): Promise<{ deleted: number }> {
    const reports = this.db.repo(RequestContext.system('prune reports'), Report);
    const expired = await reports.find({
      where: { status: ReportStatus.READY, expiresAt: LessThan(new Date()) },
      order: { expiresAt: 'ASC' },
      take: 5000,
    });
    let deleted = 0;
    for (const report of expired) {
      await this.storage.delete(reportKey(report));
      deleted++;
      await reports.update(
        { id: report.id, status: ReportStatus.READY },
        { status: ReportStatus.EXPIRED },
      );
    }
    if (deleted) this.logger.log(`deleted ${deleted} expired report files`);
    return { deleted };
  }
}
