import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName } from '../core/queue/jobs';

/**
 * Login failures and password-reset requests only matter within their throttling windows; keep a
 * day, then delete. Account links used or expired for a week go too.
 */
@Injectable()
export class PruneLoginFailuresJob {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnJob(JobName.PruneLoginFailures)
  async run(): Promise<{ deleted: number }> {
    const [, failures]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM login_failure WHERE created_at < now() - interval '1 day'`,
    );
    const [, requests]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM account_request WHERE created_at < now() - interval '1 day'`,
    );
    const [, tokens]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM account_token WHERE expires_at < now() - interval '7 days'`,
    );
    return { deleted: failures + requests + tokens };
  }
}
