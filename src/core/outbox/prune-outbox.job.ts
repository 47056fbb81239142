import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { OnJob } from '../queue/job-handler.decorator';
import { JobName } from '../queue/jobs';

/** Deletes relayed outbox rows older than OUTBOX_RETENTION_DAYS (in batches) and expired idempotency keys. Idempotent. */
@Injectable()
export class PruneOutboxJob {
  private readonly logger = new Logger(PruneOutboxJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.PruneOutbox)
  async run(): Promise<{ deleted: number }> {
    let deleted = 0;
    for (;;) {
      const result: [unknown[], number] = await this.dataSource.query(
        `DELETE FROM outbox_event WHERE id IN (
           SELECT id FROM outbox_event
            WHERE relayed_at IS NOT NULL AND relayed_at < now() - make_interval(days => $1)
            LIMIT 5000)`,
        [this.config.get('OUTBOX_RETENTION_DAYS')],
      );
      deleted += result[1];
      if (result[1] < 5000) break;
    }
    // Idempotency keys answer replays for at least 24 hours; they are kept for two days.
    const [, keys]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM idempotency_key WHERE created_at < now() - interval '48 hours'`,
    );
    if (deleted || keys)
      this.logger.log(`pruned ${deleted} relayed outbox rows and ${keys} idempotency keys`);
    return { deleted };
  }
}
