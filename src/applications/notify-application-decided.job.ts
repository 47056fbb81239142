import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { NotificationKind } from '../notifications/notification.enums';
import { Notifier } from '../notifications/notifier.service';
import { ProgrammeService } from '../programmes/programme.service';
import { Application, ApplicationVersion } from './application.entity';
import { DecisionKind } from './application.enums';
import { AppLinks } from '../core/links/app-links';
import { Money } from '../core/money/money';
import { GrantService } from '../grants/grant.service';
import { emailTexts } from '../notifications/email-texts';
import { calendarDay } from '../notifications/email-words';

/**
 * Tells the grantee's team about a decision on their application (in-app and email), once. An
 * approval states what was awarded and when the first sprint starts (a calendar day in the
 * programme's time zone), in the reader's language.
 */
@Injectable()
export class NotifyApplicationDecidedJob {
  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
    private readonly programmes: ProgrammeService,
    private readonly grants: GrantService,
  ) {}

  @OnJob(JobName.ApplicationDecided)
  async run(
    payload: JobPayloads[JobName.ApplicationDecided],
  ): Promise<{ emails: number; inApp: number }> {
    const ctx = RequestContext.system('notify-application-decided');
    const application = await this.db
      .repo(ctx, Application)
      .findOneBy({ id: payload.applicationId });
    if (!application) return { emails: 0, inApp: 0 };
    const programme = await this.programmes.settingsOf(ctx, application.programmeId);
    const decision = payload.decision as DecisionKind;
    // The feedback of this decision, even if another decision came since (versions decided
    // before versions kept their decision fall back to the application's last feedback).
    const decided = await this.db
      .repo(ctx, ApplicationVersion)
      .findOneBy({ applicationId: application.id, version: payload.version });
    const feedback = decided?.decision ? decided.decisionFeedback : application.decisionFeedback;
    const grant =
      decision === DecisionKind.APPROVE
        ? await this.grants.byApplication(ctx, application.id)
        : null;
    return this.notifier.deliver({
      key: `application-decided:${application.id}:v${payload.version}:${decision}`,
      kind: NotificationKind.APPLICATION_DECIDED,
      organizationId: application.granteeOrganizationId,
      subjectType: 'Application',
      subjectId: application.id,
      recipients: await this.notifier.team(application.granteeOrganizationId),
      funderId: programme.funderOrganizationId,
      render: (reader) => {
        const { de } = reader;
        const say = emailTexts(reader);
        const headline = say(`applicationDecided.headline.${decision}`);
        const award = grant
          ? {
              amount: Money.of(grant.awardedAmountMinor, grant.currency).format(de ? 'de' : 'en'),
              start: calendarDay(grant.startDate, de),
            }
          : null;
        const title = application.title;
        return {
          subject: say('applicationDecided.subject', { title, headline }),
          lines: [
            say('applicationDecided.lines.decided', {
              title,
              programme: programme.title,
              headline,
            }),
            ...(award
              ? [
                  say('applicationDecided.lines.award', {
                    ...award,
                    reference: grant!.reference,
                  }),
                ]
              : []),
            ...(feedback ? [say('applicationDecided.lines.feedback', { feedback })] : []),
          ],
          linkIntro: say('applicationDecided.lines.details'),
          path: AppLinks.application(application.id),
        };
      },
    });
  }
}
