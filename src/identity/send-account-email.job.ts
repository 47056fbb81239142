// Emails about a person's own account, in their language; German follows their first
// organisation's du/Sie ("Sie" when they have none). Links point at the web app's pages:
// /verify-email, /reset-password, /confirm-email, /login and /forgot-password. Each email is sent
// once (mail delivery key), and a link that was used or expired meanwhile is not sent at all.
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { emailTexts, Say } from '../notifications/email-texts';
import { emailHtml } from '../notifications/html';
import { greeting as greet } from '../notifications/greeting';
import { MailerService } from '../notifications/mailer.service';
import { AccountEmailKind, AccountTokenService } from './account-token.service';
import { AccountToken } from './entities/account-token.entity';
import { Membership } from './entities/membership.entity';
import { Person } from './entities/person.entity';
import { FormOfAddress, Language } from './roles';
import { AppLinks, appUrl } from '../core/links/app-links';

interface Mail {
  to: string;
  subject: string;
  lines: string[];
  links: string[];
}

@Injectable()
export class SendAccountEmailJob {
  constructor(
    private readonly db: Database,
    private readonly mailer: MailerService,
    private readonly tokens: AccountTokenService,
    private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.SendAccountEmail)
  async run(
    payload: JobPayloads[JobName.SendAccountEmail],
  ): Promise<{ sent: boolean; reason?: string }> {
    const ctx = RequestContext.system('send-account-email');
    const person = await this.db.repo(ctx, Person).findOneBy({ id: payload.personId });
    if (!person || person.anonymizedAt) return { sent: false, reason: 'no such person' };
    const token = payload.tokenId
      ? await this.db.repo(ctx, AccountToken).findOneBy({ id: payload.tokenId })
      : null;
    const first = await this.db.repo(ctx, Membership).findOne({
      where: { personId: person.id },
      relations: { organization: true },
      order: { createdAt: 'ASC' },
    });
    const de = person.language === Language.DE;
    const du = first?.organization?.formOfAddress === FormOfAddress.DU;
    const url = this.config.get('PUBLIC_APP_URL');
    const linkTo = (path: string) => appUrl(url, path);
    const greeting = greet(person.displayName, de, du);
    const say = emailTexts({ de, du });
    const hours = (t: AccountToken) =>
      Math.max(1, Math.round((t.expiresAt.getTime() - t.createdAt.getTime()) / 3_600_000));

    let mail: Mail;
    let key: string;
    switch (payload.kind as AccountEmailKind) {
      case AccountEmailKind.VERIFY_EMAIL:
      case AccountEmailKind.RESET_PASSWORD:
      case AccountEmailKind.CHANGE_EMAIL: {
        if (!token || token.usedAt || token.expiresAt <= new Date())
          return { sent: false, reason: 'link used or expired' };
        key = `account:${payload.kind}:${token.id}`;
        mail = this.linkMail(payload.kind as AccountEmailKind, token, say, greeting, {
          link: linkTo(pathOf(payload.kind as AccountEmailKind, this.tokens.tokenFor(token))),
          hours: hours(token),
          minutes: Math.round((token.expiresAt.getTime() - token.createdAt.getTime()) / 60_000),
        });
        break;
      }
      case AccountEmailKind.EMAIL_CHANGED: {
        if (!token?.previousEmail) return { sent: false, reason: 'no previous address' };
        key = `account:${payload.kind}:${token.id}`;
        const reset = linkTo(AppLinks.forgotPassword());
        mail = {
          to: token.previousEmail,
          subject: say('emailChanged.subject'),
          lines: [
            greeting,
            say('emailChanged.lines.changed', {
              email: token.email,
              previous: token.previousEmail,
            }),
            say('emailChanged.lines.notYou', { link: reset }),
          ],
          links: [reset],
        };
        break;
      }
      case AccountEmailKind.SIGNUP_ATTEMPT: {
        key = `account:${payload.kind}:${payload.attemptId ?? 'unknown'}`;
        const login = linkTo(AppLinks.logIn());
        const forgot = linkTo(AppLinks.forgotPassword());
        mail = {
          to: person.email,
          subject: say('signupAttempt.subject'),
          lines: [
            greeting,
            say('signupAttempt.lines.someone'),
            say('signupAttempt.lines.logIn', { link: login }),
            say('signupAttempt.lines.forgot', { link: forgot }),
            say('signupAttempt.lines.ignore'),
          ],
          links: [login, forgot],
        };
        break;
      }
      default:
        return { sent: false, reason: `unknown kind ${payload.kind}` };
    }
    const result = await this.mailer.sendOnce(key, {
      to: mail.to,
      subject: mail.subject,
      text: mail.lines.join('\n\n'),
      html: emailHtml(person.language, mail.lines, mail.links),
      headers: { 'X-Meilenstein-Kind': payload.kind },
    });
    return { sent: result.sent };
  }

  private linkMail(
    kind: AccountEmailKind,
    token: AccountToken,
    say: Say,
    greeting: string,
    { link, hours, minutes }: { link: string; hours: number; minutes: number },
  ): Mail {
    switch (kind) {
      case AccountEmailKind.VERIFY_EMAIL:
        return {
          to: token.email,
          subject: say('verifyEmail.subject'),
          lines: [
            greeting,
            say('verifyEmail.lines.confirm', { link }),
            say('verifyEmail.lines.validity', { count: hours }),
            say('account.ignore'),
          ],
          links: [link],
        };
      case AccountEmailKind.RESET_PASSWORD:
        return {
          to: token.email,
          subject: say('resetPassword.subject'),
          lines: [
            greeting,
            say('resetPassword.lines.choose', { link }),
            say('resetPassword.lines.validity', { count: minutes }),
            say('resetPassword.lines.ignore'),
          ],
          links: [link],
        };
      default:
        return {
          to: token.email,
          subject: say('changeEmail.subject'),
          lines: [
            greeting,
            say('changeEmail.lines.confirm', { link }),
            say('changeEmail.lines.validity', { count: hours }),
            say('account.ignore'),
          ],
          links: [link],
        };
    }
  }
}

function pathOf(kind: AccountEmailKind, token: string): string {
  switch (kind) {
    case AccountEmailKind.VERIFY_EMAIL:
      return AppLinks.verifyEmail(token);
    case AccountEmailKind.RESET_PASSWORD:
      return AppLinks.resetPassword(token);
    default:
      return AppLinks.confirmEmail(token);
  }
}
