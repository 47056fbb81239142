// Invitations: single-use tokens that expire. The token is derived from the invitation id with the
// server secret, so the worker can put it in the email while the database only holds its hash.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { isUniqueViolation } from '../core/database/pg-errors';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../core/errors/app-error';
import { ConnectionShape, PageArgs, paginate, createdAtKeys } from '../core/pagination/connection';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';
import { AccessCache } from './access/access-cache.service';
import { PasswordService } from './access/password.service';
import { derivedToken, sha256 } from './access/tokens';
import { AcceptInvitationInput, InviteMemberInput } from './dto/identity.inputs';
import { AuthPayload, InvitationPreview, InvitationStatus } from './dto/identity.types';
import { AccountService } from './account.service';
import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { Person } from './entities/person.entity';
import { assertRoleFits } from './membership.service';
import { OffboardingSteps } from './offboarding';
import { Role } from './roles';
import { normalizeEmail, publicPerson, SessionService } from './session.service';
import { IdentityReason, identityErrors } from './identity.errors';

/** Invitations as audit snapshots: without the token hash. */
function withoutToken(invitation: Invitation): Omit<Invitation, 'tokenHash'> {
  const { tokenHash: _hash, ...rest } = invitation;
  return rest;
}

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return InvitationStatus.ACCEPTED;
  if (invitation.revokedAt) return InvitationStatus.REVOKED;
  if (invitation.expiresAt <= now) return InvitationStatus.EXPIRED;
  return InvitationStatus.PENDING;
}

@Injectable()
export class InvitationService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
    private readonly offboarding: OffboardingSteps,
    private readonly access: AccessCache,
  ) {}

  onModuleInit(): void {
    this.offboarding.register(async (tx, leaver) => {
      await this.revokeIssuedBy(tx, leaver.organizationId, leaver.personId);
    });
  }

  /** The link token of an invitation; each resend bumps the version, so older links die. */
  tokenFor(invitationId: string, version = 1): string {
    const secret = this.config.get('AUTH_TOKEN_SECRET');
    return version === 1
      ? derivedToken(secret, 'invitation', invitationId)
      : derivedToken(secret, 'invitation', invitationId, `v${version}`);
  }

  async invite(ctx: RequestContext, input: InviteMemberInput): Promise<Invitation> {
    try {
      return await this.createInvitation(ctx, input);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_invitation_pending')) {
        throw new ConflictError(identityErrors.text(IdentityReason.INVITATION_PENDING), {
          reason: IdentityReason.INVITATION_PENDING,
          field: 'email',
        });
      }
      throw error;
    }
  }

  private async createInvitation(
    ctx: RequestContext,
    input: InviteMemberInput,
  ): Promise<Invitation> {
    assertRoleFits(ctx, input.role);
    if (input.role === Role.OWNER && !ctx.hasRole(Role.OWNER)) {
      throw new ForbiddenError({
        en: 'Only owners can invite owners.',
        de: 'Nur Inhaber:innen können Inhaber:innen einladen.',
      });
    }
    const email = normalizeEmail(input.email);
    return this.db.transaction(ctx, async (tx) => {
      const existingMember = await this.db
        .repo(tx, Membership)
        .createQueryBuilder('m')
        .innerJoin('m.person', 'p')
        .where('m.organization_id = :org AND p.email = :email', { org: tx.orgId, email })
        .getExists();
      if (existingMember) {
        throw new ConflictError(identityErrors.text(IdentityReason.ALREADY_MEMBER, email), {
          reason: IdentityReason.ALREADY_MEMBER,
          field: 'email',
        });
      }
      // A new invitation replaces any pending one for the same address.
      const pending = await this.db.repo(tx, Invitation).find({
        where: { organizationId: tx.orgId, email, acceptedAt: IsNull(), revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      for (const old of pending) await this.markRevoked(tx, old, 'invitation.replaced');

      return this.insertInvitation(tx, tx.orgId, email, input.role);
    });
  }

  /**
   * The first owner of an organisation a platform operator created (`platform-admin
   * create-funder`): an OWNER invitation sent by the system.
   */
  async inviteFirstOwner(
    ctx: RequestContext,
    organizationId: string,
    rawEmail: string,
  ): Promise<Invitation> {
    return this.db.transaction(ctx, (tx) =>
      this.insertInvitation(tx, organizationId, normalizeEmail(rawEmail), Role.OWNER),
    );
  }

  private async insertInvitation(
    tx: RequestContext,
    organizationId: string,
    email: string,
    role: Role,
  ): Promise<Invitation> {
    const id = randomUUID();
    const invitation = await this.db.repo(tx, Invitation).save({
      id,
      organizationId,
      email,
      role,
      tokenHash: sha256(this.tokenFor(id)),
      tokenVersion: 1,
      invitedById: tx.userId ?? null,
      expiresAt: this.newExpiry(),
      acceptedAt: null,
      acceptedById: null,
      revokedAt: null,
    });
    await this.audit.record(tx, {
      action: 'invitation.created',
      subjectType: 'Invitation',
      subjectId: id,
      organizationId,
      after: withoutToken(invitation),
    });
    await this.outbox.emit(
      tx,
      JobName.SendInvitationEmail,
      { invitationId: id, tokenVersion: 1 },
      { organizationId },
    );
    return invitation;
  }

  private newExpiry(): Date {
    return new Date(Date.now() + this.config.get('INVITATION_TTL_DAYS') * 86_400_000);
  }

  /**
   * Sends a pending or expired invitation again with a new link and a new expiry; the old link
   * stops working. Accepted and revoked invitations answer CONFLICT.
   */
  async resend(ctx: RequestContext, id: string): Promise<Invitation> {
    return this.db.transaction(ctx, async (tx) => {
      const invitation = await this.db
        .repo(tx, Invitation)
        .findOne({ where: { id, organizationId: tx.orgId }, lock: { mode: 'pessimistic_write' } });
      if (!invitation) throw new NotFoundError('Invitation', id);
      const status = invitationStatus(invitation);
      if (status === InvitationStatus.ACCEPTED || status === InvitationStatus.REVOKED) {
        throw new ConflictError(
          identityErrors.text(IdentityReason.INVITATION_NOT_PENDING, status, 'resend'),
          { reason: IdentityReason.INVITATION_NOT_PENDING, status },
        );
      }
      if (invitation.role === Role.OWNER && !tx.hasRole(Role.OWNER)) {
        throw new ForbiddenError({
          en: 'Only owners can invite owners.',
          de: 'Nur Inhaber:innen können Inhaber:innen einladen.',
        });
      }
      const before = withoutToken(invitation);
      const tokenVersion = invitation.tokenVersion + 1;
      const expiresAt = this.newExpiry();
      await this.db.repo(tx, Invitation).update(
        { id },
        {
          tokenVersion,
          expiresAt,
          tokenHash: sha256(this.tokenFor(id, tokenVersion)),
        },
      );
      const after = { ...invitation, tokenVersion, expiresAt };
      await this.audit.record(tx, {
        action: 'invitation.resent',
        subjectType: 'Invitation',
        subjectId: id,
        before,
        after: withoutToken(after),
      });
      await this.outbox.emit(tx, JobName.SendInvitationEmail, { invitationId: id, tokenVersion });
      return after;
    });
  }

  /** What the accept page shows; unknown, used, withdrawn and expired links answer NOT_FOUND. */
  async preview(ctx: RequestContext, token: string): Promise<InvitationPreview> {
    const invitation = await this.db.repo(ctx, Invitation).findOneBy({ tokenHash: sha256(token) });
    if (!invitation || invitationStatus(invitation) !== InvitationStatus.PENDING)
      throw new NotFoundError('Invitation');
    const org = await this.db
      .repo(ctx, Organization)
      .findOneByOrFail({ id: invitation.organizationId });
    const inviter = invitation.invitedById
      ? await this.db.repo(ctx, Person).findOneBy({ id: invitation.invitedById })
      : null;
    return {
      organizationName: org.name,
      organizationKind: org.kind,
      role: invitation.role,
      email: invitation.email,
      accountExists: await this.db.repo(ctx, Person).exists({ where: { email: invitation.email } }),
      expiresAt: invitation.expiresAt,
      invitedByName: inviter && !inviter.anonymizedAt ? inviter.displayName : null,
    };
  }

  list(
    ctx: RequestContext,
    page: PageArgs,
    status?: InvitationStatus,
  ): Promise<ConnectionShape<Invitation>> {
    const qb = this.db
      .repo(ctx, Invitation)
      .createQueryBuilder('i')
      .where('i.organization_id = :org', { org: ctx.orgId });
    if (status === InvitationStatus.PENDING)
      qb.andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()');
    if (status === InvitationStatus.ACCEPTED) qb.andWhere('i.accepted_at IS NOT NULL');
    if (status === InvitationStatus.REVOKED) qb.andWhere('i.revoked_at IS NOT NULL');
    if (status === InvitationStatus.EXPIRED)
      qb.andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= now()');
    return paginate(qb, page, createdAtKeys('i'));
  }

  async revoke(ctx: RequestContext, id: string): Promise<Invitation> {
    return this.db.transaction(ctx, async (tx) => {
      const invitation = await this.db
        .repo(tx, Invitation)
        .findOne({ where: { id, organizationId: tx.orgId }, lock: { mode: 'pessimistic_write' } });
      if (!invitation) throw new NotFoundError('Invitation', id);
      const status = invitationStatus(invitation);
      if (status !== InvitationStatus.PENDING) {
        throw new ConflictError(
          identityErrors.text(IdentityReason.INVITATION_NOT_PENDING, status, 'revoke'),
          { reason: IdentityReason.INVITATION_NOT_PENDING, status },
        );
      }
      return this.markRevoked(tx, invitation, 'invitation.revoked');
    });
  }

  /**
   * Accepts by token: creates the membership, and the person too when the address has no account,
   * and signs the person in acting for the inviting organisation. A person with an account proves
   * it is them by being signed in as the invited address or by giving their password. The link
   * came by email, so accepting also verifies the address.
   */
  async accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<AuthPayload> {
    const existing = await this.db
      .repo(ctx, Person)
      .createQueryBuilder('p')
      .innerJoin(Invitation, 'i', 'i.email = p.email')
      .where('i.token_hash = :hash', { hash: sha256(input.token) })
      .getOne();
    let passwordHash: string | undefined;
    let provedByPassword = false;
    if (!existing && input.password) passwordHash = await this.passwords.hash(input.password);
    if (existing && ctx.userId !== existing.id && input.password)
      provedByPassword = await this.sessions.checkPassword(ctx, existing.id, input.password);
    try {
      return await this.db.transaction(ctx, async (tx) => {
        const invitation = await this.db.repo(tx, Invitation).findOne({
          where: { tokenHash: sha256(input.token) },
          lock: { mode: 'pessimistic_write' },
        });
        if (!invitation) throw new NotFoundError('Invitation');
        const status = invitationStatus(invitation);
        if (status !== InvitationStatus.PENDING) {
          const reason = `INVITATION_${status}` as
            | IdentityReason.INVITATION_ACCEPTED
            | IdentityReason.INVITATION_EXPIRED
            | IdentityReason.INVITATION_REVOKED;
          throw new ConflictError(identityErrors.text(reason), { reason, status });
        }
        let person = await this.db.repo(tx, Person).findOneBy({ email: invitation.email });
        if (
          person &&
          tx.userId !== person.id &&
          !(provedByPassword && person.id === existing?.id)
        ) {
          throw new UnauthenticatedError(
            identityErrors.text(IdentityReason.SIGN_IN_AS_INVITEE, invitation.email),
            { reason: IdentityReason.SIGN_IN_AS_INVITEE },
          );
        }
        if (!person) {
          const missing = [
            ...(input.displayName
              ? []
              : [{ field: 'displayName', message: 'is needed to create your account' }]),
            ...(passwordHash
              ? []
              : [{ field: 'password', message: 'is needed to create your account' }]),
          ];
          if (missing.length) throw BadUserInputError.forFields(missing);
          const org = await this.db
            .repo(tx, Organization)
            .findOneByOrFail({ id: invitation.organizationId });
          person = await this.db.repo(tx, Person).save(
            this.db.repo(tx, Person).create({
              email: invitation.email,
              displayName: input.displayName!.trim(),
              language: input.language ?? org.language,
              passwordHash: passwordHash!,
              emailVerifiedAt: null,
            }),
          );
          await this.audit.record(tx.withActor({ kind: 'user', userId: person.id, roles: [] }), {
            action: 'person.signed-up',
            subjectType: 'Person',
            subjectId: person.id,
            organizationId: null,
            after: publicPerson(person),
          });
        }
        const actingTx = tx.withActor({
          kind: 'user',
          userId: person.id,
          organizationId: invitation.organizationId,
          roles: [],
        });
        const membership = await this.db.repo(tx, Membership).save({
          personId: person.id,
          organizationId: invitation.organizationId,
          role: invitation.role,
        });
        this.access.forget({ personId: person.id });
        await this.db
          .repo(tx, Invitation)
          .update({ id: invitation.id }, { acceptedAt: new Date(), acceptedById: person.id });
        await this.audit.record(actingTx, {
          action: 'invitation.accepted',
          subjectType: 'Invitation',
          subjectId: invitation.id,
          before: { status },
          after: { status: InvitationStatus.ACCEPTED, personId: person.id },
        });
        await this.audit.record(actingTx, {
          action: 'membership.created',
          subjectType: 'Membership',
          subjectId: membership.id,
          after: membership,
        });
        await this.accounts.markVerified(actingTx, person);
        const organization = await this.db
          .repo(tx, Organization)
          .findOneByOrFail({ id: invitation.organizationId });
        return this.sessions.startSession(actingTx, person, organization);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'ix_membership_person_id_organization_id')) {
        throw new ConflictError(identityErrors.text(IdentityReason.ALREADY_MEMBER), {
          reason: IdentityReason.ALREADY_MEMBER,
        });
      }
      if (isUniqueViolation(error, 'uq_person_email')) {
        throw new ConflictError(
          identityErrors.text(IdentityReason.EMAIL_TAKEN, 'acceptInvitation'),
          { reason: IdentityReason.EMAIL_TAKEN },
        );
      }
      throw error;
    }
  }

  /**
   * Revokes the invitations `personId` issued in an organisation that are not accepted yet (expired
   * ones too: they could be sent again), when that person leaves or stops being an owner.
   */
  async revokeIssuedBy(
    tx: RequestContext,
    organizationId: string,
    personId: string,
  ): Promise<number> {
    const open = await this.db.repo(tx, Invitation).find({
      where: { organizationId, invitedById: personId, acceptedAt: IsNull(), revokedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    for (const invitation of open)
      await this.markRevoked(
        tx,
        invitation,
        'invitation.revoked',
        'the inviter left or lost the owner role',
      );
    return open.length;
  }

  private async markRevoked(
    ctx: RequestContext,
    invitation: Invitation,
    action: string,
    reason?: string,
  ): Promise<Invitation> {
    const before = { ...invitation };
    invitation.revokedAt = new Date();
    await this.db
      .repo(ctx, Invitation)
      .update({ id: invitation.id }, { revokedAt: invitation.revokedAt });
    await this.audit.record(ctx, {
      action,
      subjectType: 'Invitation',
      subjectId: invitation.id,
      before: withoutToken(before),
      after: { ...withoutToken(invitation), ...(reason ? { reason } : {}) },
    });
    return invitation;
  }
}
