// Dead letters: jobs that failed for good. The worker records one when a job's last attempt fails
// (or it stalled too often), runs it again when it is due (the sweeper job), and resolves it when a
// run succeeds. Handlers are idempotent, so a run again never does the work twice (an email is
// sent once per idempotency key). Operators list and retry them with the dead-letters command, and
// platform administrators through the API (`deadLetters`, `retryDeadLetter`).
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource, IsNull } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import type { RequestContext } from '../context/request-context';
import { Database } from '../database/database.service';
import { CoreReason, coreErrors } from '../errors/core.errors';
import { NotFoundError } from '../errors/app-error';
import { ConnectionShape, createdAtKeys, PageArgs, paginate } from '../pagination/connection';
import { uuidArg } from '../validation/uuid-arg';
import { DeadLetter } from './dead-letter.entity';
import type { JobData } from './job-handler.decorator';
import { isJobName, JobName } from './jobs';
import { OnJob } from './job-handler.decorator';
import { QueueRegistry } from './queue.registry';
import { retryPolicy } from './retry-policy';

/** A run the sweeper started and that never reported back is started again after this. */
const LOST_RUN_MS = 3 * 24 * 3600 * 1000;

@Injectable()
export class DeadLetterService {
  private readonly logger = new Logger(DeadLetterService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
    private readonly db: Database,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(DeadLetter);
  }

  /** Records (or updates) the dead letter of a job whose last attempt failed. */
  async record(job: Job<JobData>, error: Error): Promise<void> {
    const retryAfter = this.config.get('DEAD_LETTER_RETRY_AFTER_MS');
    const message = (error.message || String(error)).slice(0, 1000);
    const deadLetterId = job.data.meta?.deadLetterId;
    if (deadLetterId) {
      await this.dataSource.query(
        `UPDATE dead_letter
            SET last_error = $2, attempts = attempts + $3, failed_at = now(),
                next_retry_at = now() + make_interval(secs => $4::double precision / 1000),
                resolved_at = NULL
          WHERE id = $1`,
        [deadLetterId, message, job.attemptsMade, retryAfter],
      );
    } else {
      await this.dataSource.query(
        `INSERT INTO dead_letter
           (queue, job_name, job_id, payload, organization_id, last_error, attempts, failed_at, next_retry_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now() + make_interval(secs => $8::double precision / 1000))
         ON CONFLICT (job_id) DO UPDATE
           SET last_error = EXCLUDED.last_error, attempts = dead_letter.attempts + EXCLUDED.attempts,
               failed_at = now(), next_retry_at = EXCLUDED.next_retry_at, resolved_at = NULL`,
        [
          job.queueName,
          job.name,
          String(job.id),
          JSON.stringify(job.data.payload ?? {}),
          job.data.meta?.organizationId ?? null,
          message,
          job.attemptsMade,
          retryAfter,
        ],
      );
    }
    this.logger.warn(
      `job ${job.name} ${job.id} failed for good after ${job.attemptsMade} attempts; kept as a dead letter: ${message}`,
    );
  }

  /** A run of a dead letter succeeded. */
  async resolve(job: Job<JobData>): Promise<void> {
    const id = job.data.meta?.deadLetterId;
    if (!id) return;
    await this.repo.update({ id, resolvedAt: IsNull() }, { resolvedAt: new Date() });
  }

  /** Runs every due dead letter again (a fresh set of attempts). Returns how many. */
  @OnJob(JobName.RetryDeadLetters)
  async retryDue(): Promise<{ retried: number }> {
    let retried = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows: DeadLetter[] = await manager
          .getRepository(DeadLetter)
          .createQueryBuilder('d')
          .where('d.resolved_at IS NULL AND d.next_retry_at <= now()')
          .orderBy('d.next_retry_at')
          .limit(100)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const row of rows) {
          if (!isJobName(row.jobName)) continue;
          const data: JobData = {
            payload: row.payload,
            meta: {
              organizationId: row.organizationId,
              createdAt: new Date().toISOString(),
              deadLetterId: row.id,
            },
          };
          await this.queues.queueFor(row.jobName).add(row.jobName, data, {
            jobId: `${row.jobId}~retry${row.retries + 1}`,
            ...retryPolicy(this.config, row.jobName),
          });
          await manager.getRepository(DeadLetter).update(
            { id: row.id },
            {
              retries: row.retries + 1,
              nextRetryAt: new Date(Date.now() + LOST_RUN_MS),
            },
          );
        }
        return rows.length;
      });
      retried += batch;
      if (batch < 100) break;
    }
    if (retried) this.logger.log(`ran ${retried} dead letters again`);
    return { retried };
  }

  /** Operators: the dead letters, newest first (unresolved only unless `all`). */
  list(all = false, limit = 100): Promise<DeadLetter[]> {
    return this.repo.find({
      where: all ? {} : { resolvedAt: IsNull() },
      order: { failedAt: 'DESC' },
      take: limit,
    });
  }

  /** Operators: make dead letters due now (one by id, or every unresolved one). */
  async retryNow(id?: string): Promise<number> {
    const result = await this.repo.update(
      id ? { id, resolvedAt: IsNull() } : { resolvedAt: IsNull() },
      { nextRetryAt: new Date() },
    );
    return result.affected ?? 0;
  }

  /** Platform administrators: a page of dead letters, newest first (unresolved unless asked). */
  page(
    ctx: RequestContext,
    page: PageArgs,
    includeResolved = false,
  ): Promise<ConnectionShape<DeadLetter>> {
    const qb = this.db.repo(ctx, DeadLetter).createQueryBuilder('d');
    if (!includeResolved) qb.where('d.resolved_at IS NULL');
    return paginate(qb, page, createdAtKeys('d'));
  }

  /**
   * Platform administrators: makes one unresolved dead letter due now, in the caller's transaction
   * (which records the audit event). Answers it as it was before and after.
   */
  async makeDue(
    tx: RequestContext,
    id: string,
  ): Promise<{ before: DeadLetter; after: DeadLetter }> {
    const repo = this.db.repo(tx, DeadLetter);
    const before = await repo.findOne({
      where: { id: uuidArg(id, 'DeadLetter') },
      lock: { mode: 'pessimistic_write' },
    });
    if (!before) throw new NotFoundError('DeadLetter', id);
    if (before.resolvedAt)
      throw coreErrors.conflict(CoreReason.DEAD_LETTER_RESOLVED, { resolvedAt: before.resolvedAt });
    const nextRetryAt = new Date();
    await repo.update({ id }, { nextRetryAt });
    return { before, after: { ...before, nextRetryAt } };
  }
}
