// Who hears about the sprint cycle: a submitted review and a change notice go to the funder's
// managers; a decision on a review goes to the grantee's team. In-app and email, once per event.
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { GrantService } from '../grants/grant.service';
import { GrantStatus } from '../grants/grant.enums';
import { NotificationKind } from '../notifications/notification.enums';
import { Notifier } from '../notifications/notifier.service';
import { ChangeNotice } from './change-notice.entity';
import { ReviewDecision, SprintReview } from './sprint-review.entity';
import { ReviewDecisionKind } from './sprint.enums';
import { AppLinks } from '../core/links/app-links';
import { calendarDay, noticeKindWord } from '../notifications/email-words';
import { emailTexts } from '../notifications/email-texts';

@Injectable()
export class SprintNotificationsJob {
  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
    private readonly grants: GrantService,
  ) {}

  private readonly ctx = RequestContext.system('sprint notifications');

  @OnJob(JobName.ReviewSubmitted)
  async reviewSubmitted(payload: JobPayloads[JobName.ReviewSubmitted]) {
    const found = await this.load(payload.reviewId);
    if (!found) return { emails: 0, inApp: 0 };
    const { review, sprint, grant } = found;
    return this.notifier.deliver({
      key: `review-submitted:${review.id}:v${payload.version}`,
      kind: NotificationKind.REVIEW_SUBMITTED,
      organizationId: grant.funderOrganizationId,
      subjectType: 'SprintReview',
      subjectId: review.id,
      recipients: await this.notifier.managers(grant.funderOrganizationId),
      funderId: grant.funderOrganizationId,
      render: (reader) => {
        const say = emailTexts(reader);
        const { number } = sprint;
        const title = grant.title;
        return {
          subject: say('reviewSubmitted.subject', { number, title }),
          lines: [
            say('reviewSubmitted.lines.submitted', {
              number,
              title,
              reference: grant.reference,
              version:
                payload.version > 1
                  ? say('reviewSubmitted.version', { version: payload.version })
                  : '',
              final: review.final ? say('reviewSubmitted.final') : '',
            }),
            say('reviewSubmitted.lines.decide'),
          ],
          path: AppLinks.sprintReview(grant.id, sprint.number),
        };
      },
    });
  }

  @OnJob(JobName.ReviewDecided)
  async reviewDecided(payload: JobPayloads[JobName.ReviewDecided]) {
    const found = await this.load(payload.reviewId);
    const decision = await this.db
      .repo(this.ctx, ReviewDecision)
      .findOneBy({ id: payload.decisionId });
    if (!found || !decision) return { emails: 0, inApp: 0 };
    const { review, sprint, grant } = found;
    const accepted = decision.decision === ReviewDecisionKind.ACCEPT;
    return this.notifier.deliver({
      key: `review-decided:${decision.id}`,
      kind: NotificationKind.REVIEW_DECIDED,
      organizationId: grant.granteeOrganizationId,
      subjectType: 'SprintReview',
      subjectId: review.id,
      recipients: await this.notifier.team(grant.granteeOrganizationId),
      funderId: grant.funderOrganizationId,
      render: (reader) => {
        const say = emailTexts(reader);
        const { number } = sprint;
        const outcome = accepted ? 'accepted' : 'changesRequested';
        const completed = grant.status === GrantStatus.COMPLETED;
        return {
          subject: say('reviewDecided.subject', {
            number,
            outcome: say(`reviewDecided.outcome.${outcome}`),
          }),
          lines: [
            say(`reviewDecided.lines.${outcome}`, {
              number,
              title: grant.title,
              completed: completed ? say('reviewDecided.completed') : '',
            }),
            ...(decision.comment ? [say('mail.comment', { comment: decision.comment })] : []),
            ...(!accepted ? [say('reviewDecided.lines.answer')] : []),
          ],
          path: AppLinks.sprintReview(grant.id, sprint.number),
        };
      },
    });
  }

  @OnJob(JobName.ChangeNoticeFiled)
  async noticeFiled(payload: JobPayloads[JobName.ChangeNoticeFiled]) {
    const notice = await this.db.repo(this.ctx, ChangeNotice).findOneBy({ id: payload.noticeId });
    if (!notice) return { emails: 0, inApp: 0 };
    const grant = await this.grants.byId(this.ctx, notice.grantId);
    return this.notifier.deliver({
      key: `change-notice:${notice.id}`,
      kind: NotificationKind.CHANGE_NOTICE_FILED,
      organizationId: grant.funderOrganizationId,
      subjectType: 'ChangeNotice',
      subjectId: notice.id,
      recipients: await this.notifier.managers(grant.funderOrganizationId),
      funderId: grant.funderOrganizationId,
      render: (reader) => {
        const say = emailTexts(reader);
        const { de } = reader;
        const title = grant.title;
        return {
          subject: say('changeNotice.subject', { title, kind: noticeKindWord(notice.kind, de) }),
          lines: [
            say('changeNotice.lines.reports', {
              title,
              reference: grant.reference,
              what: say(`changeNotice.what.${notice.kind}`),
            }),
            notice.description,
            ...(notice.requestedEndDate
              ? [
                  say('changeNotice.lines.newEnd', {
                    day: calendarDay(notice.requestedEndDate, de),
                    previous: notice.previousEndDate
                      ? say('changeNotice.previousEnd', {
                          day: calendarDay(notice.previousEndDate, de),
                        })
                      : '',
                  }),
                ]
              : []),
          ],
          path: AppLinks.changeNotice(grant.id, notice.id),
        };
      },
    });
  }

  private async load(reviewId: string) {
    const review = await this.db.repo(this.ctx, SprintReview).findOneBy({ id: reviewId });
    if (!review) return null;
    const sprint = await this.grants.sprintById(this.ctx, review.sprintId);
    const grant = await this.grants.byId(this.ctx, review.grantId);
    return { review, sprint, grant };
  }
}
