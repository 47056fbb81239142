import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/calendar/clock';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName } from '../core/queue/jobs';
import { SprintStatus } from '../grants/grant.enums';
import { GrantLifecycleService } from '../grants/grant-lifecycle.service';

/**
 * Moves running sprints whose last day has passed to REVIEW_DUE (hourly in the worker). Idempotent:
 * a sprint moves once, and each move writes its audit event in the same statement's transaction.
 */
@Injectable()
export class SprintDueService {
  private readonly logger = new Logger(SprintDueService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly lifecycle: GrantLifecycleService,
  ) {}

  @OnJob(JobName.MarkSprintsReviewDue)
  async run(): Promise<{ moved: number }> {
    const moved = await this.markDue(RequestContext.system('sprints due'));
    if (moved) this.logger.log(`${moved} sprints are now due for review`);
    return { moved };
  }

  /**
   * Marks sprints due whose end date is before today — the calendar day of `at` (default: now) in
   * each programme's time zone.
   */
  async markDue(ctx: RequestContext, at: Date = this.clock.now()): Promise<number> {
    return this.db.transaction(ctx, async (tx) => {
      const rows = await this.lifecycle.markSprintsDue(tx, at);
      for (const row of rows)
        await this.audit.record(tx, {
          action: 'sprint.review-due',
          subjectType: 'Sprint',
          subjectId: row.id,
          organizationId: row.org,
          before: { status: SprintStatus.ACTIVE },
          after: { status: SprintStatus.REVIEW_DUE, number: row.number, grantId: row.grant_id },
        });
      return rows.length;
    });
  }
}
