// A person's own account: verifying the email address, resetting and changing the password,
// changing the address, and the profile. Every change is audited in its transaction; emails go
// through the outbox (see account-token.service.ts and send-account-email.job.ts).
import { Injectable } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { isUniqueViolation } from '../core/database/pg-errors';
import {
  BadUserInputError,
  ConflictError,
  TooManyRequestsError,
  UnauthenticatedError,
} from '../core/errors/app-error';
import { AccessCache } from './access/access-cache.service';
import { PasswordService } from './access/password.service';
import { sha256 } from './access/tokens';
import { AccountEmailKind, AccountTokenService, linkProblem } from './account-token.service';
import { UpdateMyProfileInput } from './dto/identity.inputs';
import { AuthPayload } from './dto/identity.types';
import { AccountRequest } from './entities/account-request.entity';
import { AccountToken, AccountTokenPurpose } from './entities/account-token.entity';
import { LoginFailure } from './entities/login-failure.entity';
import { Person } from './entities/person.entity';
import { normalizeEmail, publicPerson, SessionService } from './session.service';
import { IdentityReason, identityErrors } from './identity.errors';

const PASSWORD_RESET = 'PASSWORD_RESET';

/** Verification and address-change emails a person may ask for: per minute one, per hour five. */
const RESEND_MIN_INTERVAL_SECONDS = 60;
const RESEND_MAX_PER_HOUR = 5;

function wrongPassword(field: string): BadUserInputError {
  const { en, de } = identityErrors.text(IdentityReason.WRONG_PASSWORD);
  return new BadUserInputError(
    { en: `${field}: ${en}`, de: `${field}: ${de}` },
    [{ field, message: en, messageDe: de }],
    { reason: IdentityReason.WRONG_PASSWORD },
  );
}

@Injectable()
export class AccountService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly tokens: AccountTokenService,
    private readonly sessions: SessionService,
    private readonly access: AccessCache,
  ) {}

  /** Marks the address verified and signs the person in (their first organisation). */
  async verifyEmail(ctx: RequestContext, token: string): Promise<AuthPayload> {
    return this.db.transaction(ctx, async (tx) => {
      const row = await this.tokens.consume(tx, token, AccountTokenPurpose.VERIFY_EMAIL);
      const person = await this.db.repo(tx, Person).findOneByOrFail({ id: row.personId });
      // The address changed since the link was sent: it proves nothing about the current one.
      if (person.anonymizedAt || person.email !== row.email)
        throw linkProblem(IdentityReason.LINK_INVALID);
      const actingTx = tx.withActor({ kind: 'user', userId: person.id, roles: [] });
      await this.markVerified(actingTx, person);
      const organization = await this.sessions.defaultOrganization(tx, person.id);
      return this.sessions.startSession(actingTx, person, organization);
    });
  }

  /** Sets `emailVerifiedAt` (and audits it) unless it is set already. */
  async markVerified(ctx: RequestContext, person: Person): Promise<void> {
    if (person.emailVerifiedAt) return;
    person.emailVerifiedAt = new Date();
    await this.db
      .repo(ctx, Person)
      .update({ id: person.id }, { emailVerifiedAt: person.emailVerifiedAt });
    this.access.forget({ personId: person.id });
    await this.audit.record(ctx, {
      action: 'person.email-verified',
      subjectType: 'Person',
      subjectId: person.id,
      organizationId: null,
      before: { email: person.email, emailVerifiedAt: null },
      after: { email: person.email, emailVerifiedAt: person.emailVerifiedAt },
    });
  }

  async resendVerification(ctx: RequestContext): Promise<boolean> {
    return this.db.transaction(ctx, async (tx) => {
      const person = await this.lockedPerson(tx);
      if (person.emailVerifiedAt) {
        throw new ConflictError(identityErrors.text(IdentityReason.ALREADY_VERIFIED), {
          reason: IdentityReason.ALREADY_VERIFIED,
        });
      }
      await this.assertResendAllowed(tx, person.id, AccountTokenPurpose.VERIFY_EMAIL);
      await this.tokens.issue(tx, person.id, AccountTokenPurpose.VERIFY_EMAIL, person.email);
      return true;
    });
  }

  /**
   * Emails a reset link when the address has an account; answers true either way. Requests are
   * counted per address and per IP (whether or not an account exists) and throttled.
   */
  async requestPasswordReset(ctx: RequestContext, rawEmail: string): Promise<boolean> {
    const email = normalizeEmail(rawEmail);
    const emailHash = sha256(email);
    await this.db.transaction(ctx, async (tx) => {
      await this.db
        .manager(tx)
        .query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`reset:${emailHash}`]);
      const since = new Date(Date.now() - 3_600_000);
      const repo = this.db.repo(tx, AccountRequest);
      const [byEmail, byAddress] = await this.db.all(tx, [
        () =>
          repo.count({ where: { kind: PASSWORD_RESET, emailHash, createdAt: MoreThan(since) } }),
        () =>
          tx.ip
            ? repo.count({ where: { kind: PASSWORD_RESET, ip: tx.ip, createdAt: MoreThan(since) } })
            : Promise.resolve(0),
      ]);
      if (
        byEmail >= this.config.get('PASSWORD_RESET_MAX_PER_EMAIL') ||
        byAddress >= this.config.get('PASSWORD_RESET_MAX_PER_ADDRESS')
      ) {
        throw new TooManyRequestsError(3600, {
          en: 'Too many password reset requests. Check your inbox for the link we sent, or try again in an hour.',
          de: 'Zu viele Anfragen zum Zurücksetzen des Passworts. Bitte im Posteingang nach dem gesendeten Link sehen oder es in einer Stunde erneut versuchen.',
        });
      }
      await repo.insert({ kind: PASSWORD_RESET, emailHash, ip: tx.ip ?? null });
      const person = await this.db.repo(tx, Person).findOneBy({ email });
      if (!person || person.anonymizedAt) return;
      await this.tokens.issue(tx, person.id, AccountTokenPurpose.RESET_PASSWORD, email);
    });
    return true;
  }

  /** Sets the new password and ends every session of the person. */
  async resetPassword(ctx: RequestContext, token: string, newPassword: string): Promise<boolean> {
    const passwordHash = await this.passwords.hash(newPassword);
    return this.db.transaction(ctx, async (tx) => {
      const row = await this.tokens.consume(tx, token, AccountTokenPurpose.RESET_PASSWORD);
      const person = await this.db.repo(tx, Person).findOneByOrFail({ id: row.personId });
      if (person.anonymizedAt || person.email !== row.email)
        throw linkProblem(IdentityReason.LINK_INVALID);
      const actingTx = tx.withActor({ kind: 'user', userId: person.id, roles: [] });
      await this.db.repo(tx, Person).update({ id: person.id }, { passwordHash });
      await this.audit.record(actingTx, {
        action: 'person.password-reset',
        subjectType: 'Person',
        subjectId: person.id,
        organizationId: null,
        after: { ip: tx.ip ?? null },
      });
      // The link came by email: the address is proven too.
      await this.markVerified(actingTx, person);
      await this.tokens.retireOpen(tx, person.id, AccountTokenPurpose.RESET_PASSWORD);
      await this.sessions.endSessions(actingTx, person.id, 'PASSWORD_RESET');
      await this.db.repo(tx, LoginFailure).delete({ emailHash: sha256(person.email) });
      return true;
    });
  }

  /** Changes the password; the person's other sessions end, the current one stays. */
  async changePassword(
    ctx: RequestContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<boolean> {
    const person = await this.currentPerson(ctx);
    if (!(await this.sessions.checkPassword(ctx, person.id, currentPassword)))
      throw wrongPassword('currentPassword');
    const passwordHash = await this.passwords.hash(newPassword);
    return this.db.transaction(ctx, async (tx) => {
      await this.db.repo(tx, Person).update({ id: person.id }, { passwordHash });
      await this.audit.record(tx, {
        action: 'person.password-changed',
        subjectType: 'Person',
        subjectId: person.id,
        organizationId: null,
      });
      const keep = tx.actor?.kind === 'user' ? tx.actor.sessionId : undefined;
      await this.sessions.endSessions(tx, person.id, 'PASSWORD_CHANGED', keep);
      return true;
    });
  }

  /**
   * Emails a confirmation link to the new address. Whether that address is taken is only checked
   * on confirmation, so this answer tells nothing about other accounts.
   */
  async requestEmailChange(
    ctx: RequestContext,
    rawNewEmail: string,
    password: string,
  ): Promise<boolean> {
    const person = await this.currentPerson(ctx);
    if (!(await this.sessions.checkPassword(ctx, person.id, password)))
      throw wrongPassword('password');
    const newEmail = normalizeEmail(rawNewEmail);
    if (newEmail === person.email) {
      throw BadUserInputError.forField(
        'newEmail',
        'is already your address',
        'ist schon die Adresse dieses Kontos',
      );
    }
    return this.db.transaction(ctx, async (tx) => {
      await this.lockedPerson(tx);
      await this.assertResendAllowed(tx, person.id, AccountTokenPurpose.CHANGE_EMAIL);
      await this.tokens.issue(tx, person.id, AccountTokenPurpose.CHANGE_EMAIL, newEmail);
      await this.audit.record(tx, {
        action: 'person.email-change-requested',
        subjectType: 'Person',
        subjectId: person.id,
        organizationId: null,
        after: { newEmail },
      });
      return true;
    });
  }

  /** Switches to the confirmed new address and tells the old one. */
  async confirmEmailChange(ctx: RequestContext, token: string): Promise<boolean> {
    try {
      return await this.db.transaction(ctx, async (tx) => {
        const row = await this.tokens.consume(tx, token, AccountTokenPurpose.CHANGE_EMAIL);
        const person = await this.db
          .repo(tx, Person)
          .findOne({ where: { id: row.personId }, lock: { mode: 'pessimistic_write' } });
        if (!person || person.anonymizedAt) throw linkProblem(IdentityReason.LINK_INVALID);
        if (await this.db.repo(tx, Person).exists({ where: { email: row.email } }))
          throw addressUnavailable();
        const actingTx = tx.withActor({ kind: 'user', userId: person.id, roles: [] });
        const before = publicPerson(person);
        const now = new Date();
        await this.db
          .repo(tx, Person)
          .update({ id: person.id }, { email: row.email, emailVerifiedAt: now });
        this.access.forget({ personId: person.id });
        await this.tokens.retireOpen(tx, person.id, AccountTokenPurpose.CHANGE_EMAIL);
        await this.tokens.retireOpen(tx, person.id, AccountTokenPurpose.VERIFY_EMAIL);
        await this.tokens.retireOpen(tx, person.id, AccountTokenPurpose.RESET_PASSWORD);
        await this.db
          .repo(tx, AccountToken)
          .update({ id: row.id }, { previousEmail: person.email });
        await this.audit.record(actingTx, {
          action: 'person.email-changed',
          subjectType: 'Person',
          subjectId: person.id,
          organizationId: null,
          before,
          after: { ...before, email: row.email, emailVerifiedAt: now },
        });
        await this.tokens.notice(actingTx, AccountEmailKind.EMAIL_CHANGED, person.id, row.id);
        return true;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_person_email')) throw addressUnavailable();
      throw error;
    }
  }

  async updateProfile(ctx: RequestContext, input: UpdateMyProfileInput): Promise<Person> {
    return this.db.transaction(ctx, async (tx) => {
      const person = await this.lockedPerson(tx);
      const changes: Partial<Person> = {};
      if (input.displayName !== undefined) changes.displayName = input.displayName.trim();
      if (input.language !== undefined) changes.language = input.language;
      if (Object.keys(changes).length === 0) return person;
      await this.db.repo(tx, Person).update({ id: person.id }, changes);
      const after = { ...person, ...changes };
      await this.audit.record(tx, {
        action: 'person.profile-updated',
        subjectType: 'Person',
        subjectId: person.id,
        organizationId: null,
        before: publicPerson(person),
        after: publicPerson(after),
      });
      return after;
    });
  }

  private async lockedPerson(ctx: RequestContext): Promise<Person> {
    const person = await this.db
      .repo(ctx, Person)
      .findOne({ where: { id: ctx.userId }, lock: { mode: 'pessimistic_write' } });
    if (!person || person.anonymizedAt) throw new UnauthenticatedError();
    return person;
  }

  private async currentPerson(ctx: RequestContext): Promise<Person> {
    const person = await this.db.repo(ctx, Person).findOneBy({ id: ctx.userId });
    if (!person || person.anonymizedAt) throw new UnauthenticatedError();
    return person;
  }

  private async assertResendAllowed(
    ctx: RequestContext,
    personId: string,
    purpose: AccountTokenPurpose,
  ): Promise<void> {
    const { count, last } = await this.tokens.recent(
      ctx,
      personId,
      purpose,
      new Date(Date.now() - 3_600_000),
    );
    const wait = last
      ? Math.ceil(RESEND_MIN_INTERVAL_SECONDS - (Date.now() - new Date(last).getTime()) / 1000)
      : 0;
    if (count >= RESEND_MAX_PER_HOUR) throw new TooManyRequestsError(3600, tooManyEmails(60));
    if (wait > 0) throw new TooManyRequestsError(wait, tooManyEmails(Math.ceil(wait / 60)));
  }
}

function tooManyEmails(minutes: number) {
  return {
    en: `We just sent you an email. Check your inbox (and spam folder), or ask again in ${minutes} minute(s).`,
    de: `Wir haben gerade eine E-Mail geschickt. Bitte im Posteingang (und im Spam-Ordner) nachsehen oder in ${minutes} Minute(n) erneut anfordern.`,
  };
}

function addressUnavailable(): ConflictError {
  return new ConflictError(identityErrors.text(IdentityReason.EMAIL_TAKEN, 'changeEmail'), {
    reason: IdentityReason.EMAIL_TAKEN,
    field: 'newEmail',
  });
}
