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
        mail = this.linkMail(payload.kind as AccountEmailKind, token, de, du, greeting, {
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
          subject: de
            ? `Die E-Mail-Adresse ${du ? 'deines' : 'Ihres'} Meilenstein-Kontos wurde geändert`
            : 'The email address of your Meilenstein account was changed',
          lines: de
            ? [
                greeting,
                `die Anmelde-Adresse ${du ? 'deines' : 'Ihres'} Meilenstein-Kontos ist jetzt ${token.email}. Diese Adresse (${token.previousEmail}) bekommt keine E-Mails mehr von uns.`,
                `${du ? 'Warst du das nicht? Dann setze dein Passwort zurück' : 'Waren Sie das nicht? Dann setzen Sie Ihr Passwort zurück'} und ${du ? 'schreib' : 'schreiben Sie'} uns: ${reset}`,
              ]
            : [
                greeting,
                `The sign-in address of your Meilenstein account is now ${token.email}. This address (${token.previousEmail}) no longer gets emails from us.`,
                `Was this not you? Reset your password and contact us: ${reset}`,
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
          subject: de
            ? `Registrierung mit ${du ? 'deiner' : 'Ihrer'} E-Mail-Adresse`
            : 'Sign-up with your email address',
          lines: de
            ? [
                greeting,
                `jemand – vielleicht ${du ? 'du selbst' : 'Sie selbst'} – wollte sich mit dieser Adresse bei Meilenstein registrieren. ${du ? 'Du hast' : 'Sie haben'} aber schon ein Konto; ein zweites wurde nicht angelegt.`,
                `${du ? 'Melde dich hier an' : 'Melden Sie sich hier an'}: ${login}`,
                `Passwort vergessen? Hier ${du ? 'kannst du es' : 'können Sie es'} zurücksetzen: ${forgot}`,
                `${du ? 'Warst du das nicht, kannst du' : 'Waren Sie das nicht, können Sie'} diese E-Mail ignorieren.`,
              ]
            : [
                greeting,
                'Someone — perhaps you — tried to sign up for Meilenstein with this address. You already have an account, so no second one was created.',
                `Log in here: ${login}`,
                `Forgot your password? Reset it here: ${forgot}`,
                'If this was not you, you can ignore this email.',
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
    de: boolean,
    du: boolean,
    greeting: string,
    { link, hours, minutes }: { link: string; hours: number; minutes: number },
  ): Mail {
    const ignore = de
      ? `${du ? 'Wenn du das nicht warst, kannst du' : 'Wenn Sie das nicht waren, können Sie'} diese E-Mail ignorieren.`
      : 'If this was not you, you can ignore this email.';
    const validity = (en: string, deText: string) => (de ? deText : en);
    switch (kind) {
      case AccountEmailKind.VERIFY_EMAIL:
        return {
          to: token.email,
          subject: de
            ? `${du ? 'Bitte bestätige deine' : 'Bitte bestätigen Sie Ihre'} E-Mail-Adresse für Meilenstein`
            : 'Confirm your email address for Meilenstein',
          lines: [
            greeting,
            de
              ? `${du ? 'bitte bestätige deine' : 'bitte bestätigen Sie Ihre'} E-Mail-Adresse, damit ${du ? 'du' : 'Sie'} Meilenstein ganz nutzen ${du ? 'kannst' : 'können'}: ${link}`
              : `Please confirm your email address to use Meilenstein fully: ${link}`,
            validity(
              `The link works once and for ${hours} hours.`,
              `Der Link gilt ${hours} Stunden und nur einmal.`,
            ),
            ignore,
          ],
          links: [link],
        };
      case AccountEmailKind.RESET_PASSWORD:
        return {
          to: token.email,
          subject: de ? 'Passwort für Meilenstein zurücksetzen' : 'Reset your Meilenstein password',
          lines: [
            greeting,
            de
              ? `${du ? 'du kannst' : 'Sie können'} hier ein neues Passwort wählen: ${link}`
              : `You can choose a new password here: ${link}`,
            validity(
              `The link works once and for ${minutes} minutes. Setting a new password signs you out everywhere.`,
              `Der Link gilt ${minutes} Minuten und nur einmal. Mit dem neuen Passwort ${du ? 'wirst du' : 'werden Sie'} überall abgemeldet.`,
            ),
            de
              ? `${du ? 'Wenn du das nicht angefordert hast, kannst du' : 'Wenn Sie das nicht angefordert haben, können Sie'} diese E-Mail ignorieren; das Passwort bleibt, wie es ist.`
              : 'If you did not ask for this, ignore this email; your password stays as it is.',
          ],
          links: [link],
        };
      default:
        return {
          to: token.email,
          subject: de
            ? `${du ? 'Bestätige deine' : 'Bestätigen Sie Ihre'} neue E-Mail-Adresse für Meilenstein`
            : 'Confirm your new email address for Meilenstein',
          lines: [
            greeting,
            de
              ? `${du ? 'du möchtest' : 'Sie möchten'} diese Adresse für ${du ? 'dein' : 'Ihr'} Meilenstein-Konto verwenden. ${du ? 'Bestätige' : 'Bestätigen Sie'} das hier: ${link}`
              : `You asked to use this address for your Meilenstein account. Confirm it here: ${link}`,
            validity(
              `The link works once and for ${hours} hours; until then your old address stays in use.`,
              `Der Link gilt ${hours} Stunden und nur einmal; bis dahin bleibt die bisherige Adresse gültig.`,
            ),
            ignore,
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
