// Sign-up, sign-in, refresh-token rotation with reuse detection, and sign-out.
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../core/audit/audit.service';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { isUniqueViolation } from '../core/database/pg-errors';
import {
  AppError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
} from '../core/errors/app-error';
import { AccessCache } from './access/access-cache.service';
import { AccessTokenClaims } from './access/authenticator.service';
import { PasswordService } from './access/password.service';
import { randomToken, sha256 } from './access/tokens';
import { AccountEmailKind, AccountTokenService } from './account-token.service';
import { AuthPayload, SignUpResult } from './dto/identity.types';
import { AccountTokenPurpose } from './entities/account-token.entity';
import { LogInInput, SignUpInput } from './dto/identity.inputs';
import { LoginFailure } from './entities/login-failure.entity';
import { Membership } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { Person } from './entities/person.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { OrganizationService } from './organization.service';
import { OrganizationKind, Role } from './roles';
import { IdentityReason, identityErrors } from './identity.errors';

const INVALID_CREDENTIALS = new UnauthenticatedError(
  identityErrors.text(IdentityReason.INVALID_CREDENTIALS, 'signIn'),
  { reason: IdentityReason.INVALID_CREDENTIALS },
);

const sessionEnded = (reason: IdentityReason) =>
  new UnauthenticatedError(identityErrors.text(IdentityReason.SESSION_ENDED, 'this'), { reason });

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly organizations: OrganizationService,
    private readonly tokens: AccountTokenService,
    private readonly access: AccessCache,
  ) {}

  /**
   * Creates person, first organisation and membership, and emails a verification link. An address
   * that already has an account gets the same answer — nothing is created and its owner is told by
   * email — so sign-up cannot be used to find out who has an account. The password is hashed in
   * both cases, so the answer takes about as long.
   */
  async signUp(
    ctx: RequestContext,
    input: SignUpInput,
    options: { skipFunderPolicy?: boolean } = {},
  ): Promise<SignUpResult> {
    if (
      input.organization.kind === OrganizationKind.FUNDER &&
      this.config.get('SIGNUP_FUNDERS') === 'invite' &&
      !options.skipFunderPolicy
    ) {
      throw new ForbiddenError(identityErrors.text(IdentityReason.FUNDER_SIGNUP_BY_INVITATION), {
        reason: IdentityReason.FUNDER_SIGNUP_BY_INVITATION,
        field: 'organization.kind',
      });
    }
    const email = normalizeEmail(input.email);
    const passwordHash = await this.passwords.hash(input.password);
    const result: SignUpResult = {
      email,
      verificationLinkValidHours: this.config.get('EMAIL_VERIFICATION_TTL_HOURS'),
    };
    try {
      await this.db.transaction(ctx, async (tx) => {
        const existing = await this.db.repo(tx, Person).findOneBy({ email });
        if (existing) {
          await this.audit.record(tx, {
            action: 'person.sign-up-attempted',
            subjectType: 'Person',
            subjectId: existing.id,
            organizationId: null,
            after: { ip: tx.ip ?? null },
          });
          await this.tokens.notice(tx, AccountEmailKind.SIGNUP_ATTEMPT, existing.id);
          return;
        }
        const person = await this.db.repo(tx, Person).save(
          this.db.repo(tx, Person).create({
            email,
            displayName: input.displayName.trim(),
            language: input.language ?? input.organization.language,
            passwordHash,
            emailVerifiedAt: null,
          }),
        );
        const actingTx = tx.withActor({ kind: 'user', userId: person.id, roles: [] });
        await this.audit.record(actingTx, {
          action: 'person.signed-up',
          subjectType: 'Person',
          subjectId: person.id,
          organizationId: null,
          after: publicPerson(person),
        });
        const organization = await this.organizations.create(actingTx, input.organization);
        const membership = await this.db
          .repo(tx, Membership)
          .save({ personId: person.id, organizationId: organization.id, role: Role.OWNER });
        await this.audit.record(actingTx, {
          action: 'membership.created',
          subjectType: 'Membership',
          subjectId: membership.id,
          organizationId: organization.id,
          after: membership,
        });
        await this.tokens.issue(actingTx, person.id, AccountTokenPurpose.VERIFY_EMAIL, email);
      });
    } catch (error) {
      // A simultaneous sign-up with the same address won; this one answers like any other.
      if (!isUniqueViolation(error, 'uq_person_email')) throw error;
    }
    return result;
  }

  async logIn(ctx: RequestContext, input: LogInInput): Promise<AuthPayload> {
    const email = normalizeEmail(input.email);
    const emailHash = sha256(email);
    const outcome = await this.db.transaction<{ error: AppError } | { payload: AuthPayload }>(
      ctx,
      async (tx) => {
        // Attempts for one email queue here, so parallel guesses cannot all slip under the limit.
        await this.db
          .manager(tx)
          .query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`login:${emailHash}`]);
        await this.assertNotThrottled(tx, emailHash);
        const person = await this.db
          .repo(tx, Person)
          .createQueryBuilder('p')
          .addSelect('p.passwordHash')
          .where('p.email = :email AND p.anonymized_at IS NULL', { email })
          .getOne();
        const ok = await this.passwords.verify(person?.passwordHash, input.password);
        if (!person || !ok) {
          await this.db.repo(tx, LoginFailure).insert({ emailHash, ip: tx.ip ?? null });
          await this.audit.record(tx, {
            action: 'person.login-failed',
            subjectType: 'Person',
            subjectId: person?.id ?? emailHash.slice(0, 32),
            organizationId: null,
            after: { ip: tx.ip ?? null },
          });
          // The failure is recorded (committed) before the caller hears of it.
          return { error: INVALID_CREDENTIALS };
        }
        const actingTx = tx.withActor({ kind: 'user', userId: person.id, roles: [] });
        await this.db.repo(tx, LoginFailure).delete({ emailHash });
        let organization: Organization | null = null;
        if (input.organizationId) {
          const membership = await this.db.repo(tx, Membership).findOne({
            where: { personId: person.id, organizationId: input.organizationId },
            relations: { organization: true },
          });
          if (!membership) throw new NotFoundError('Organization', input.organizationId);
          organization = membership.organization!;
        } else {
          organization = await this.defaultOrganization(tx, person.id);
        }
        return { payload: await this.startSession(actingTx, person, organization) };
      },
    );
    if ('error' in outcome) throw outcome.error;
    return outcome.payload;
  }

  /**
   * Checks a person's password outside logIn (accepting an invitation, changing the password or
   * address) under the same throttle as sign-ins: failures are recorded (and committed) and count
   * towards TOO_MANY_REQUESTS, so these operations cannot be used to guess passwords faster.
   */
  async checkPassword(ctx: RequestContext, personId: string, password: string): Promise<boolean> {
    const person = await this.db
      .repo(ctx, Person)
      .createQueryBuilder('p')
      .addSelect('p.passwordHash')
      .where('p.id = :id AND p.anonymized_at IS NULL', { id: personId })
      .getOne();
    if (!person) return false;
    const emailHash = sha256(person.email);
    return this.db.transaction(ctx, async (tx) => {
      await this.db
        .manager(tx)
        .query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`login:${emailHash}`]);
      await this.assertNotThrottled(tx, emailHash);
      if (await this.passwords.verify(person.passwordHash, password)) return true;
      await this.db.repo(tx, LoginFailure).insert({ emailHash, ip: tx.ip ?? null });
      await this.audit.record(tx, {
        action: 'person.password-check-failed',
        subjectType: 'Person',
        subjectId: person.id,
        organizationId: null,
        after: { ip: tx.ip ?? null },
      });
      return false;
    });
  }

  /** Exchanges a refresh token for new tokens. A token used before revokes its whole session. */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<AuthPayload> {
    const outcome = await this.db.transaction<
      { error: UnauthenticatedError } | { payload: AuthPayload }
    >(ctx, async (tx) => {
      const token = await this.db
        .repo(tx, RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: sha256(refreshToken) })
        .getOne();
      if (!token) return { error: sessionEnded(IdentityReason.INVALID_REFRESH_TOKEN) };
      const session = await this.db
        .repo(tx, Session)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.id = :id', { id: token.sessionId })
        .getOneOrFail();
      const actingTx = tx.withActor({
        kind: 'user',
        userId: session.personId,
        roles: [],
        sessionId: session.id,
      });
      if (session.revokedAt || session.expiresAt <= new Date())
        return { error: sessionEnded(IdentityReason.SESSION_ENDED) };
      if (token.usedAt) {
        // Someone presents a token that was already exchanged: it may be stolen. End the family.
        await this.revoke(actingTx, session, 'REFRESH_TOKEN_REUSE');
        return { error: sessionEnded(IdentityReason.REFRESH_TOKEN_REUSE) };
      }
      await this.db.repo(tx, RefreshToken).update({ id: token.id }, { usedAt: new Date() });
      const person = await this.db.repo(tx, Person).findOneByOrFail({ id: session.personId });
      const organization = session.organizationId
        ? await this.db.repo(tx, Organization).findOneBy({ id: session.organizationId })
        : null;
      await this.audit.record(actingTx, {
        action: 'session.refreshed',
        subjectType: 'Session',
        subjectId: session.id,
        organizationId: null,
      });
      return { payload: await this.issue(actingTx, session, person, organization) };
    });
    // The revocation above commits; only then is the caller told.
    if ('error' in outcome) throw outcome.error;
    return outcome.payload;
  }

  async logOut(ctx: RequestContext): Promise<boolean> {
    const actor = ctx.actor;
    if (actor?.kind !== 'user' || !actor.sessionId) return false;
    return this.db.transaction(ctx, async (tx) => {
      const session = await this.db
        .repo(tx, Session)
        .findOneBy({ id: actor.sessionId, personId: actor.userId });
      if (!session || session.revokedAt) return false;
      await this.revoke(tx, session, 'LOGOUT');
      return true;
    });
  }

  async revoke(ctx: RequestContext, session: Session, reason: string): Promise<void> {
    await this.db
      .repo(ctx, Session)
      .update({ id: session.id }, { revokedAt: new Date(), revokedReason: reason });
    this.access.forget({ personId: session.personId });
    await this.audit.record(ctx, {
      action: 'session.revoked',
      subjectType: 'Session',
      subjectId: session.id,
      organizationId: null,
      before: { revokedAt: null },
      after: { revokedAt: new Date(), reason },
    });
  }

  /** Ends every open session of a person except `keepSessionId` (password reset or change). */
  async endSessions(
    ctx: RequestContext,
    personId: string,
    reason: string,
    keepSessionId?: string,
  ): Promise<number> {
    const open = await this.db
      .repo(ctx, Session)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.person_id = :personId AND s.revoked_at IS NULL AND s.expires_at > now()', {
        personId,
      })
      .getMany();
    let ended = 0;
    for (const session of open) {
      if (session.id === keepSessionId) continue;
      await this.revoke(ctx, session, reason);
      ended++;
    }
    return ended;
  }

  /** The organisation a person acts for by default: the first one they joined. */
  async defaultOrganization(ctx: RequestContext, personId: string): Promise<Organization | null> {
    const first = await this.db.repo(ctx, Membership).findOne({
      where: { personId },
      relations: { organization: true },
      order: { createdAt: 'ASC' },
    });
    return first?.organization ?? null;
  }

  /** Opens a session for `person` (inside the caller's transaction) and issues its tokens. */
  async startSession(
    ctx: RequestContext,
    person: Person,
    organization: Organization | null,
  ): Promise<AuthPayload> {
    const expiresAt = new Date(Date.now() + this.config.get('SESSION_TTL_DAYS') * 86_400_000);
    const session = await this.db.repo(ctx, Session).save({
      id: randomUUID(),
      personId: person.id,
      organizationId: organization?.id ?? null,
      userAgent: ctx.userAgent ?? null,
      ip: ctx.ip ?? null,
      expiresAt,
      revokedAt: null,
      revokedReason: null,
    });
    await this.audit.record(ctx, {
      action: 'session.created',
      subjectType: 'Session',
      subjectId: session.id,
      organizationId: null,
      after: {
        organizationId: session.organizationId,
        ip: session.ip,
        userAgent: session.userAgent,
      },
    });
    return this.issue(ctx, session, person, organization);
  }

  private async issue(
    ctx: RequestContext,
    session: Session,
    person: Person,
    organization: Organization | null,
  ): Promise<AuthPayload> {
    const refreshToken = randomToken(32);
    await this.db
      .repo(ctx, RefreshToken)
      .insert({ sessionId: session.id, tokenHash: sha256(refreshToken) });
    const ttl = this.config.get('ACCESS_TOKEN_TTL_SECONDS');
    const claims: AccessTokenClaims = { sub: person.id, sid: session.id, typ: 'access' };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ttl, algorithm: 'HS256' });
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return {
      accessToken,
      accessTokenExpiresAt: new Date(exp * 1000),
      refreshToken,
      sessionExpiresAt: session.expiresAt,
      person,
      organization,
    };
  }

  /**
   * Failed sign-ins are counted per email *and* address: ten failures for one email from one
   * address block that email from that address only, so someone guessing cannot lock the owner
   * out of their account from their usual address. An address is blocked after
   * LOGIN_MAX_FAILURES_PER_ADDRESS failures for any emails, and an email from everywhere after
   * LOGIN_MAX_FAILURES_PER_EMAIL_ANYWHERE (a brake on guessing from many addresses at once).
   */
  private async assertNotThrottled(ctx: RequestContext, emailHash: string): Promise<void> {
    const windowMinutes = this.config.get('LOGIN_FAILURE_WINDOW_MINUTES');
    const since = new Date(Date.now() - windowMinutes * 60_000);
    // One statement: the three counts share the window, and the indexes on (email_hash,
    // created_at) and (ip, created_at) serve it together.
    const [counts] = await this.db
      .manager(ctx)
      .query<{ email_here: number; email: number; address: number }[]>(
        `SELECT count(*) FILTER (WHERE email_hash = $1 AND ip IS NOT DISTINCT FROM $2)::int AS email_here,
              count(*) FILTER (WHERE email_hash = $1)::int AS email,
              count(*) FILTER (WHERE $2::text IS NOT NULL AND ip = $2)::int AS address
         FROM login_failure
        WHERE created_at > $3 AND (email_hash = $1 OR ip = $2)`,
        [emailHash, ctx.ip || null, since],
      );
    const { email_here: byEmailHere, email: byEmail, address: byAddress } = counts;
    if (
      byEmailHere >= this.config.get('LOGIN_MAX_FAILURES_PER_EMAIL') ||
      byEmail >= this.config.get('LOGIN_MAX_FAILURES_PER_EMAIL_ANYWHERE') ||
      byAddress >= this.config.get('LOGIN_MAX_FAILURES_PER_ADDRESS')
    ) {
      throw new TooManyRequestsError(windowMinutes * 60, {
        en: `Too many failed sign-ins. Wait ${windowMinutes} minutes, then try again.`,
        de: `Zu viele fehlgeschlagene Anmeldungen. Warte ${windowMinutes} Minuten und versuch es dann wieder.`,
      });
    }
  }
}

export function publicPerson(person: Person): Record<string, unknown> {
  return {
    id: person.id,
    email: person.email,
    displayName: person.displayName,
    language: person.language,
    emailVerifiedAt: person.emailVerifiedAt ?? null,
  };
}
