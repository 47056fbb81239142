// Members and their roles. Owners and managers manage members; only owners touch owners; the last
// owner can neither leave nor be demoted (checked under a lock, so two requests cannot race past it).
import { Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  LocalizedText,
  NotFoundError,
} from '../core/errors/app-error';
import { ConnectionShape, PageArgs, paginate, createdAtKeys } from '../core/pagination/connection';
import { AccessCache } from './access/access-cache.service';
import { ApiKey } from './entities/api-key.entity';
import { Membership } from './entities/membership.entity';
import { IsNull } from 'typeorm';
import { OrganizationKind, Role, ROLES_BY_KIND } from './roles';
import { IdentityReason, identityErrors } from './identity.errors';
import { Leaver, OffboardingSteps } from './offboarding';

@Injectable()
export class MembershipService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly offboardingSteps: OffboardingSteps,
    private readonly access: AccessCache,
  ) {}

  list(ctx: RequestContext, page: PageArgs): Promise<ConnectionShape<Membership>> {
    const qb = this.db
      .repo(ctx, Membership)
      .createQueryBuilder('m')
      .where('m.organization_id = :org', { org: ctx.orgId });
    return paginate(qb, page, createdAtKeys('m'), 'ASC');
  }

  async changeRole(ctx: RequestContext, membershipId: string, role: Role): Promise<Membership> {
    assertRoleFits(ctx, role);
    return this.db.transaction(ctx, async (tx) => {
      const membership = await this.lockMembership(tx, membershipId);
      this.assertMayManage(tx, membership.role, role);
      if (membership.role === role) return membership;
      if (membership.role === Role.OWNER) await this.assertAnotherOwner(tx, membership);
      const before = { ...membership };
      membership.role = role;
      await this.db.repo(tx, Membership).update({ id: membership.id }, { role });
      this.access.forget({ personId: membership.personId });
      // API keys, owner invitations and webhooks are owners' tools; they stop with the role.
      if (before.role === Role.OWNER) await this.offboard(tx, membership, 'demoted');
      await this.audit.record(tx, {
        action: 'membership.role-changed',
        subjectType: 'Membership',
        subjectId: membership.id,
        before,
        after: membership,
      });
      return membership;
    });
  }

  async remove(ctx: RequestContext, membershipId: string): Promise<Membership> {
    return this.db.transaction(ctx, async (tx) => {
      const membership = await this.lockMembership(tx, membershipId);
      this.assertMayManage(tx, membership.role);
      if (membership.role === Role.OWNER) await this.assertAnotherOwner(tx, membership);
      await this.db.repo(tx, Membership).delete({ id: membership.id });
      this.access.forget({ personId: membership.personId });
      await this.offboard(tx, membership, 'removed');
      await this.audit.record(tx, {
        action: 'membership.removed',
        subjectType: 'Membership',
        subjectId: membership.id,
        before: membership,
      });
      return membership;
    });
  }

  private async lockMembership(ctx: RequestContext, id: string): Promise<Membership> {
    // Membership changes of one organisation queue on its row: no deadlocks between owners.
    await this.db
      .manager(ctx)
      .query('SELECT 1 FROM organization WHERE id = $1 FOR UPDATE', [ctx.orgId]);
    const membership = await this.db
      .repo(ctx, Membership)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id AND m.organization_id = :org', { id, org: ctx.orgId })
      .getOne();
    if (!membership) throw new NotFoundError('Membership', id);
    return membership;
  }

  /**
   * Closes what `membership`'s person opened in its organisation: API keys here, and the registered
   * offboarding steps: invitations not yet accepted are revoked, webhook endpoints disabled and the
   * owners told. Runs in the caller's transaction, audited per object.
   */
  async offboard(
    tx: RequestContext,
    membership: Membership,
    cause: Leaver['cause'],
  ): Promise<void> {
    await this.revokeKeysOf(tx, membership);
    await this.offboardingSteps.run(tx, {
      organizationId: membership.organizationId,
      personId: membership.personId,
      cause,
    });
  }

  private async revokeKeysOf(ctx: RequestContext, membership: Membership): Promise<void> {
    const keys = await this.db.repo(ctx, ApiKey).find({
      where: {
        organizationId: membership.organizationId,
        createdById: membership.personId,
        revokedAt: IsNull(),
      },
    });
    const now = new Date();
    for (const key of keys) {
      await this.db.repo(ctx, ApiKey).update({ id: key.id }, { revokedAt: now });
      await this.audit.record(ctx, {
        action: 'api-key.revoked',
        subjectType: 'ApiKey',
        subjectId: key.id,
        before: { revokedAt: null },
        after: { revokedAt: now, reason: 'creator left or lost the owner role' },
      });
    }
  }

  private assertMayManage(ctx: RequestContext, currentRole: Role, newRole?: Role): void {
    if (!ctx.hasRole(Role.OWNER) && (currentRole === Role.OWNER || newRole === Role.OWNER)) {
      throw new ForbiddenError({
        en: 'Only owners can change owners.',
        de: 'Nur Inhaber:innen können Inhaber:innen ändern.',
      });
    }
  }

  /**
   * Refuses to let `membership` stop being an owner when it is the organisation's last one. Locks
   * the organisation, then its owner rows, so concurrent changes queue here and re-count.
   */
  async assertAnotherOwner(
    ctx: RequestContext,
    membership: Membership,
    text: LocalizedText = identityErrors.text(IdentityReason.LAST_OWNER),
  ): Promise<void> {
    await this.db
      .manager(ctx)
      .query('SELECT 1 FROM organization WHERE id = $1 FOR UPDATE', [membership.organizationId]);
    const owners = await this.db
      .repo(ctx, Membership)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.organization_id = :org AND m.role = :role', {
        org: membership.organizationId,
        role: Role.OWNER,
      })
      .getMany();
    if (!owners.some((o) => o.id !== membership.id)) {
      throw new ConflictError(text, {
        reason: IdentityReason.LAST_OWNER,
        organizationId: membership.organizationId,
      });
    }
  }
}

export function assertRoleFits(ctx: RequestContext, role: Role): void {
  const kind = ctx.organizationKind as OrganizationKind;
  const allowed = ROLES_BY_KIND[kind] ?? [];
  if (!allowed.includes(role)) {
    throw BadUserInputError.forField(
      'role',
      `${role} does not exist in a ${kind.toLowerCase()} organisation; use one of ${allowed.join(', ')}`,
      `${role} gibt es in einer Organisation der Art ${kind} nicht; möglich: ${allowed.join(', ')}`,
    );
  }
}
