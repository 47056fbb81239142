// Close-out: when a grant ends (COMPLETED or STOPPED) money never released goes back to the
// programme through the budget guard (tranches cancelled, a RETURN ledger movement, the grant's
// `returnedMinor`), and money released but not spent becomes a refund claim the funder settles or
// waives. The settlement view shows awarded, released, spent, returned and claimed.
import { Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError } from '../core/errors/app-error';
import { IdempotencyService } from '../core/idempotency/idempotency.service';
import { Money } from '../core/money/money';
import { LedgerKind } from '../budget/budget.enums';
import { ACCOUNTS, LedgerService } from '../budget/ledger.service';
import { ProgrammeBudgetGuard } from '../programmes/programme-budget-guard';
import { DecideRefundClaimInput, GrantSettlement } from './dto/close-out.types';
import { BudgetLine, Grant, Tranche } from './grant.entity';
import { RefundClaimStatus, RefundDecision, TrancheStatus } from './grant.enums';
import { RefundClaim } from './refund-claim.entity';
import { GrantAggregate } from './grant-aggregate';
import { GrantReason, grantErrors } from './grant.errors';
import { OrganizationKind } from '../identity/roles';

export interface CloseOutResult {
  cancelledTranches: string[];
  returned: bigint;
  claim: RefundClaim | null;
}

@Injectable()
export class CloseOutService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly guard: ProgrammeBudgetGuard,
    private readonly idempotency: IdempotencyService,
    private readonly aggregate: GrantAggregate,
  ) {}

  /**
   * Closes the money of a grant that ends now (the caller holds its lock and has released what the
   * end pays): unpaid tranches are cancelled and their sum goes back to the programme; released
   * money not spent becomes an OPEN refund claim. Runs once per grant: a second call finds nothing.
   */
  async close(tx: RequestContext, grant: Grant, reason: string): Promise<CloseOutResult> {
    const tranches = await this.db
      .repo(tx, Tranche)
      .find({ where: { grantId: grant.id }, order: { number: 'ASC' } });
    const scheduled = tranches.filter((t) => t.status === TrancheStatus.SCHEDULED);
    for (const t of scheduled) {
      await this.db
        .repo(tx, Tranche)
        .update({ id: t.id }, { status: TrancheStatus.CANCELLED, cancelledAt: () => 'now()' });
      await this.audit.record(tx, {
        action: 'tranche.cancelled',
        subjectType: 'Tranche',
        subjectId: t.id,
        organizationId: grant.funderOrganizationId,
        before: { status: t.status },
        after: { status: TrancheStatus.CANCELLED, amount: t.amountMinor, reason },
      });
    }
    const returned = scheduled.reduce((s, t) => s + t.amountMinor, 0n);
    if (returned > 0n) {
      // Grant first, programme last: the guard's lock order.
      await this.guard.release(tx, grant.programmeId, returned);
      await this.db
        .repo(tx, Grant)
        .update({ id: grant.id }, { returnedMinor: grant.returnedMinor + returned });
      await this.ledger.post(tx, {
        grantId: grant.id,
        kind: LedgerKind.RETURN,
        currency: grant.currency,
        sourceId: grant.id,
        memo: `${reason}: unreleased money back to the programme`,
        entries: [
          { account: ACCOUNTS.commitment, amount: returned },
          { account: ACCOUNTS.programme, amount: -returned },
        ],
      });
      await this.audit.record(tx, {
        action: 'grant.money-returned',
        subjectType: 'Grant',
        subjectId: grant.id,
        organizationId: grant.funderOrganizationId,
        before: { returned: grant.returnedMinor },
        after: {
          returned: grant.returnedMinor + returned,
          programmeId: grant.programmeId,
          tranches: scheduled.map((t) => t.id),
          reason,
        },
      });
    }
    const released = tranches
      .filter((t) => t.status === TrancheStatus.RELEASED)
      .reduce((s, t) => s + t.amountMinor, 0n);
    const [{ spent }] = await this.db
      .manager(tx)
      .query<[{ spent: string }]>(
        `SELECT coalesce(sum(spent_minor), 0)::text AS spent FROM budget_line WHERE grant_id = $1`,
        [grant.id],
      );
    const unspent = released - BigInt(spent);
    let claim: RefundClaim | null = null;
    if (unspent > 0n && !(await this.db.repo(tx, RefundClaim).existsBy({ grantId: grant.id }))) {
      claim = await this.db.repo(tx, RefundClaim).save({
        grantId: grant.id,
        currency: grant.currency,
        amountMinor: unspent,
        status: RefundClaimStatus.OPEN,
        decisionReason: null,
        decidedById: null,
        decidedAt: null,
      });
      await this.audit.record(tx, {
        action: 'refund-claim.opened',
        subjectType: 'RefundClaim',
        subjectId: claim.id,
        organizationId: grant.funderOrganizationId,
        after: { grantId: grant.id, amount: unspent, released, spent: BigInt(spent), reason },
      });
    }
    return { cancelledTranches: scheduled.map((t) => t.id), returned, claim };
  }

  /** The funder settles (the money came back: a REFUND movement) or waives (with a reason) a claim. */
  async decide(ctx: RequestContext, input: DecideRefundClaimInput): Promise<RefundClaim> {
    if (input.decision === RefundDecision.WAIVE && !input.comment)
      throw BadUserInputError.forField(
        'comment',
        'is required to waive a claim',
        'ist nötig, um auf eine Rückforderung zu verzichten',
      );
    return this.idempotency.mutation(ctx, 'decideRefundClaim', input, RefundClaim, (ctx) =>
      this.aggregate.withGrant(
        ctx,
        { entity: RefundClaim, name: 'RefundClaim', id: input.claimId },
        OrganizationKind.FUNDER,
        async ({ tx, grant }, claim) => {
          if (claim.status !== RefundClaimStatus.OPEN)
            throw grantErrors.conflict(
              GrantReason.ALREADY_DECIDED,
              { current: claim.status, allowed: [RefundClaimStatus.OPEN] },
              claim.status,
            );
          const settle = input.decision === RefundDecision.SETTLE;
          const changes = {
            status: settle ? RefundClaimStatus.SETTLED : RefundClaimStatus.WAIVED,
            decisionReason: input.comment ?? null,
            decidedById: tx.userId ?? null,
            decidedAt: new Date(),
          };
          await this.db.repo(tx, RefundClaim).update({ id: claim.id }, changes);
          if (settle)
            await this.ledger.post(tx, {
              grantId: grant.id,
              kind: LedgerKind.REFUND,
              currency: claim.currency,
              sourceId: claim.id,
              memo: input.comment ?? 'refund claim settled',
              entries: [
                { account: ACCOUNTS.funderCash, amount: claim.amountMinor },
                { account: ACCOUNTS.granteeFunds, amount: -claim.amountMinor },
              ],
            });
          await this.audit.record(tx, {
            action: settle ? 'refund-claim.settled' : 'refund-claim.waived',
            subjectType: 'RefundClaim',
            subjectId: claim.id,
            organizationId: grant.funderOrganizationId,
            before: { status: claim.status },
            after: { ...changes, amount: claim.amountMinor },
          });
          return claim.id;
        },
      ),
    );
  }

  /** The settlement figures of a grant from its parts (loaded by the caller, e.g. in batches). */
  settlement(
    grant: Grant,
    tranches: Tranche[],
    lines: BudgetLine[],
    claim: RefundClaim | null,
  ): GrantSettlement {
    const m = (v: bigint) => Money.of(v, grant.currency);
    return {
      awarded: m(grant.awardedAmountMinor),
      released: m(
        tranches
          .filter((t) => t.status === TrancheStatus.RELEASED)
          .reduce((s, t) => s + t.amountMinor, 0n),
      ),
      spent: m(lines.reduce((s, l) => s + l.spentMinor, 0n)),
      returned: m(grant.returnedMinor),
      claimed: m(claim?.amountMinor ?? 0n),
      refundClaim: claim,
    };
  }
}
