import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/calendar/clock';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName } from '../core/queue/jobs';
import { SprintStatus } from '../grants/grant.enums';

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
      // UPDATE … RETURNING answers [rows, affected count].
      const [rows] = await this.db
        .manager(tx)
        .query<[{ id: string; number: number; grant_id: string; org: string }[], number]>(
          `UPDATE sprint s SET status = $1
           FROM "grant" g JOIN programme p ON p.id = g.programme_id
          WHERE g.id = s.grant_id AND g.status = 'ACTIVE' AND s.status = $2
            AND s.end_date < ($3::timestamptz AT TIME ZONE p.time_zone)::date
        RETURNING s.id, s.number, s.grant_id, g.grantee_organization_id AS org`,
          [SprintStatus.REVIEW_DUE, SprintStatus.ACTIVE, at.toISOString()],
        );
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
