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

const NOTICE_DE: Record<string, string> = {
  PIVOT: 'einen Kurswechsel (Pivot)',
  DELAY: 'eine Verschiebung',
  OTHER_FUNDING: 'weitere Förderung',
  GOAL_UNREACHABLE: 'dass das Ziel so nicht erreichbar ist',
  STOP: 'das vorzeitige Ende der Förderung',
};
const NOTICE_EN: Record<string, string> = {
  PIVOT: 'a pivot',
  DELAY: 'a delay',
  OTHER_FUNDING: 'other funding',
  GOAL_UNREACHABLE: 'that the goal cannot be reached as planned',
  STOP: 'that the grant ends early',
};

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
      render: ({ de, du }) => ({
        subject: de
          ? `Sprint-Review ${sprint.number} von „${grant.title}“ eingereicht`
          : `Sprint ${sprint.number} review of "${grant.title}" submitted`,
        lines: de
          ? [
              `das Team von „${grant.title}“ (${grant.reference}) hat das Review zu Sprint ${sprint.number} eingereicht${payload.version > 1 ? ` (Version ${payload.version})` : ''}${review.final ? ' – als Abschluss-Review' : ''}.`,
              du
                ? 'Bitte sieh es dir an und entscheide: annehmen oder Änderungen erbitten.'
                : 'Bitte sehen Sie es sich an und entscheiden Sie: annehmen oder Änderungen erbitten.',
            ]
          : [
              `The team of "${grant.title}" (${grant.reference}) submitted the review of sprint ${sprint.number}${payload.version > 1 ? ` (version ${payload.version})` : ''}${review.final ? ' as its final review' : ''}.`,
              'Please read it and decide: accept it or ask for changes.',
            ],
        path: AppLinks.sprintReview(grant.id, sprint.number),
      }),
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
      render: ({ de, du }) => ({
        subject: de
          ? `Sprint-Review ${sprint.number}: ${accepted ? 'angenommen' : 'Änderungen erbeten'}`
          : `Sprint ${sprint.number} review: ${accepted ? 'accepted' : 'changes requested'}`,
        lines: [
          de
            ? accepted
              ? `der Förderer hat das Review zu Sprint ${sprint.number} von „${grant.title}“ angenommen.${grant.status === GrantStatus.COMPLETED ? ' Die Förderung ist damit abgeschlossen.' : ''}`
              : `der Förderer bittet um Änderungen am Review zu Sprint ${sprint.number} von „${grant.title}“.`
            : accepted
              ? `The funder accepted the review of sprint ${sprint.number} of "${grant.title}".${grant.status === GrantStatus.COMPLETED ? ' The grant is now complete.' : ''}`
              : `The funder asks for changes to the review of sprint ${sprint.number} of "${grant.title}".`,
          ...(decision.comment
            ? [de ? `Kommentar: ${decision.comment}` : `Comment: ${decision.comment}`]
            : []),
          ...(!accepted
            ? [
                de
                  ? du
                    ? 'Du kannst im Review direkt antworten.'
                    : 'Sie können im Review direkt antworten.'
                  : 'You can answer in the review directly.',
              ]
            : []),
        ],
        path: AppLinks.sprintReview(grant.id, sprint.number),
      }),
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
      render: ({ de, du }) => ({
        subject: de
          ? `Änderungsmitteilung zu „${grant.title}“: ${noticeKindWord(notice.kind, true)}`
          : `Change notice for "${grant.title}": ${noticeKindWord(notice.kind, false)}`,
        lines: [
          de
            ? `das Team von „${grant.title}“ (${grant.reference}) meldet ${NOTICE_DE[notice.kind]}.`
            : `The team of "${grant.title}" (${grant.reference}) reports ${NOTICE_EN[notice.kind]}.`,
          notice.description,
          ...(notice.requestedEndDate
            ? [
                de
                  ? `Neues Sprint-Ende: ${calendarDay(notice.requestedEndDate, true)}${notice.previousEndDate ? ` (bisher ${calendarDay(notice.previousEndDate, true)})` : ''} – braucht ${du ? 'eure' : 'Ihre'} Zustimmung.`
                  : `New sprint end: ${calendarDay(notice.requestedEndDate, false)}${notice.previousEndDate ? ` (was ${calendarDay(notice.previousEndDate, false)})` : ''} — needs your approval.`,
              ]
            : []),
        ],
        path: AppLinks.changeNotice(grant.id, notice.id),
      }),
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
