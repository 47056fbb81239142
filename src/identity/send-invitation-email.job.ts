import { Injectable } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { emailTexts } from '../notifications/email-texts';
import { greeting } from '../notifications/greeting';
import { emailHtml } from '../notifications/html';
import { MailerService } from '../notifications/mailer.service';
import { Invitation } from './entities/invitation.entity';
import { Organization } from './entities/organization.entity';
import { Person } from './entities/person.entity';
import { InvitationService, invitationStatus } from './invitation.service';
import { FormOfAddress, Language } from './roles';
import { InvitationStatus } from './dto/identity.types';
import { AppLinks, appUrl } from '../core/links/app-links';

/** Emails the invitation link, in the invitee's language (or the organisation's), once. */
@Injectable()
export class SendInvitationEmailJob {
  constructor(
    private readonly db: Database,
    private readonly mailer: MailerService,
    private readonly invitations: InvitationService,
    private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.SendInvitationEmail)
  async run(
    payload: JobPayloads[JobName.SendInvitationEmail],
  ): Promise<{ sent: boolean; reason?: string }> {
    const ctx = RequestContext.system('send-invitation-email');
    const invitation = await this.db.repo(ctx, Invitation).findOneBy({ id: payload.invitationId });
    if (!invitation || invitationStatus(invitation) !== InvitationStatus.PENDING)
      return { sent: false, reason: 'not pending' };
    // A resend replaced this link; the newer job sends the newer one.
    const version = payload.tokenVersion ?? 1;
    if (version !== invitation.tokenVersion) return { sent: false, reason: 'link replaced' };
    const org = await this.db
      .repo(ctx, Organization)
      .findOneByOrFail({ id: invitation.organizationId });
    const inviter = invitation.invitedById
      ? await this.db.repo(ctx, Person).findOneBy({ id: invitation.invitedById })
      : null;
    const invitee = await this.db.repo(ctx, Person).findOneBy({ email: invitation.email });
    const language = invitee?.language ?? org.language;
    const link = appUrl(
      this.config.get('PUBLIC_APP_URL'),
      AppLinks.acceptInvitation(this.invitations.tokenFor(invitation.id, version)),
    );
    const who = inviter?.displayName ?? org.name;
    const days = Math.max(
      1,
      Math.round((invitation.expiresAt.getTime() - Date.now()) / 86_400_000),
    );
    const de = language === Language.DE;
    const du = org.formOfAddress === FormOfAddress.DU;
    const say = emailTexts({ de, du });
    const organization = org.name;
    const subject = say('invitation.subject', { organization });
    const lines = [
      // Sent to an address: the invitee may have no name yet.
      greeting('', de, du),
      say('invitation.lines.invites', {
        who,
        organization,
        role: say(`invitation.role.${invitation.role}`),
      }),
      say('invitation.lines.accept', { link }),
      say('invitation.lines.validity', { count: days }),
    ];
    const html = emailHtml(language, lines, [link]);
    const key =
      version === 1 ? `invitation:${invitation.id}` : `invitation:${invitation.id}:v${version}`;
    const result = await this.mailer.sendOnce(key, {
      to: invitation.email,
      subject,
      text: lines.join('\n\n'),
      html,
      headers: { 'X-Meilenstein-Kind': 'INVITATION' },
    });
    return { sent: result.sent };
  }
}
