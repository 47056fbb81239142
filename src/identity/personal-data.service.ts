// GDPR: everything stored about a person, and deleting an account by anonymising it while funding
// records and the audit trail stay intact and point at the anonymised person.
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditEvent } from '../core/audit/audit-event.entity';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { UnauthenticatedError } from '../core/errors/app-error';
import { AccessCache } from './access/access-cache.service';
import { PasswordService } from './access/password.service';
import { MembershipService } from './membership.service';
import { ApiKey } from './entities/api-key.entity';
import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { Person } from './entities/person.entity';
import { AccountToken } from './entities/account-token.entity';
import { Session } from './entities/session.entity';
import { Role } from './roles';
import { NotificationService } from '../notifications/notification.service';
import { IdentityReason, identityErrors } from './identity.errors';
import { ErasureSteps } from './erasure';

@Injectable()
export class PersonalDataService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly memberships: MembershipService,
    private readonly notifications: NotificationService,
    private readonly erasure: ErasureSteps,
    private readonly access: AccessCache,
  ) {}

  async export(ctx: RequestContext): Promise<Record<string, unknown>> {
    const personId = ctx.userId!;
    const [
      person,
      memberships,
      sessions,
      apiKeys,
      invitationsSent,
      invitationsReceived,
      auditEvents,
    ] = await Promise.all([
      this.db.repo(ctx, Person).findOneByOrFail({ id: personId }),
      this.db
        .repo(ctx, Membership)
        .find({ where: { personId }, relations: { organization: true } }),
      this.db.repo(ctx, Session).find({ where: { personId }, order: { createdAt: 'DESC' } }),
      this.db.repo(ctx, ApiKey).find({ where: { createdById: personId } }),
      this.db.repo(ctx, Invitation).find({ where: { invitedById: personId } }),
      this.db
        .repo(ctx, Person)
        .findOneByOrFail({ id: personId })
        .then((p) => this.db.repo(ctx, Invitation).find({ where: { email: p.email } })),
      this.db
        .repo(ctx, AuditEvent)
        .find({ where: { actorUserId: personId }, order: { createdAt: 'ASC' }, take: 50_000 }),
    ]);
    const strip = <T extends object>(rows: T[], ...keys: string[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));
    return {
      exportedAt: new Date().toISOString(),
      person,
      memberships: memberships.map((m) => ({
        id: m.id,
        role: m.role,
        createdAt: m.createdAt,
        organization: {
          id: m.organizationId,
          name: m.organization?.name,
          kind: m.organization?.kind,
        },
      })),
      sessions: sessions.map((s) => ({
        id: s.id,
        createdAt: s.createdAt,
        expiresAt: s.expiresAt,
        revokedAt: s.revokedAt,
        ip: s.ip,
        userAgent: s.userAgent,
      })),
      apiKeysCreated: strip(apiKeys, 'secretHash'),
      invitationsSent: strip(invitationsSent, 'tokenHash'),
      invitationsReceived: strip(invitationsReceived, 'tokenHash'),
      actionsTaken: auditEvents,
    };
  }

  async deleteAccount(ctx: RequestContext, password: string): Promise<boolean> {
    const personId = ctx.userId!;
    const withHash = await this.db
      .repo(ctx, Person)
      .createQueryBuilder('p')
      .addSelect('p.passwordHash')
      .where('p.id = :id', { id: personId })
      .getOneOrFail();
    if (!(await this.passwords.verify(withHash.passwordHash, password))) {
      throw new UnauthenticatedError(
        identityErrors.text(IdentityReason.INVALID_CREDENTIALS, 'deleteAccount'),
        { reason: IdentityReason.INVALID_CREDENTIALS },
      );
    }
    return this.db.transaction(ctx, async (tx) => {
      const memberships = await this.db.repo(tx, Membership).find({ where: { personId } });
      for (const m of memberships.filter((x) => x.role === Role.OWNER)) {
        await this.memberships.assertAnotherOwner(tx, m, {
          en: 'You are the last owner of an organisation. Make someone else owner first.',
          de: 'Du bist die letzte Person mit Inhaberrolle in einer Organisation. Ernenne zuerst jemand anderen.',
        });
      }
      const before = { ...withHash, passwordHash: undefined };
      const now = new Date();
      const pseudonym = `deleted-${personId}@anonymized.invalid`;
      // Where other modules name them as a contact (an application's contact person).
      await this.erasure.run(tx, {
        personId,
        email: withHash.email,
        displayName: withHash.displayName,
        organizationIds: memberships.map((m) => m.organizationId),
      });
      // Invitations to their address (any organisation's) and the email log no longer name it.
      await this.db.repo(tx, Invitation).update({ email: withHash.email }, { email: pseudonym });
      await this.notifications.forgetRecipient(tx, withHash.email, pseudonym);
      // Where and with what they signed in is personal data too.
      await this.db.repo(tx, Session).update({ personId }, { ip: null, userAgent: null });
      await this.db.repo(tx, Person).update(
        { id: personId },
        {
          email: pseudonym,
          emailVerifiedAt: null,
          displayName: 'Deleted person / Gelöschte Person',
          passwordHash: null,
          platformAdmin: false,
          anonymizedAt: now,
        },
      );
      this.access.forget({ personId });
      await this.db
        .repo(tx, Session)
        .update(
          { personId, revokedAt: IsNull() },
          { revokedAt: now, revokedReason: 'ACCOUNT_DELETED' },
        );
      await this.db
        .repo(tx, ApiKey)
        .update({ createdById: personId, revokedAt: IsNull() }, { revokedAt: now });
      // Their invitations die and their webhook endpoints stop (the other owners are told).
      for (const m of memberships) await this.memberships.offboard(tx, m, 'account-deleted');
      // Email links carry addresses; none of them may work after deletion.
      await this.db.repo(tx, AccountToken).delete({ personId });
      for (const m of memberships) {
        await this.db.repo(tx, Membership).delete({ id: m.id });
        await this.audit.record(tx, {
          action: 'membership.removed',
          subjectType: 'Membership',
          subjectId: m.id,
          organizationId: m.organizationId,
          before: m,
        });
      }
      await this.audit.record(tx, {
        action: 'person.anonymized',
        subjectType: 'Person',
        subjectId: personId,
        organizationId: null,
        before: { id: before.id, anonymizedAt: null },
        after: { id: personId, anonymizedAt: now },
      });
      return true;
    });
  }
}
