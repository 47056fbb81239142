import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName } from '../core/queue/jobs';

/** Login failures only matter within the throttling window; keep a day, then delete. */
@Injectable()
export class PruneLoginFailuresJob {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnJob(JobName.PruneLoginFailures)
  async run(): Promise<{ deleted: number }> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM login_failure WHERE created_at < now() - interval '1 day'`,
    );
    return { deleted };
  }
}
