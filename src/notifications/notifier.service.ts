// Delivers one event to the people it concerns: an in-app notification and an email each, in the
// person's language and the organisation's form of address, once per event and person (both are
// keyed), respecting each person's choices except for kinds with a money or legal consequence.
// An event about a programme, application or grant names its funder: the email comes from
// "<Funder> via Meilenstein", carries the funder's logo inline at the top and a footer naming it.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../core/config/app-config.service';
import { Membership } from '../identity/entities/membership.entity';
import { Organization } from '../identity/entities/organization.entity';
import { Person } from '../identity/entities/person.entity';
import { FormOfAddress, Language, Role } from '../identity/roles';
import { FunderBrand, FunderBrands, senderName } from './funder-brand.service';
import { afterGreeting, greeting } from './greeting';
import { emailHtml, LOGO_CID } from './html';
import { MailerService, MailMessage, parseFrom } from './mailer.service';
import { Notification, NotificationPreferenceRow } from './notification.entity';
import { MANDATORY_KINDS, NotificationKind } from './notification.enums';
import { AppLinks, appUrl } from '../core/links/app-links';

export interface Reader {
  person: Person;
  organization: Organization;
  /** German text for this person (else English). */
  de: boolean;
  /** The organisation says "du" (German; in English it chooses "Hello Ada," over "Dear Ada Lovelace,"). */
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
  /** The funder the event is about (programme, application, grant): its name and logo brand the email. */
  funderId?: string;
  render: (reader: Reader) => NotificationMessage;
}

@Injectable()
export class Notifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    private readonly config: AppConfig,
    private readonly brands: FunderBrands,
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
    const brand: FunderBrand | null = event.funderId ? await this.brands.of(event.funderId) : null;
    const product = parseFrom(this.config.get('MAIL_FROM')).name || 'Meilenstein';
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
          // Read without a greeting: the first sentence starts with a capital letter.
          body: message.lines.map((l, i) => (i === 0 ? afterGreeting(l, false) : l)).join('\n\n'),
          link,
          dedupeKey: key,
        });
      }
      if (mandatory || choice?.email !== false) {
        const settings = appUrl(base, AppLinks.notificationSettings());
        const footer = mandatory
          ? []
          : [
              de
                ? `${reader.du ? 'Welche E-Mails du bekommst, stellst du' : 'Welche E-Mails Sie bekommen, stellen Sie'} in den Einstellungen ein: ${settings}`
                : `You choose which emails you get in your settings: ${settings}`,
            ];
        const sentFor = brand
          ? de
            ? `Gesendet von ${product} im Auftrag von ${brand.name}.`
            : `Sent by ${product} on behalf of ${brand.name}.`
          : null;
        const [first, ...rest] = message.lines;
        const lines = [
          greeting(person.displayName, de, reader.du),
          ...(first === undefined ? [] : [afterGreeting(first, de)]),
          ...rest,
          link,
          ...footer,
        ];
        mails.push({
          key,
          message: {
            to: person.email,
            subject: message.subject,
            text: [...lines, ...(sentFor ? [sentFor] : [])].join('\n\n'),
            html: emailHtml(
              person.language,
              lines,
              mandatory ? [link] : [link, settings],
              brand && sentFor
                ? { name: brand.name, logo: !!brand.logo, footer: sentFor }
                : undefined,
            ),
            ...(brand ? { senderName: senderName(brand.name, product, de) } : {}),
            ...(brand?.logo
              ? {
                  inline: [
                    {
                      cid: LOGO_CID,
                      fileName: brand.logo.fileName,
                      contentType: brand.logo.contentType,
                      content: brand.logo.content,
                    },
                  ],
                }
              : {}),
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
