// Delivers one event to the people it concerns: an in-app notification and an email each, in the
// person's language and the organisation's form of address, once per event and person (both are
// keyed), respecting each person's choices except for kinds with a money or legal consequence.
// An event about a programme, application or grant names its funder: the email comes from
// "<Funder> via Meilenstein", carries the funder's logo inline at the top and a footer naming it.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Database } from '../core/database/database.service';
import { AppConfig } from '../core/config/app-config.service';
import { Person } from '../identity/entities/person.entity';
import { FormOfAddress, Language, Role } from '../identity/roles';
import { FunderBrands, senderName } from './funder-brand.service';
import { emailTexts } from './email-texts';
import { afterGreeting, greeting } from './greeting';
import { emailHtml, LOGO_CID } from './html';
import { MailerService, MailMessage, parseFrom } from './mailer.service';
import { MANDATORY_KINDS, NotificationKind } from './notification.enums';
import { AppLinks, appUrl } from '../core/links/app-links';

/**
 * What a message depends on: the reader's language and the organisation's form of address. The
 * text is rendered once per language of a fan-out, so it names no single reader; the greeting is
 * added per person.
 */
export interface Reader {
  /** German text (else English). */
  de: boolean;
  /** The organisation says "du" (German; in English it chooses "Hello Ada," over "Dear Ada Lovelace,"). */
  du: boolean;
}

export interface NotificationMessage {
  subject: string;
  /** Paragraphs after the greeting. */
  lines: string[];
  /**
   * The sentence that leads the email to its link ("All details:"), after the lines. The app's
   * notification opens the link itself, so its body leaves this sentence out instead of ending in
   * a colon that points at nothing.
   */
  linkIntro?: string;
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

/** The per-person columns of a notification row (the rest are the event's). */
interface NotificationRow {
  personId: string;
  title: string;
  body: string;
  link: string;
  dedupeKey: string;
}

@Injectable()
export class Notifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Database,
    private readonly mailer: MailerService,
    private readonly config: AppConfig,
    private readonly brands: FunderBrands,
  ) {}

  /** People of an organisation with one of `roles` (accounts deleted are left out). */
  async people(organizationId: string, roles: readonly Role[]): Promise<Person[]> {
    if (!roles.length) return [];
    // Raw SQL: a fan-out job runs this for every event, and building it with the query builder
    // cost more CPU than the statement itself.
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${this.db.selectColumns(Person, 'p')}
         FROM person p
         JOIN membership m ON m.person_id = p.id
        WHERE m.organization_id = $1 AND m.role = ANY($2) AND p.anonymized_at IS NULL
        ORDER BY p.created_at ASC`,
      [organizationId, roles],
    );
    return rows.map((r) => this.db.hydrate(Person, r, 'p')!);
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
    // The organisation's form of address and the recipients' choices in one statement, the
    // funder's brand beside it on the pool.
    const [[found], brand] = await Promise.all([
      this.dataSource.query<
        {
          form_of_address: FormOfAddress;
          choices: { personId: string; email: boolean; inApp: boolean }[];
        }[]
      >(
        `SELECT o.form_of_address,
                coalesce((SELECT json_agg(json_build_object('personId', c.person_id, 'email', c.email, 'inApp', c.in_app))
                            FROM notification_preference c
                           WHERE c.person_id = ANY($2::uuid[]) AND c.kind = $3), '[]'::json) AS choices
           FROM organization o
          WHERE o.id = $1`,
        [event.organizationId, event.recipients.map((p) => p.id), event.kind],
      ),
      event.funderId ? this.brands.of(event.funderId) : null,
    ]);
    if (!found) throw new Error(`organisation ${event.organizationId} not found`);
    const organizationId = event.organizationId;
    const du = found.form_of_address === FormOfAddress.DU;
    const choiceOf = new Map(found.choices.map((c) => [c.personId, c]));
    const mandatory = MANDATORY_KINDS.includes(event.kind);
    const base = this.config.get('PUBLIC_APP_URL').replace(/\/$/, '');
    const product = parseFrom(this.config.get('MAIL_FROM')).name || 'Meilenstein';
    // Rendered once per language, then per person only the greeting; written in one statement
    // and sent in one batch.
    const rendered = new Map<boolean, NotificationMessage>();
    const notifications: NotificationRow[] = [];
    const mails: { key: string; message: MailMessage }[] = [];
    for (const person of event.recipients) {
      const de = person.language === Language.DE;
      const reader: Reader = { de, du };
      let message = rendered.get(de);
      if (!message) rendered.set(de, (message = event.render(reader)));
      const link = appUrl(base, message.path);
      const key = `${event.key}:${person.id}`;
      const choice = choiceOf.get(person.id);
      if (mandatory || choice?.inApp !== false) {
        notifications.push({
          personId: person.id,
          title: message.subject.slice(0, 300),
          // Read without a greeting: the first sentence starts with a capital letter. No
          // `linkIntro`: the app shows the notification's link its own way.
          body: message.lines.map((l, i) => (i === 0 ? afterGreeting(l, false) : l)).join('\n\n'),
          link,
          dedupeKey: key,
        });
      }
      if (mandatory || choice?.email !== false) {
        const say = emailTexts(reader);
        const settings = appUrl(base, AppLinks.notificationSettings());
        const footer = mandatory ? [] : [say('mail.settings', { link: settings })];
        const sentFor = brand ? say('mail.sentFor', { product, funder: brand.name }) : null;
        const [first, ...rest] = [
          ...message.lines,
          ...(message.linkIntro === undefined ? [] : [message.linkIntro]),
        ];
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
      // One statement for every row, the columns as arrays: the same rows the ORM's multi-row
      // insert wrote, without its per-value work.
      const inserted = await this.dataSource.query<unknown[]>(
        `INSERT INTO notification
              (person_id, organization_id, kind, subject_type, subject_id, title, body, link, dedupe_key)
         SELECT u.person_id, $2::uuid, $3::varchar, $4::varchar, $5::uuid, u.title, u.body, u.link, u.dedupe_key
           FROM unnest($1::uuid[], $6::varchar[], $7::text[], $8::varchar[], $9::varchar[])
                AS u(person_id, title, body, link, dedupe_key)
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [
          notifications.map((n) => n.personId),
          organizationId,
          event.kind,
          event.subjectType,
          event.subjectId,
          notifications.map((n) => n.title),
          notifications.map((n) => n.body),
          notifications.map((n) => n.link),
          notifications.map((n) => n.dedupeKey),
        ],
      );
      inApp = inserted.length;
    }
    const emails = (await this.mailer.sendEachOnce(mails)).filter((r) => r.sent).length;
    return { emails, inApp };
  }
}
