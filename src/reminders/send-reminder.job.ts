// Sends one recorded reminder — unless what it is about was dealt with meanwhile (the review was
// submitted, the decision taken): then it is marked skipped and nobody is bothered.
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { Money } from '../core/money/money';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { Application } from '../applications/application.entity';
import { ApplicationStatus } from '../applications/application.enums';
import { ReallocationStatus } from '../budget/budget.enums';
import { Reallocation } from '../budget/reallocation.entity';
import { Grant, Sprint } from '../grants/grant.entity';
import { GrantStatus, SprintStatus } from '../grants/grant.enums';
import { Role } from '../identity/roles';
import { NotificationKind } from '../notifications/notification.enums';
import { NotificationMessage, Notifier, Reader } from '../notifications/notifier.service';
import { ChangeNotice } from '../sprints/change-notice.entity';
import { SprintReview, SprintReviewVersion } from '../sprints/sprint-review.entity';
import { ChangeNoticeStatus } from '../sprints/sprint.enums';
import { Reminder } from './reminder.entity';
import { AppLinks } from '../core/links/app-links';
import { emailTexts, Say } from '../notifications/email-texts';
import { calendarDay } from '../notifications/email-words';

interface Pending {
  recipients: 'team' | 'managers';
  /** The funder whose programme it is about: its name and logo brand the email. */
  funderId: string;
  render: (reader: Reader) => NotificationMessage;
}

const DAY = 86_400_000;

@Injectable()
export class SendReminderJob {
  private readonly ctx = RequestContext.system('reminders');

  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
  ) {}

  @OnJob(JobName.SendReminder)
  async run(payload: JobPayloads[JobName.SendReminder]): Promise<{ sent: boolean }> {
    const reminder = await this.db.repo(this.ctx, Reminder).findOneBy({ id: payload.reminderId });
    // Sent or skipped already: a job that runs twice has the effect of one.
    if (!reminder || reminder.skippedAt || reminder.sentAt) return { sent: false };
    const pending = await this.stillPending(reminder);
    if (!pending) {
      await this.db
        .repo(this.ctx, Reminder)
        .update({ id: reminder.id, sentAt: IsNull() }, { skippedAt: () => 'now()' });
      return { sent: false };
    }
    const escalated = reminder.step === 'wait-2';
    let recipients =
      pending.recipients === 'team'
        ? await this.notifier.team(reminder.organizationId)
        : await this.notifier.managers(reminder.organizationId);
    if (escalated) {
      const owners = await this.notifier.people(reminder.organizationId, [Role.OWNER]);
      recipients = [...recipients, ...owners.filter((o) => !recipients.some((r) => r.id === o.id))];
    }
    await this.notifier.deliver({
      key: `reminder:${reminder.key}`,
      kind: reminder.kind,
      organizationId: reminder.organizationId,
      subjectType: reminder.subjectType,
      subjectId: reminder.subjectId,
      recipients,
      funderId: pending.funderId,
      render: pending.render,
    });
    await this.db.repo(this.ctx, Reminder).update({ id: reminder.id }, { sentAt: () => 'now()' });
    return { sent: true };
  }

  /** What the reminder is about, if it still waits; null when it was dealt with. */
  private async stillPending(reminder: Reminder): Promise<Pending | null> {
    const repo = <T extends object>(e: new () => T) => this.db.repo(this.ctx, e);
    const since = (date: Date) => Math.max(1, Math.floor((Date.now() - date.getTime()) / DAY));
    const second = reminder.step === 'wait-2';
    switch (reminder.kind) {
      case NotificationKind.REVIEW_DUE_SOON:
      case NotificationKind.REVIEW_OVERDUE: {
        const sprint = await repo(Sprint).findOneBy({ id: reminder.subjectId });
        if (!sprint || ![SprintStatus.ACTIVE, SprintStatus.REVIEW_DUE].includes(sprint.status))
          return null;
        // Recorded for another due date (a delay moved it since): not this one.
        if (reminder.key.split(':')[2] !== sprint.endDate) return null;
        const grant = await repo(Grant).findOneByOrFail({ id: sprint.grantId });
        if (grant.status !== GrantStatus.ACTIVE) return null;
        const overdue = reminder.kind === NotificationKind.REVIEW_OVERDUE;
        return {
          recipients: 'team',
          funderId: grant.funderOrganizationId,
          render: (reader) => {
            const say = emailTexts(reader);
            const when = overdue ? 'overdue' : 'soon';
            const values = {
              number: sprint.number,
              title: grant.title,
              day: calendarDay(sprint.endDate, reader.de),
            };
            return {
              subject: say(`reviewDue.subject.${when}`, values),
              lines: [say(`reviewDue.lines.${when}`, values)],
              path: AppLinks.sprintReview(grant.id, sprint.number),
            };
          },
        };
      }
      case NotificationKind.DECISION_WAITING: {
        const described = await this.describeDecision(reminder);
        if (!described) return null;
        const { what: whatOf, since: waitingSince, path } = described;
        const count = since(waitingSince);
        return {
          recipients: 'managers',
          // Decisions wait at the funder: the reminder goes to its own people.
          funderId: reminder.organizationId,
          render: (reader) => {
            const say = emailTexts(reader);
            const what = whatOf(say, reader.de);
            const days = say('decisionWaiting.days', { count });
            // In the body the phrase follows the greeting's comma: German goes on in lower case.
            const whatInText = reader.de ? what[0].toLowerCase() + what.slice(1) : what;
            return {
              subject: say('decisionWaiting.subject', {
                second: second ? say('decisionWaiting.second') : '',
                what,
                days,
              }),
              lines: [
                say('decisionWaiting.lines.waiting', { what: whatInText, days }),
                ...(second ? [say('decisionWaiting.lines.second')] : []),
              ],
              path,
            };
          },
        };
      }
      default:
        return null;
    }
  }

  private async describeDecision(reminder: Reminder): Promise<{
    /** What waits, in the reader's words: "The application …". */
    what: (say: Say, de: boolean) => string;
    since: Date;
    path: string;
  } | null> {
    const repo = <T extends object>(e: new () => T) => this.db.repo(this.ctx, e);
    switch (reminder.subjectType) {
      case 'SprintReview': {
        const review = await repo(SprintReview).findOneBy({ id: reminder.subjectId });
        const sprint = review && (await repo(Sprint).findOneBy({ id: review.sprintId }));
        if (!review || sprint?.status !== SprintStatus.IN_REVIEW) return null;
        const grant = await repo(Grant).findOneByOrFail({ id: review.grantId });
        const version = await repo(SprintReviewVersion).findOneByOrFail({
          reviewId: review.id,
          number: review.submittedVersion,
        });
        return {
          what: (say) =>
            say('decisionWaiting.what.sprintReview', { number: sprint.number, title: grant.title }),
          since: version.submittedAt,
          path: AppLinks.sprintReview(grant.id, sprint.number),
        };
      }
      case 'Application': {
        const a = await repo(Application).findOneBy({ id: reminder.subjectId });
        if (a?.status !== ApplicationStatus.SUBMITTED) return null;
        return {
          what: (say) => say('decisionWaiting.what.application', { title: a.title }),
          since: a.submittedAt ?? a.updatedAt,
          path: AppLinks.applicationReview(a.programmeId, a.id),
        };
      }
      case 'Reallocation': {
        const r = await repo(Reallocation).findOneBy({ id: reminder.subjectId });
        if (r?.status !== ReallocationStatus.PENDING) return null;
        const grant = await repo(Grant).findOneByOrFail({ id: r.grantId });
        const amount = Money.of(r.amountMinor, r.currency);
        return {
          what: (say, de) =>
            say('decisionWaiting.what.reallocation', {
              amount: amount.format(de ? 'de' : 'en'),
              title: grant.title,
            }),
          since: r.createdAt,
          path: AppLinks.grantBudget(grant.id),
        };
      }
      case 'ChangeNotice': {
        const n = await repo(ChangeNotice).findOneBy({ id: reminder.subjectId });
        if (n?.status !== ChangeNoticeStatus.OPEN) return null;
        const grant = await repo(Grant).findOneByOrFail({ id: n.grantId });
        return {
          what: (say) => say('decisionWaiting.what.changeNotice', { title: grant.title }),
          since: n.createdAt,
          path: AppLinks.changeNotice(grant.id, n.id),
        };
      }
      default:
        return null;
    }
  }
}
