// Delivers one event to the people it concerns: an in-app notification and an email each, in the
// person's language and the organisation's form of address, once per event and person (both are
// keyed), respecting each person's choices except for kinds with a money or legal consequence.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../core/config/app-config.service';
import { Membership } from '../identity/entities/membership.entity';
import { Organization } from '../identity/entities/organization.entity';
import { Person } from '../identity/entities/person.entity';
import { FormOfAddress, Language, Role } from '../identity/roles';
import { emailHtml } from './html';
import { MailerService, MailMessage } from './mailer.service';
import { Notification, NotificationPreferenceRow } from './notification.entity';
import { MANDATORY_KINDS, NotificationKind } from './notification.enums';
import { AppLinks, appUrl } from '../core/links/app-links';

export interface Reader {
  person: Person;
  organization: Organization;
  /** German text for this person (else English). */
  de: boolean;
  /** The organisation says "du" (German only). */
  du: boolean;
}

export interface NotificationMessage {
  subject: string;
  /** Paragraphs after the greeting. */
  lines: string[];
  /** Path under the public app URL, e.g. `/grants/…`. */
  path: string;
}

export interface NotificationEvent {
  /** Unique per event, e.g. `review-submitted:<id>:v2`; with the person's id it keys both channels. */
  key: string;
  kind: NotificationKind;
  /** The organisation whose people are told. */
  organizationId: string;
  subjectType: string;
  subjectId: string;
  recipients: Person[];
  render: (reader: Reader) => NotificationMessage;
}

@Injectable()
export class Notifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    private readonly config: AppConfig,
  ) {}

  /** People of an organisation with one of `roles` (accounts deleted are left out). */
  async people(organizationId: string, roles: readonly Role[]): Promise<Person[]> {
    if (!roles.length) return [];
    return this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .innerJoin(
        Membership,
        'm',
        'm.person_id = p.id AND m.organization_id = :organizationId AND m.role IN (:...roles)',
        { organizationId, roles },
      )
      .where('p.anonymized_at IS NULL')
      .orderBy('p.created_at', 'ASC')
      .getMany();
  }

  /** A funder's managers — or its owners, where it has no manager. */
  async managers(funderId: string): Promise<Person[]> {
    const managers = await this.people(funderId, [Role.MANAGER]);
    return managers.length ? managers : this.people(funderId, [Role.OWNER]);
  }

  /** A grantee's team: owners and members. */
  team(granteeId: string): Promise<Person[]> {
    return this.people(granteeId, [Role.OWNER, Role.MEMBER]);
  }

  async deliver(event: NotificationEvent): Promise<{ emails: number; inApp: number }> {
    if (!event.recipients.length) return { emails: 0, inApp: 0 };
    // Independent reads, side by side on the pool rather than one after the other.
    const [organization, choices] = await Promise.all([
      this.dataSource.getRepository(Organization).findOneByOrFail({ id: event.organizationId }),
      this.dataSource.getRepository(NotificationPreferenceRow).findBy({
        personId: In(event.recipients.map((p) => p.id)),
        kind: event.kind,
      }),
    ]);
    const choiceOf = new Map(choices.map((c) => [c.personId, c]));
    const mandatory = MANDATORY_KINDS.includes(event.kind);
    const base = this.config.get('PUBLIC_APP_URL').replace(/\/$/, '');
    // Rendered for each person, then written in one statement and sent in one batch.
    const notifications: Partial<Notification>[] = [];
    const mails: { key: string; message: MailMessage }[] = [];
    for (const person of event.recipients) {
      const de = person.language === Language.DE;
      const reader: Reader = {
        person,
        organization,
        de,
        du: organization.formOfAddress === FormOfAddress.DU,
      };
      const message = event.render(reader);
      const link = appUrl(base, message.path);
      const key = `${event.key}:${person.id}`;
      const choice = choiceOf.get(person.id);
      if (mandatory || choice?.inApp !== false) {
        notifications.push({
          personId: person.id,
          organizationId: organization.id,
          kind: event.kind,
          subjectType: event.subjectType,
          subjectId: event.subjectId,
          title: message.subject.slice(0, 300),
          body: message.lines.join('\n\n'),
          link,
          dedupeKey: key,
        });
      }
      if (mandatory || choice?.email !== false) {
        const greeting = de
          ? reader.du
            ? `Hallo ${person.displayName},`
            : `Guten Tag ${person.displayName},`
          : `Hello ${person.displayName},`;
        const settings = appUrl(base, AppLinks.notificationSettings());
        const footer = mandatory
          ? []
          : [
              de
                ? `${reader.du ? 'Welche E-Mails du bekommst, stellst du' : 'Welche E-Mails Sie bekommen, stellen Sie'} in den Einstellungen ein: ${settings}`
                : `You choose which emails you get in your settings: ${settings}`,
            ];
        const lines = [greeting, ...message.lines, link, ...footer];
        mails.push({
          key,
          message: {
            to: person.email,
            subject: message.subject,
            text: lines.join('\n\n'),
            html: emailHtml(person.language, lines, mandatory ? [link] : [link, settings]),
            headers: { 'X-Meilenstein-Kind': event.kind },
          },
        });
      }
    }
    let inApp = 0;
    if (notifications.length) {
      const result = await this.dataSource
        .getRepository(Notification)
        .createQueryBuilder()
        .insert()
        .values(notifications)
        .orIgnore()
        .execute();
      inApp = (result.raw as unknown[]).length;
    }
    const emails = (await this.mailer.sendEachOnce(mails)).filter((r) => r.sent).length;
    return { emails, inApp };
  }
}
