// Single-use links sent by email: verify an address, reset a password, confirm a new address.
// The token is derived from the row id with the server secret (like invitations), so the worker
// can put it into the email while the database holds only its hash.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError } from '../core/errors/app-error';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';
import { derivedToken, sha256 } from './access/tokens';
import { AccountToken, AccountTokenPurpose } from './entities/account-token.entity';
import { IdentityReason, identityErrors } from './identity.errors';

/** Account emails the worker sends; the token purposes plus two notices without a link token. */
export enum AccountEmailKind {
  VERIFY_EMAIL = 'VERIFY_EMAIL',
  RESET_PASSWORD = 'RESET_PASSWORD',
  CHANGE_EMAIL = 'CHANGE_EMAIL',
  /** To the previous address after an address change. */
  EMAIL_CHANGED = 'EMAIL_CHANGED',
  /** To an existing account's address when someone signs up with it. */
  SIGNUP_ATTEMPT = 'SIGNUP_ATTEMPT',
}

type LinkReason =
  IdentityReason.LINK_INVALID | IdentityReason.LINK_USED | IdentityReason.LINK_EXPIRED;

export function linkProblem(reason: LinkReason): BadUserInputError {
  const text = identityErrors.text(reason);
  return new BadUserInputError(text, [{ field: 'token', message: text.en, messageDe: text.de }], {
    reason,
  });
}

@Injectable()
export class AccountTokenService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  tokenFor(row: Pick<AccountToken, 'id' | 'purpose'>): string {
    return derivedToken(this.config.get('AUTH_TOKEN_SECRET'), `account:${row.purpose}`, row.id);
  }

  ttlMs(purpose: AccountTokenPurpose): number {
    switch (purpose) {
      case AccountTokenPurpose.VERIFY_EMAIL:
        return this.config.get('EMAIL_VERIFICATION_TTL_HOURS') * 3_600_000;
      case AccountTokenPurpose.RESET_PASSWORD:
        return this.config.get('PASSWORD_RESET_TTL_MINUTES') * 60_000;
      case AccountTokenPurpose.CHANGE_EMAIL:
        return 24 * 3_600_000;
    }
  }

  /** Creates a link token in the caller's transaction and asks the worker to email it. */
  async issue(
    ctx: RequestContext,
    personId: string,
    purpose: AccountTokenPurpose,
    email: string,
  ): Promise<AccountToken> {
    const id = randomUUID();
    const token = await this.db.repo(ctx, AccountToken).save({
      id,
      personId,
      purpose,
      email,
      previousEmail: null,
      tokenHash: sha256(this.tokenFor({ id, purpose })),
      expiresAt: new Date(Date.now() + this.ttlMs(purpose)),
      usedAt: null,
    });
    await this.audit.record(ctx, {
      action: 'account-token.issued',
      subjectType: 'Person',
      subjectId: personId,
      organizationId: null,
      after: { tokenId: id, purpose, expiresAt: token.expiresAt },
    });
    await this.outbox.emit(
      ctx,
      JobName.SendAccountEmail,
      { kind: purpose, personId, tokenId: id },
      { organizationId: null },
    );
    return token;
  }

  /** Asks the worker for an account email without a link token of its own (notices). */
  async notice(
    ctx: RequestContext,
    kind: AccountEmailKind.EMAIL_CHANGED | AccountEmailKind.SIGNUP_ATTEMPT,
    personId: string,
    tokenId?: string,
  ): Promise<void> {
    await this.outbox.emit(
      ctx,
      JobName.SendAccountEmail,
      { kind, personId, ...(tokenId ? { tokenId } : { attemptId: randomUUID() }) },
      { organizationId: null },
    );
  }

  /**
   * Finds the token for `purpose` and marks it used (in the caller's transaction, so a later
   * refusal rolls the use back). Unknown, used and expired tokens answer BAD_USER_INPUT.
   */
  async consume(
    ctx: RequestContext,
    token: string,
    purpose: AccountTokenPurpose,
  ): Promise<AccountToken> {
    const row = await this.db.repo(ctx, AccountToken).findOne({
      where: { tokenHash: sha256(token), purpose },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw linkProblem(IdentityReason.LINK_INVALID);
    if (row.usedAt) throw linkProblem(IdentityReason.LINK_USED);
    if (row.expiresAt <= new Date()) throw linkProblem(IdentityReason.LINK_EXPIRED);
    row.usedAt = new Date();
    await this.db.repo(ctx, AccountToken).update({ id: row.id }, { usedAt: row.usedAt });
    return row;
  }

  /** Ends a person's other open links of one purpose (e.g. after a reset, older reset links). */
  async retireOpen(ctx: RequestContext, personId: string, purpose: AccountTokenPurpose) {
    await this.db
      .repo(ctx, AccountToken)
      .update({ personId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
  }

  /** How many links of `purpose` a person was sent since `since`, and when the last one was. */
  async recent(
    ctx: RequestContext,
    personId: string,
    purpose: AccountTokenPurpose,
    since: Date,
  ): Promise<{ count: number; last?: Date }> {
    const rows = await this.db
      .repo(ctx, AccountToken)
      .createQueryBuilder('t')
      .select('count(*)::int', 'count')
      .addSelect('max(t.created_at)', 'last')
      .where('t.person_id = :personId AND t.purpose = :purpose AND t.created_at > :since', {
        personId,
        purpose,
        since,
      })
      .getRawOne<{ count: number; last: Date | null }>();
    return { count: rows?.count ?? 0, last: rows?.last ?? undefined };
  }
}
