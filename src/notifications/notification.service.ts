// A person's in-app notifications (for the organisation they act for) and their choices.
import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { MailDelivery } from './mail-delivery.entity';
import { BadUserInputError } from '../core/errors/app-error';
import { ConnectionShape, createdAtKeys, paginate } from '../core/pagination/connection';
import { NotificationsArgs, SetNotificationPreferenceInput } from './dto/notification.inputs';
import { NotificationPreference } from './dto/notification.types';
import { Notification, NotificationPreferenceRow } from './notification.entity';
import { MANDATORY_KINDS, NotificationKind } from './notification.enums';

@Injectable()
export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext, args: NotificationsArgs): Promise<ConnectionShape<Notification>> {
    const { unreadOnly, ...page } = args;
    const qb = this.db
      .repo(ctx, Notification)
      .createQueryBuilder('n')
      .where('n.person_id = :person AND n.organization_id = :org', {
        person: ctx.userId,
        org: ctx.orgId,
      });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return paginate(qb, page, createdAtKeys('n'));
  }

  unreadCount(ctx: RequestContext): Promise<number> {
    return this.db.repo(ctx, Notification).countBy({
      personId: ctx.userId,
      organizationId: ctx.orgId,
      readAt: IsNull(),
    });
  }

  /** Marks the given notifications (or all) read; answers how many changed. */
  async markRead(ctx: RequestContext, ids: string[] | undefined, all: boolean): Promise<number> {
    if (!all && !ids?.length)
      throw BadUserInputError.forField(
        'ids',
        'name the notifications to mark, or set all: true',
        'bitte Benachrichtigungen nennen oder all: true setzen',
      );
    return this.db.transaction(ctx, async (tx) => {
      const result = await this.db
        .repo(tx, Notification)
        .createQueryBuilder()
        .update()
        .set({ readAt: () => 'now()' })
        .where('person_id = :person AND organization_id = :org AND read_at IS NULL', {
          person: tx.userId,
          org: tx.orgId,
        })
        .andWhere(all ? '1=1' : { id: In(ids!) })
        .execute();
      if (result.affected)
        await this.audit.record(tx, {
          action: 'notifications.read',
          subjectType: 'Person',
          subjectId: tx.userId!,
          after: { count: result.affected, ids: all ? 'all' : ids },
        });
      return result.affected ?? 0;
    });
  }

  async preferences(ctx: RequestContext): Promise<NotificationPreference[]> {
    const rows = await this.db
      .repo(ctx, NotificationPreferenceRow)
      .findBy({ personId: ctx.userId });
    const byKind = new Map(rows.map((r) => [r.kind, r]));
    return Object.values(NotificationKind).map((kind) => {
      const mandatory = MANDATORY_KINDS.includes(kind);
      const row = byKind.get(kind);
      return {
        kind,
        mandatory,
        email: mandatory || (row?.email ?? true),
        inApp: mandatory || (row?.inApp ?? true),
      };
    });
  }

  async setPreference(
    ctx: RequestContext,
    input: SetNotificationPreferenceInput,
  ): Promise<NotificationPreference[]> {
    if (MANDATORY_KINDS.includes(input.kind) && (!input.email || !input.inApp))
      throw BadUserInputError.forField(
        'kind',
        `${input.kind} carries a money or legal consequence and cannot be turned off`,
        `${input.kind} hat finanzielle oder rechtliche Folgen und kann nicht abbestellt werden`,
      );
    await this.db.transaction(ctx, async (tx) => {
      const before = await this.db
        .repo(tx, NotificationPreferenceRow)
        .findOneBy({ personId: tx.userId, kind: input.kind });
      await this.db
        .repo(tx, NotificationPreferenceRow)
        .upsert(
          { personId: tx.userId!, kind: input.kind, email: input.email, inApp: input.inApp },
          ['personId', 'kind'],
        );
      await this.audit.record(tx, {
        action: 'notification-preference.set',
        subjectType: 'Person',
        subjectId: tx.userId!,
        organizationId: null,
        before: before ?? null,
        after: input,
      });
    });
    return this.preferences(ctx);
  }

  /**
   * A person erased their account: the delivery log keeps that an email went out (its idempotency
   * key still stops a second one) but no longer to which address.
   */
  async forgetRecipient(ctx: RequestContext, email: string, pseudonym: string): Promise<void> {
    await this.db.repo(ctx, MailDelivery).update({ recipient: email }, { recipient: pseudonym });
  }
}
