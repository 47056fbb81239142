// A reallocation beyond tolerance waits for the funder's managers; its decision goes to the grantee.
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { Money } from '../core/money/money';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { GrantService } from '../grants/grant.service';
import { NotificationKind } from '../notifications/notification.enums';
import { Notifier } from '../notifications/notifier.service';
import { ReallocationStatus } from './budget.enums';
import { Reallocation } from './reallocation.entity';
import { AppLinks } from '../core/links/app-links';
import { emailTexts } from '../notifications/email-texts';

@Injectable()
export class ReallocationNotificationsJob {
  private readonly ctx = RequestContext.system('reallocation notifications');

  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
    private readonly grants: GrantService,
  ) {}

  @OnJob(JobName.ReallocationWaiting)
  async waiting(payload: JobPayloads[JobName.ReallocationWaiting]) {
    const found = await this.load(payload.reallocationId);
    if (!found) return { emails: 0, inApp: 0 };
    const { r, grant, from, to } = found;
    return this.notifier.deliver({
      key: `reallocation-waiting:${r.id}`,
      kind: NotificationKind.REALLOCATION_WAITING,
      organizationId: grant.funderOrganizationId,
      subjectType: 'Reallocation',
      subjectId: r.id,
      recipients: await this.notifier.managers(grant.funderOrganizationId),
      funderId: grant.funderOrganizationId,
      render: (reader) => {
        const say = emailTexts(reader);
        const amount = Money.of(r.amountMinor, r.currency).format(reader.de ? 'de' : 'en');
        const title = grant.title;
        return {
          subject: say('reallocationWaiting.subject', { amount, title }),
          lines: [
            say('reallocationWaiting.lines.asks', {
              title,
              reference: grant.reference,
              amount,
              from,
              to,
            }),
            say('reallocationWaiting.lines.reason', { reason: r.reason }),
          ],
          path: AppLinks.grantBudget(grant.id),
        };
      },
    });
  }

  @OnJob(JobName.ReallocationDecided)
  async decided(payload: JobPayloads[JobName.ReallocationDecided]) {
    const found = await this.load(payload.reallocationId);
    if (!found || found.r.status === ReallocationStatus.PENDING) return { emails: 0, inApp: 0 };
    const { r, grant, from, to } = found;
    const approved = r.status === ReallocationStatus.APPLIED;
    return this.notifier.deliver({
      key: `reallocation-decided:${r.id}`,
      kind: NotificationKind.REALLOCATION_DECIDED,
      organizationId: grant.granteeOrganizationId,
      subjectType: 'Reallocation',
      subjectId: r.id,
      recipients: await this.notifier.team(grant.granteeOrganizationId),
      funderId: grant.funderOrganizationId,
      render: (reader) => {
        const say = emailTexts(reader);
        const amount = Money.of(r.amountMinor, r.currency).format(reader.de ? 'de' : 'en');
        const outcome = approved ? 'approved' : 'declined';
        return {
          subject: say('reallocationDecided.subject', {
            outcome: say(`reallocationDecided.outcome.${outcome}`),
            amount,
          }),
          lines: [
            say(`reallocationDecided.lines.${outcome}`, { amount, from, to }),
            ...(r.decisionComment ? [say('mail.comment', { comment: r.decisionComment })] : []),
          ],
          path: AppLinks.grantBudget(grant.id),
        };
      },
    });
  }

  /** The reallocation with both lines' names (one statement), then its grant. */
  private async load(id: string) {
    const [row] = await this.db.manager(this.ctx).query<Record<string, unknown>[]>(
      `SELECT ${this.db.selectColumns(Reallocation, 'r')}, f.name AS from_name, t.name AS to_name
         FROM reallocation r
         LEFT JOIN budget_line f ON f.id = r.from_line_id
         LEFT JOIN budget_line t ON t.id = r.to_line_id
        WHERE r.id = $1`,
      [id],
    );
    const r = row && this.db.hydrate(Reallocation, row, 'r');
    if (!r) return null;
    const grant = await this.grants.byId(this.ctx, r.grantId);
    return {
      r,
      grant,
      from: (row.from_name as string | null) ?? '?',
      to: (row.to_name as string | null) ?? '?',
    };
  }
}
