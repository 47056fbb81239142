// The only writer of a running grant's rows (Grant, Sprint, Milestone, Tranche, BudgetLine) after
// its award: sprint moves, activating the next sprint, completing, stopping, schedule shifts and
// delays, releasing tranches, and the budget lines' cached balances. Other modules decide what
// should happen (reviews, notices, reallocations, spend) and call these methods with the handle
// GrantAggregate.withGrant gave them, so the grant is locked and in their transaction.
import { Injectable } from '@nestjs/common';
import { MoreThan, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { addDays } from '../core/calendar/calendar-day';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import type { WriteBatch } from '../core/database/write-batch';
import { Money } from '../core/money/money';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';
import { LedgerKind } from '../budget/budget.enums';
import { ACCOUNTS, LedgerService } from '../budget/ledger.service';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { WebhookEventType } from '../webhooks/webhook.enums';
import { CloseOutResult, CloseOutService } from './close-out.service';
import type { GrantHandle } from './grant-aggregate';
import { BudgetLine, Grant, Milestone, Sprint, Tranche } from './grant.entity';
import { GrantStatus, SprintStatus, TrancheKind, TrancheStatus } from './grant.enums';
import { assertTransition } from './sprint-lifecycle';

@Injectable()
export class GrantLifecycleService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly webhooks: WebhookEvents,
    private readonly closeOut: CloseOutService,
    private readonly outbox: OutboxService,
  ) {}

  // --- sprints --------------------------------------------------------------------------------

  /** Moves a sprint along its life cycle (CONFLICT when the table does not allow the move). */
  async moveSprint(h: GrantHandle, sprint: Sprint, to: SprintStatus): Promise<void> {
    assertTransition(sprint, to);
    await this.db.repo(h.tx, Sprint).update({ id: sprint.id }, { status: to });
  }

  /**
   * After `accepted`'s review was accepted: releases the tranches that review releases and opens
   * `next`.
   */
  async activateNextSprint(h: GrantHandle, accepted: Sprint, next: Sprint): Promise<void> {
    const { tx, grant } = h;
    for (const t of await this.scheduledTranches(h))
      if (t.kind === TrancheKind.SPRINT && t.releasedBySprint === accepted.number)
        await this.release(tx, grant, t, `sprint ${accepted.number} review accepted`);
    assertTransition(next, SprintStatus.ACTIVE);
    await this.db.repo(tx, Sprint).update({ id: next.id }, { status: SprintStatus.ACTIVE });
    await this.audit.record(tx, {
      action: 'sprint.activated',
      subjectType: 'Sprint',
      subjectId: next.id,
      organizationId: grant.funderOrganizationId,
      before: { status: next.status },
      after: { status: SprintStatus.ACTIVE, number: next.number },
    });
  }

  /** Replaces the plan (goal and milestones) of a sprint not yet started. */
  async replacePlan(
    h: GrantHandle,
    sprint: Sprint,
    plan: { goal: string; milestones: string[] },
  ): Promise<void> {
    await this.db.repo(h.tx, Sprint).update({ id: sprint.id }, { goal: plan.goal });
    await this.db.repo(h.tx, Milestone).delete({ sprintId: sprint.id });
    if (plan.milestones.length)
      await this.db
        .repo(h.tx, Milestone)
        .insert(
          plan.milestones.map((title, i) => ({ sprintId: sprint.id, position: i + 1, title })),
        );
  }

  /**
   * Moves sprint `fromNumber` and every later one, and the grant's end, by `shiftDays` (a late
   * acceptance). Answers the moved sprints' numbers and the grant's new end.
   */
  async shiftSchedule(
    h: GrantHandle,
    fromNumber: number,
    shiftDays: number,
  ): Promise<{ moved: number[]; grantEndDate: string }> {
    const moved = await this.db
      .repo(h.tx, Sprint)
      .find({ where: { grantId: h.grant.id, number: MoreThanOrEqual(fromNumber) } });
    await this.shiftSprints(h.tx, moved, shiftDays);
    const grantEndDate = await this.shiftGrantEnd(h, shiftDays);
    return { moved: moved.map((s) => s.number), grantEndDate };
  }

  /**
   * An approved delay: `sprint` ends on `endDate` (in `status`), later sprints and the grant's end
   * move by `shiftDays`. Answers the later sprints' numbers and the grant's new end.
   */
  async delaySprint(
    h: GrantHandle,
    sprint: Sprint,
    endDate: string,
    status: SprintStatus,
    shiftDays: number,
  ): Promise<{ later: number[]; grantEndDate: string }> {
    if (status !== sprint.status) assertTransition(sprint, status);
    await this.db.repo(h.tx, Sprint).update({ id: sprint.id }, { endDate, status });
    const later = await this.db
      .repo(h.tx, Sprint)
      .findBy({ grantId: h.grant.id, number: MoreThan(sprint.number) });
    await this.shiftSprints(h.tx, later, shiftDays);
    const grantEndDate = await this.shiftGrantEnd(h, shiftDays);
    return { later: later.map((s) => s.number), grantEndDate };
  }

  /**
   * Marks sprints REVIEW_DUE whose end date is before the calendar day of `at` in each programme's
   * time zone (all grants: the caller is the worker's scan). Answers the moved sprints.
   */
  async markSprintsDue(
    tx: RequestContext,
    at: Date,
  ): Promise<{ id: string; number: number; grant_id: string; org: string }[]> {
    // UPDATE … RETURNING answers [rows, affected count].
    const [rows] = await this.db
      .manager(tx)
      .query<[{ id: string; number: number; grant_id: string; org: string }[], number]>(
        `UPDATE sprint s SET status = $1
           FROM "grant" g JOIN programme p ON p.id = g.programme_id
          WHERE g.id = s.grant_id AND g.status = 'ACTIVE' AND s.status = $2
            AND s.end_date < ($3::timestamptz AT TIME ZONE p.time_zone)::date
        RETURNING s.id, s.number, s.grant_id, g.grantee_organization_id AS org`,
        [SprintStatus.REVIEW_DUE, SprintStatus.ACTIVE, at.toISOString()],
      );
    return rows;
  }

  // --- the grant's end ------------------------------------------------------------------------

  /**
   * The final sprint's review was accepted: the grant is COMPLETED, what the reviews still owe is
   * paid, and the close-out returns what is unpaid and claims back what is unspent.
   */
  async complete(h: GrantHandle, finalSprint: Sprint): Promise<CloseOutResult> {
    const { tx, grant } = h;
    const scheduled = await this.scheduledTranches(h);
    await this.db
      .repo(tx, Grant)
      .update({ id: grant.id }, { status: GrantStatus.COMPLETED, closedAt: () => 'now()' });
    await this.webhooks.publish(
      tx,
      WebhookEventType.GRANT_COMPLETED,
      [grant.funderOrganizationId, grant.granteeOrganizationId],
      { grantId: grant.id, reference: grant.reference },
    );
    await this.audit.record(tx, {
      action: 'grant.completed',
      subjectType: 'Grant',
      subjectId: grant.id,
      organizationId: grant.funderOrganizationId,
      before: { status: grant.status },
      after: { status: GrantStatus.COMPLETED },
    });
    for (const t of scheduled.filter(
      (t) => t.kind === TrancheKind.HOLDBACK || t.kind === TrancheKind.SPRINT,
    ))
      await this.release(tx, grant, t, `final review of sprint ${finalSprint.number} accepted`);
    // What is still unpaid (e.g. an amendment tranche) goes back; unspent money is claimed back.
    return this.closeOut.close(tx, grant, 'grant completed');
  }

  /**
   * The grantee stops the grant at sprint `atSprint`: close-out (unpaid tranches cancelled and
   * returned, unspent money claimed), then `afterCloseOut` (the caller's waiting requests), then
   * STOPPED with its webhook and audit event.
   */
  async stop(
    h: GrantHandle,
    atSprint: number,
    afterCloseOut: () => Promise<void>,
  ): Promise<CloseOutResult> {
    const { tx, grant } = h;
    const closed = await this.closeOut.close(tx, grant, 'grant stopped');
    await afterCloseOut();
    await this.db
      .repo(tx, Grant)
      .update({ id: grant.id }, { status: GrantStatus.STOPPED, closedAt: () => 'now()' });
    await this.webhooks.publish(
      tx,
      WebhookEventType.GRANT_STOPPED,
      [grant.funderOrganizationId, grant.granteeOrganizationId],
      { grantId: grant.id, reference: grant.reference, atSprint },
    );
    await this.audit.record(tx, {
      action: 'grant.stopped',
      subjectType: 'Grant',
      subjectId: grant.id,
      before: { status: grant.status },
      after: {
        status: GrantStatus.STOPPED,
        atSprint,
        cancelledTranches: closed.cancelledTranches,
        returnedToProgramme: closed.returned,
        refundClaimId: closed.claim?.id ?? null,
      },
    });
    return closed;
  }

  // --- tranches -------------------------------------------------------------------------------

  /** Releases a scheduled tranche of the locked grant; writes ledger, webhook and audit. */
  releaseTranche(h: GrantHandle, tranche: Tranche, memo: string): Promise<Tranche> {
    return this.release(h.tx, h.grant, tranche, memo);
  }

  /**
   * Releases a scheduled tranche of `grant` (the caller holds its lock); writes ledger, webhook,
   * audit and the grantee team's notification (outbox), all in the caller's transaction.
   */
  async release(
    ctx: RequestContext,
    grant: Grant,
    tranche: Tranche,
    memo: string,
  ): Promise<Tranche> {
    const updated = await this.db
      .repo(ctx, Tranche)
      .createQueryBuilder()
      .update()
      .set({ status: TrancheStatus.RELEASED, releasedAt: () => 'now()' })
      .where('id = :id AND status = :scheduled', {
        id: tranche.id,
        scheduled: TrancheStatus.SCHEDULED,
      })
      .execute();
    if (updated.affected !== 1) throw new Error(`tranche ${tranche.id} is not scheduled`);
    await this.ledger.post(ctx, {
      grantId: tranche.grantId,
      kind: LedgerKind.TRANCHE_RELEASE,
      currency: tranche.currency,
      sourceId: tranche.id,
      memo,
      entries: [
        { account: ACCOUNTS.funderCash, amount: -tranche.amountMinor },
        { account: ACCOUNTS.released, amount: tranche.amountMinor },
      ],
    });
    const after = await this.db.repo(ctx, Tranche).findOneByOrFail({ id: tranche.id });
    await this.webhooks.publish(
      ctx,
      WebhookEventType.TRANCHE_RELEASED,
      [grant.funderOrganizationId, grant.granteeOrganizationId],
      {
        grantId: grant.id,
        trancheId: tranche.id,
        kind: tranche.kind,
        amount: { amount: tranche.amountMinor, currency: tranche.currency },
      },
    );
    await this.outbox.emit(
      ctx,
      JobName.TrancheReleased,
      { trancheId: tranche.id },
      { organizationId: grant.granteeOrganizationId },
    );
    await this.audit.record(ctx, {
      action: 'tranche.released',
      subjectType: 'Tranche',
      subjectId: tranche.id,
      before: { status: tranche.status },
      after: {
        status: after.status,
        releasedAt: after.releasedAt,
        amount: after.amountMinor,
        memo,
      },
    });
    return after;
  }

  // --- budget lines and the award -------------------------------------------------------------

  /**
   * Writes the allocations `lines` now hold (a money mutation moved them in memory under the lock),
   * one UPDATE for all of them: several moves of one commit touch a line once.
   */
  writeAllocationsIn(batch: WriteBatch, h: GrantHandle, lines: BudgetLine[]): void {
    batch.sql(
      `UPDATE budget_line l SET allocated_minor = v.allocated
         FROM unnest($1::uuid[], $2::bigint[]) AS v(id, allocated)
        WHERE l.id = v.id AND l.grant_id = $3`,
      [lines.map((l) => l.id), lines.map((l) => l.allocatedMinor.toString()), h.grant.id],
    );
  }

  /** Adds `amount` (negative: a correction) to a line's cached spend. */
  async addSpend(h: GrantHandle, lineId: string, amount: bigint): Promise<void> {
    await this.db
      .repo(h.tx, BudgetLine)
      .createQueryBuilder()
      .update()
      .set({ spentMinor: () => `spent_minor + ${amount.toString()}` })
      .where('id = :id AND grant_id = :grantId', { id: lineId, grantId: h.grant.id })
      .execute();
  }

  /**
   * A changed award (the caller checked it and reserved a raise): unpaid tranches carry the change
   * in proportion (or a new AMENDMENT tranche carries a raise when none is unpaid), the lines'
   * allocations change as given, and the grant's award becomes `newAmount`.
   */
  async amendAward(
    h: GrantHandle,
    newAmount: bigint,
    tranches: Tranche[],
    lineChanges: { line: BudgetLine; change: bigint }[],
  ): Promise<void> {
    const { tx, grant } = h;
    const delta = newAmount - grant.awardedAmountMinor;
    const scheduled = tranches.filter((t) => t.status === TrancheStatus.SCHEDULED);
    if (scheduled.length > 0) {
      const scheduledSum = scheduled.reduce((s, t) => s + t.amountMinor, 0n);
      const parts = Money.of(scheduledSum + delta, grant.currency).allocate(
        scheduled.map((t) => (scheduledSum > 0n ? t.amountMinor : 1n)),
      );
      for (const [i, t] of scheduled.entries())
        await this.db.repo(tx, Tranche).update({ id: t.id }, { amountMinor: parts[i].amountMinor });
    } else if (delta > 0n) {
      await this.db.repo(tx, Tranche).insert({
        grantId: grant.id,
        number: (tranches[tranches.length - 1]?.number ?? 0) + 1,
        kind: TrancheKind.AMENDMENT,
        releasedBySprint: null,
        currency: grant.currency,
        amountMinor: delta,
        status: TrancheStatus.SCHEDULED,
      });
    }
    for (const { line, change } of lineChanges)
      await this.db
        .repo(tx, BudgetLine)
        .update({ id: line.id }, { allocatedMinor: line.allocatedMinor + change });
    await this.db.repo(tx, Grant).update({ id: grant.id }, { awardedAmountMinor: newAmount });
  }

  // ---------------------------------------------------------------------------------------------

  private scheduledTranches(h: GrantHandle): Promise<Tranche[]> {
    return this.db.repo(h.tx, Tranche).find({
      where: { grantId: h.grant.id, status: TrancheStatus.SCHEDULED },
      order: { number: 'ASC' },
    });
  }

  private async shiftSprints(tx: RequestContext, sprints: Sprint[], days: number): Promise<void> {
    for (const s of sprints)
      await this.db
        .repo(tx, Sprint)
        .update(
          { id: s.id },
          { startDate: addDays(s.startDate, days), endDate: addDays(s.endDate, days) },
        );
  }

  private async shiftGrantEnd(h: GrantHandle, days: number): Promise<string> {
    const grantEndDate = addDays(h.grant.endDate, days);
    await this.db.repo(h.tx, Grant).update({ id: h.grant.id }, { endDate: grantEndDate });
    return grantEndDate;
  }
}
