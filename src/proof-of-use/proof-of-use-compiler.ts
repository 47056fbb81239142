// Compiles the content of a proof of use from what was already reported, for a period or for the
// whole grant: the financial statement per line (the figures of grantBudget; spend counted by the
// day it was spent), the list of receipts with their attachments, tranches released and
// reallocations applied in the period, and the close-out figures. Read-only; the caller holds the
// grant (checked by the tenant rules before).
import { Injectable } from '@nestjs/common';
import { AttachmentService } from '../attachments/attachment.service';
import { AttachmentParent } from '../attachments/attachment.enums';
import { BudgetService } from '../budget/budget.service';
import { ReallocationStatus } from '../budget/budget.enums';
import { calendarDay } from '../core/calendar/calendar-day';
import { RequestContext } from '../core/context/request-context';
import { Money } from '../core/money/money';
import type { Grant } from '../grants/grant.entity';
import { TrancheStatus } from '../grants/grant.enums';
import { GrantLoaders } from '../grants/grant.loaders';
import { GrantService } from '../grants/grant.service';
import { ReceiptRule } from '../programmes/programme.enums';
import { ProgrammeService } from '../programmes/programme.service';
import { ProofOfUseFigures, ProofOfUseLine, ProofOfUseReceipt } from './dto/proof-of-use.types';

/** A period of calendar days, both ends included; null: the whole grant. */
export type Period = { from: string; to: string } | null;

const within = (day: string, period: Period) => !period || (day >= period.from && day <= period.to);

/** (spent − plan) / plan in percent with two decimals, rounded toward zero; "0.00" without a plan. */
export function deviationOf(original: bigint, spent: bigint): string {
  if (original <= 0n) return '0.00';
  const hundredths = ((spent - original) * 10_000n) / original;
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

@Injectable()
export class ProofOfUseCompiler {
  constructor(
    private readonly budget: BudgetService,
    private readonly grants: GrantService,
    private readonly grantLoaders: GrantLoaders,
    private readonly programmes: ProgrammeService,
    private readonly attachments: AttachmentService,
  ) {}

  /**
   * The figures of `grant` for `period` (null: everything — the final proof of use). `shown` is
   * the period the document names (the final one's is the grant's term).
   */
  async compile(
    ctx: RequestContext,
    grant: Grant,
    period: Period,
    shown: { from: string; to: string },
  ): Promise<ProofOfUseFigures> {
    const m = (v: bigint) => Money.of(v, grant.currency);
    const system = RequestContext.system('proof of use');
    // One after the other: in a transaction they share one connection, which runs one statement
    // at a time anyway (and the driver will refuse queries queued on a busy client).
    const budget = await this.budget.grantBudget(ctx, grant.id);
    const programme = await this.programmes.settingsOf(system, grant.programmeId);
    const entries = await this.budget.spendEntriesOf(ctx, grant.id, period?.to);
    const moves = await this.budget.appliedReallocationsOf(ctx, grant.id);
    const tranches = await this.grants.tranchesOf(ctx, grant.id);
    const sprints = await this.grantLoaders.sprints(ctx).load(grant.id);
    const claim = await this.grantLoaders.refundClaim(ctx).load(grant.id);
    const tolerance = programme.reallocationPolicy.tolerancePercent;
    const inPeriod = entries.filter((e) => within(e.spentOn, period));
    const files = await this.attachments.listForParents(
      system,
      AttachmentParent.SPEND_ENTRY,
      inPeriod.map((e) => e.id),
    );
    const movedIn = moves.filter((r) =>
      within(calendarDay(r.decidedAt ?? r.createdAt, programme.timeZone), period),
    );

    const sumBy = (list: typeof entries, lineId: string) =>
      list.filter((e) => e.lineId === lineId).reduce((s, e) => s + e.amountMinor, 0n);
    const lines: ProofOfUseLine[] = budget.lines.map((x) => {
      const original = x.original.amountMinor;
      // Up to the period's end; the whole grant's spend is the ledger's figure itself.
      const spentToDate = period ? sumBy(entries, x.line.id) : x.spent.amountMinor;
      const deviation = deviationOf(original, spentToDate);
      const beyond =
        !x.withinTolerance ||
        (original > 0n && (spentToDate - original) * 100n > original * BigInt(tolerance));
      const explanations = [
        ...new Set(
          entries.filter((e) => e.lineId === x.line.id && e.explanation).map((e) => e.explanation!),
        ),
      ];
      return {
        line: x.line,
        name: x.line.name,
        category: x.line.category,
        original: x.original,
        reallocated: m(x.allocated.amountMinor - original),
        allocated: x.allocated,
        spentInPeriod: m(sumBy(inPeriod, x.line.id)),
        spentToDate: m(spentToDate),
        deviationPercent: deviation,
        tolerancePercent: tolerance,
        beyondTolerance: beyond,
        explanations,
        reallocationReasons: moves
          .filter((r) => r.toLineId === x.line.id && !r.withinTolerance)
          .map((r) => r.reason),
      };
    });

    const lineNames = new Map(budget.lines.map((x) => [x.line.id, x.line.name]));
    const sprintNumbers = new Map(sprints.map((s) => [s.id, s.number]));
    const attached = programme.receiptRule === ReceiptRule.ATTACHED;
    const receipts: ProofOfUseReceipt[] = inPeriod.map((e) => {
      const attachments = files.get(e.id) ?? [];
      return {
        spendEntryId: e.id,
        spentOn: e.spentOn,
        lineId: e.lineId,
        lineName: lineNames.get(e.lineId) ?? '',
        sprintNumber: e.sprintId ? (sprintNumbers.get(e.sprintId) ?? null) : null,
        amount: m(e.amountMinor),
        note: e.note,
        fromSprintReview: e.reviewId !== null,
        receiptReference: e.receiptReference,
        attachments,
        // A correction (a negative amount) has no receipt of its own.
        receiptMissing: attached && e.amountMinor > 0n && attachments.length === 0,
      };
    });
    const received = tranches.filter(
      (t) =>
        t.status === TrancheStatus.RELEASED &&
        !!t.releasedAt &&
        within(calendarDay(t.releasedAt, programme.timeZone), period),
    );
    return {
      periodFrom: shown.from,
      periodTo: shown.to,
      awarded: budget.awarded,
      received: m(received.reduce((s, t) => s + t.amountMinor, 0n)),
      spentInPeriod: m(inPeriod.reduce((s, e) => s + e.amountMinor, 0n)),
      spentToDate: m(lines.reduce((s, l) => s + l.spentToDate.amountMinor, 0n)),
      returned: m(grant.returnedMinor),
      claimed: m(claim?.amountMinor ?? 0n),
      claimStatus: claim?.status ?? null,
      receiptRule: programme.receiptRule,
      missingReceipts: receipts.filter((r) => r.receiptMissing).length,
      lines,
      receipts,
      tranches: period ? received : tranches,
      reallocations: movedIn.filter((r) => r.status === ReallocationStatus.APPLIED),
    };
  }
}
