// A tranche was paid out: the grantee's team hears of it, in-app and by email, once per tranche
// (a tranche is released once, and the delivery is keyed by it). The email names the amount, the
// day it was released (a calendar day in the programme's time zone) and what was paid so far.
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { AppLinks } from '../core/links/app-links';
import { Money } from '../core/money/money';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { emailTexts } from '../notifications/email-texts';
import { dayIn, trancheKindWord } from '../notifications/email-words';
import { NotificationKind } from '../notifications/notification.enums';
import { Notifier } from '../notifications/notifier.service';
import { ProgrammeService } from '../programmes/programme.service';
import { TrancheStatus } from './grant.enums';
import { GrantService } from './grant.service';

@Injectable()
export class TrancheNotificationsJob {
  private readonly ctx = RequestContext.system('tranche notifications');

  constructor(
    private readonly grants: GrantService,
    private readonly programmes: ProgrammeService,
    private readonly notifier: Notifier,
  ) {}

  @OnJob(JobName.TrancheReleased)
  async released(payload: JobPayloads[JobName.TrancheReleased]) {
    const tranche = await this.grants.trancheById(this.ctx, payload.trancheId).catch(() => null);
    if (!tranche?.releasedAt || tranche.status !== TrancheStatus.RELEASED)
      return { emails: 0, inApp: 0 };
    const grant = await this.grants.byId(this.ctx, tranche.grantId);
    const programme = await this.programmes.settingsOf(this.ctx, grant.programmeId);
    const releasedAt = tranche.releasedAt;
    // Paid so far as of this tranche, even when the job runs after later ones.
    const paid = (await this.grants.tranchesOf(this.ctx, grant.id))
      .filter((t) => t.status === TrancheStatus.RELEASED && t.releasedAt! <= releasedAt)
      .reduce((sum, t) => sum + t.amountMinor, 0n);
    return this.notifier.deliver({
      key: `tranche-released:${tranche.id}`,
      kind: NotificationKind.TRANCHE_RELEASED,
      organizationId: grant.granteeOrganizationId,
      subjectType: 'Tranche',
      subjectId: tranche.id,
      recipients: await this.notifier.team(grant.granteeOrganizationId),
      funderId: grant.funderOrganizationId,
      render: (reader) => {
        const { de } = reader;
        const say = emailTexts(reader);
        const language = de ? 'de' : 'en';
        const amount = Money.of(tranche.amountMinor, tranche.currency).format(language);
        const total = Money.of(paid, grant.currency).format(language);
        const awarded = Money.of(grant.awardedAmountMinor, grant.currency).format(language);
        const day = dayIn(releasedAt, programme.timeZone, de);
        const why = trancheKindWord(tranche.kind, de);
        const title = grant.title;
        return {
          subject: say('trancheReleased.subject', { amount, title }),
          lines: [
            say('trancheReleased.lines.released', {
              day,
              number: tranche.number,
              amount,
              title,
              reference: grant.reference,
              why,
            }),
            say('trancheReleased.lines.paid', { total, awarded }),
          ],
          linkIntro: say('trancheReleased.lines.where'),
          path: AppLinks.grantBudget(grant.id),
        };
      },
    });
  }
}
