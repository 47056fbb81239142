// The budget engine: reallocations within tolerances, amendments, tranche releases and reported
// spend. Amendments raise an award only through the programme's budget guard. Every money
// mutation locks its grant row first, so movements of one grant run one after
// the other and every check sees the balances as they are; every movement is a balanced set of
// ledger entries written with the cached balances, the audit event and the idempotency key.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { WebhookEventType } from '../webhooks/webhook.enums';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { inCurrentTrace } from '../core/telemetry/tracing';
import { Database } from '../core/database/database.service';
import { CommitGroups, settle, Settled } from '../core/database/commit-groups';
import type { WriteBatch } from '../core/database/write-batch';
import {
  BadUserInputError,
  ConflictError,
  FieldProblem,
  NotFoundError,
} from '../core/errors/app-error';
import { IdempotencyService } from '../core/idempotency/idempotency.service';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';
import { Money } from '../core/money/money';
import { ConnectionShape, createdAtKeys, PageArgs, paginate } from '../core/pagination/connection';
import { MoneyInput } from '../core/money/money.graphql';
import type { BudgetLine, Grant, Tranche } from '../grants/grant.entity';
import { GrantStatus, TrancheKind, TrancheStatus } from '../grants/grant.enums';
import { GrantService } from '../grants/grant.service';
import { GrantAggregate, GrantHandle } from '../grants/grant-aggregate';
import { GrantLifecycleService } from '../grants/grant-lifecycle.service';
import { OrganizationKind } from '../identity/roles';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammeBudgetGuard } from '../programmes/programme-budget-guard';
import type { ReallocationPolicy } from '../programmes/programme-settings';
import { Amendment } from './amendment.entity';
import {
  deviationPercent,
  judgeReallocation,
  LineState,
  ReallocationOutcome,
  reallocationOutcome,
  spendBeyondTolerance,
  toleranceCeiling,
} from './budget-rules';
import { LedgerKind, ReallocationDecision, ReallocationStatus } from './budget.enums';
import { LessThanOrEqual } from 'typeorm';
import { BudgetReason, budgetErrors } from './budget.errors';
import {
  AmendGrantInput,
  DecideReallocationInput,
  ReleaseTrancheInput,
  ReportSpendInput,
  ReallocationPreviewInput,
  RequestReallocationInput,
} from './dto/budget.inputs';
import {
  GrantBudget,
  ProgrammeBudget,
  ReallocationPreview,
  ReallocationPreviewOutcome,
} from './dto/budget.types';
import { ACCOUNTS, LedgerService } from './ledger.service';
import { Reallocation } from './reallocation.entity';
import { SpendEntry } from './spend-entry.entity';

function positiveAmount(input: MoneyInput, currency: string, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.amount <= 0) problems.push({ field: `${field}.amount`, message: 'must be positive' });
  if (input.currency !== currency)
    problems.push({
      field: `${field}.currency`,
      message: `must be ${currency}, the grant's currency`,
    });
  return problems;
}

/** The input checks a move gets, sent or previewed. */
function checkMove(input: ReallocationPreviewInput, grant: Grant): void {
  const problems = positiveAmount(input.amount, grant.currency, 'amount');
  if (input.fromLineId === input.toLineId)
    problems.push({ field: 'toLineId', message: 'must differ from fromLineId' });
  if (problems.length) throw BadUserInputError.forFields(problems);
}

/** A move waiting for its grant's next commit: who asks, what, and the id its row will have. */
interface MoveRequest {
  ctx: RequestContext;
  input: RequestReallocationInput;
  id: string;
  /** Runs work in the trace of the request that asked (a group runs in the first one's). */
  inOwnTrace: <R>(work: () => R) => R;
}

/** A move decided under the lock, before it is written. */
interface DecidedMove {
  reallocation: Reallocation;
  from: BudgetLine;
  to: BudgetLine;
}

/** Moves of one grant written by one transaction at most (the rest wait for the next). */
const MAX_MOVES_PER_COMMIT = 32;

const lineState = (line: BudgetLine): LineState => ({
  original: line.originalAmountMinor,
  allocated: line.allocatedMinor,
  spent: line.spentMinor,
});

@Injectable()
export class BudgetService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly grants: GrantService,
    private readonly aggregate: GrantAggregate,
    private readonly lifecycle: GrantLifecycleService,
    private readonly outbox: OutboxService,
    private readonly webhooks: WebhookEvents,
    private readonly budgetGuard: ProgrammeBudgetGuard,
    private readonly programmes: ProgrammeService,
  ) {}

  /**
   * Moves of one grant are committed in groups (`CommitGroups`): a move that finds its grant idle
   * runs at once; moves that arrive while it runs wait in this process and then go together into
   * the next transaction. A context already in a transaction (the seed) runs its move alone in it.
   */
  private readonly moves = new CommitGroups<MoveRequest, Reallocation>(
    (group) => this.applyMoves(group),
    MAX_MOVES_PER_COMMIT,
  );

  async requestReallocation(
    ctx: RequestContext,
    input: RequestReallocationInput,
  ): Promise<Reallocation> {
    const request = { ctx, input, id: randomUUID(), inOwnTrace: inCurrentTrace() };
    if (!ctx.inTransaction) return this.moves.submit(`${ctx.orgId}:${input.grantId}`, request);
    const [answer] = await this.applyMoves([request]);
    if (answer.ok) return answer.value;
    throw answer.error;
  }

  /**
   * One transaction for a group of moves of one grant, asked by one organisation. Round trips: the
   * idempotency keys claimed in one statement (replays and reused keys answered from it); one
   * statement locks the grant and reads every line the moves name and the programme's policy;
   * each move is checked and decided in order by the same rule (`reallocationOutcome`) against
   * the balances the moves before it left; one statement writes every reallocation row, the
   * lines' new allocations, the ledger entries, the outbox rows with their notify and one audit
   * event per move (with the actor who asked for it); then the commit. A move that is refused
   * writes nothing and its key is given back. The answers are the rows as written.
   *
   * A group of one throws its refusal, so the transaction rolls back as any refused mutation's.
   * When a larger group fails as a whole (an unexpected database error), each of its moves is
   * tried again alone, so no move fails for another's sake. A key twice in one group: the repeat
   * runs after the group's commit, as the replay it is.
   */
  private async applyMoves(group: MoveRequest[]): Promise<Settled<Reallocation>[]> {
    const seen = new Set<string>();
    const repeats = group.filter((m) => {
      const key = m.input.idempotencyKey;
      if (!key) return false;
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    });
    const together = group.filter((m) => !repeats.includes(m));
    const answers = new Map<MoveRequest, Settled<Reallocation>>();
    const replays = new Map<MoveRequest, string>();
    const alone = together.length === 1;
    // Set once the group's writes went through: a failure after it is the COMMIT's, whose outcome
    // the client cannot know.
    let written = false;
    try {
      await this.db.transaction(together[0].ctx, async (tx) => {
        const claims = await this.idempotency.claim(
          tx,
          'requestReallocation',
          together.map(({ input: { idempotencyKey, ...params }, id }) => ({
            key: idempotencyKey,
            params,
            resultId: id,
          })),
        );
        const fresh: MoveRequest[] = [];
        for (const [i, m] of together.entries()) {
          const claim = claims[i];
          if (claim.kind === 'replay') replays.set(m, claim.id);
          else if (claim.kind === 'reused') answers.set(m, { ok: false, error: claim.error });
          else fresh.push(m);
        }
        // Replays and reused keys are answered without the lock.
        if (!fresh.length) return;
        const grantId = fresh[0].input.grantId;
        const lineIds = [...new Set(fresh.flatMap((m) => [m.input.fromLineId, m.input.toLineId]))];
        await this.aggregate.withGrant(
          tx,
          { grantId },
          OrganizationKind.GRANTEE,
          async (h) => {
            const batch = this.db.batch(h.tx);
            const policy = await this.lockedPolicy(h);
            const moved = new Set<BudgetLine>();
            const givenBack: string[] = [];
            for (const m of fresh) {
              const tx = m.ctx.withManager(h.tx.manager!);
              // Decided first, written only when allowed: a refusal adds nothing to the batch, and
              // an error while writing fails the group (which is then retried move by move).
              const decided = await settle(() =>
                m.inOwnTrace(() => this.decideMove(h, tx, m, policy)),
              );
              if (!decided.ok) {
                if (alone) throw decided.error;
                if (m.input.idempotencyKey)
                  givenBack.push(
                    this.idempotency.scopedKey(h.tx, 'requestReallocation', m.input.idempotencyKey),
                  );
                answers.set(m, decided);
                continue;
              }
              m.inOwnTrace(() => this.writeMove(batch, h, tx, decided.value, moved));
              answers.set(m, { ok: true, value: decided.value.reallocation });
            }
            if (moved.size) this.lifecycle.writeAllocationsIn(batch, h, [...moved]);
            if (givenBack.length) this.idempotency.giveBackIn(batch, givenBack);
            await batch.run();
            written = true;
          },
          { lines: lineIds, reallocationPolicy: true },
        );
      });
    } catch (error) {
      if (!alone) {
        // The group failed as a whole: each move again on its own, in order — when the COMMIT
        // failed, only those with a key (a replay if it did commit); the others answer the error,
        // as a single move's failed commit does, rather than risk moving the money twice.
        const retried: Settled<Reallocation>[] = [];
        for (const m of group)
          retried.push(
            written && !m.input.idempotencyKey
              ? { ok: false, error }
              : (await this.applyMoves([m]))[0],
          );
        return retried;
      }
      answers.clear();
      replays.clear();
      answers.set(together[0], { ok: false, error });
    }
    for (const [m, id] of replays)
      answers.set(m, await settle(() => this.db.repo(m.ctx, Reallocation).findOneByOrFail({ id })));
    for (const m of repeats) answers.set(m, (await this.applyMoves([m]))[0]);
    return group.map((m) => answers.get(m)!);
  }

  /**
   * One move of a group, under the grant's lock: checked and decided against the lines as the
   * moves before it left them, in the name of `tx`, the context of the person who asked. Writes
   * nothing; a refusal throws.
   */
  private async decideMove(
    h: GrantHandle,
    tx: RequestContext,
    { input, id }: MoveRequest,
    policy: ReallocationPolicy,
  ): Promise<DecidedMove> {
    const { grant } = h;
    checkMove(input, grant);
    this.aggregate.assertActive(grant);
    const [from, to] = await h.lines([input.fromLineId, input.toLineId]);
    const amount = BigInt(input.amount.amount);
    const outcome = reallocationOutcome(lineState(from), lineState(to), amount, policy);
    if (outcome.outcome === 'REFUSED') throw this.refusal(grant, to, policy, outcome, tx);
    const withinTolerance = outcome.outcome === 'APPLIES_AT_ONCE';
    const reallocation = this.db.repo(tx, Reallocation).create({
      id,
      grantId: grant.id,
      fromLineId: from.id,
      toLineId: to.id,
      amountMinor: amount,
      currency: grant.currency,
      reason: input.reason,
      status: withinTolerance ? ReallocationStatus.APPLIED : ReallocationStatus.PENDING,
      withinTolerance,
      requestedById: tx.userId ?? null,
      decidedById: null,
      decisionComment: null,
      decidedAt: null,
      createdAt: h.now,
    });
    return { reallocation, from, to };
  }

  /**
   * A decided move into `batch`: the reallocation, the move (its lines join `moved`, written once
   * for the group) with its ledger entries, the outbox rows and the audit event, in the name of
   * `tx`.
   */
  private writeMove(
    batch: WriteBatch,
    h: GrantHandle,
    tx: RequestContext,
    { reallocation, from, to }: DecidedMove,
    moved: Set<BudgetLine>,
  ): void {
    const { grant } = h;
    const amount = reallocation.amountMinor;
    batch.insert(Reallocation, [reallocation]);
    if (reallocation.withinTolerance) {
      this.applyMove(batch, grant, tx, from, to, amount, reallocation.id);
      moved.add(from).add(to);
    } else
      this.outbox.emitIn(
        batch,
        tx,
        JobName.ReallocationWaiting,
        { reallocationId: reallocation.id },
        { organizationId: grant.funderOrganizationId },
      );
    this.webhooks.publishIn(
      batch,
      tx,
      WebhookEventType.REALLOCATION_REQUESTED,
      [grant.funderOrganizationId, grant.granteeOrganizationId],
      {
        grantId: grant.id,
        reallocationId: reallocation.id,
        status: reallocation.status,
        amount: { amount, currency: grant.currency },
      },
    );
    this.audit.recordIn(batch, tx, {
      action: reallocation.withinTolerance ? 'reallocation.applied' : 'reallocation.requested',
      subjectType: 'Reallocation',
      subjectId: reallocation.id,
      organizationId: grant.granteeOrganizationId,
      after: reallocation,
    });
  }

  /**
   * What `requestReallocation` would do with this move now, without doing it: the same checks in
   * the same order (bad input, the grant still running, lines of this grant) and the same rule
   * (`reallocationOutcome`), read without a lock. A refusal is an answer here, not an error.
   */
  async previewReallocation(
    ctx: RequestContext,
    input: ReallocationPreviewInput,
  ): Promise<ReallocationPreview> {
    const grant = await this.grants.get(ctx, input.grantId);
    if (grant.granteeOrganizationId !== ctx.orgId) throw new NotFoundError('Grant', input.grantId);
    checkMove(input, grant);
    this.aggregate.assertActive(grant);
    const [from, to] = await new GrantHandle(this.db, ctx, grant).lines([
      input.fromLineId,
      input.toLineId,
    ]);
    const policy = await this.policy(ctx, grant);
    const amount = BigInt(input.amount.amount);
    const outcome = reallocationOutcome(lineState(from), lineState(to), amount, policy);
    const m = (v: bigint) => Money.of(v, grant.currency);
    const floor = from.spentMinor > 0n ? from.spentMinor : 0n;
    const available = from.allocatedMinor - floor;
    const side = (line: BudgetLine, change: bigint) => ({
      line,
      original: m(line.originalAmountMinor),
      allocatedBefore: m(line.allocatedMinor),
      allocatedAfter: m(line.allocatedMinor + change),
      spent: m(line.spentMinor),
      ceiling: m(toleranceCeiling(line.originalAmountMinor, policy.tolerancePercent)),
    });
    const refusal =
      outcome.outcome === 'REFUSED' ? this.refusal(grant, to, policy, outcome, ctx) : null;
    return {
      outcome: ReallocationPreviewOutcome[outcome.outcome],
      reason: outcome.outcome === 'REFUSED' ? outcome.reason : null,
      message: refusal ? refusal.text[ctx.language] : null,
      tolerancePercent: policy.tolerancePercent,
      available: m(available > 0n ? available : 0n),
      from: side(from, -amount),
      to: side(to, amount),
    };
  }

  async decideReallocation(
    ctx: RequestContext,
    input: DecideReallocationInput,
  ): Promise<Reallocation> {
    const approve = input.decision === ReallocationDecision.APPROVE;
    if (!approve && !input.comment)
      throw BadUserInputError.forField(
        'comment',
        'is required to reject a reallocation',
        'ist nötig, um eine Umschichtung abzulehnen',
      );
    return this.idempotency.mutation(ctx, 'decideReallocation', input, Reallocation, (ctx) =>
      this.aggregate.withGrant(
        ctx,
        { entity: Reallocation, name: 'Reallocation', id: input.reallocationId },
        OrganizationKind.FUNDER,
        async (h, reallocation) => {
          const { tx, grant } = h;
          if (reallocation.status !== ReallocationStatus.PENDING) {
            throw budgetErrors.conflict(
              BudgetReason.NOT_PENDING,
              { current: reallocation.status, allowed: [ReallocationStatus.PENDING] },
              reallocation.status,
            );
          }
          // Everything is decided before the one statement that writes the move, the decision, the
          // outbox rows and the audit event; the answer is the row as it now stands.
          const batch = this.db.batch(tx);
          if (approve) {
            this.aggregate.assertActive(grant);
            const [from, to] = await h.lines([reallocation.fromLineId, reallocation.toLineId]);
            const policy = await this.lockedPolicy(h);
            // The hard rules are checked again against today's balances; the tolerance is what the funder waives.
            const verdict = judgeReallocation(
              {
                original: from.originalAmountMinor,
                allocated: from.allocatedMinor,
                spent: from.spentMinor,
              },
              {
                original: to.originalAmountMinor,
                allocated: to.allocatedMinor,
                spent: to.spentMinor,
              },
              reallocation.amountMinor,
              policy,
            );
            if (!verdict.ok) throw this.insufficient(grant, verdict.reason, verdict.available, tx);
            this.applyMove(batch, grant, tx, from, to, reallocation.amountMinor, reallocation.id);
            this.lifecycle.writeAllocationsIn(batch, h, [from, to]);
          }
          const before = { status: reallocation.status };
          const changes = {
            status: approve ? ReallocationStatus.APPLIED : ReallocationStatus.REJECTED,
            decidedById: tx.userId ?? null,
            decisionComment: input.comment ?? null,
            decidedAt: new Date(),
          };
          batch.sql(
            `UPDATE reallocation SET status = $2, decided_by_id = $3, decision_comment = $4,
                    decided_at = $5 WHERE id = $1`,
            [
              reallocation.id,
              changes.status,
              changes.decidedById,
              changes.decisionComment,
              changes.decidedAt,
            ],
          );
          this.webhooks.publishIn(
            batch,
            tx,
            WebhookEventType.REALLOCATION_DECIDED,
            [grant.funderOrganizationId, grant.granteeOrganizationId],
            { grantId: grant.id, reallocationId: reallocation.id, status: changes.status },
          );
          this.outbox.emitIn(
            batch,
            tx,
            JobName.ReallocationDecided,
            { reallocationId: reallocation.id },
            { organizationId: grant.granteeOrganizationId },
          );
          this.audit.recordIn(batch, tx, {
            action: approve ? 'reallocation.approved' : 'reallocation.rejected',
            subjectType: 'Reallocation',
            subjectId: reallocation.id,
            before,
            after: changes,
          });
          await batch.run();
          return { id: reallocation.id, row: Object.assign(reallocation, changes) };
        },
        { reallocationPolicy: approve },
      ),
    );
  }

  async amend(ctx: RequestContext, input: AmendGrantInput): Promise<Amendment> {
    return this.idempotency.mutation(ctx, 'amendGrant', input, Amendment, (ctx) =>
      this.aggregate.withGrant(
        ctx,
        { grantId: input.grantId },
        OrganizationKind.FUNDER,
        async (h) => {
          const { tx, grant } = h;
          const problems: FieldProblem[] = [];
          if (input.newAmount.currency !== grant.currency)
            problems.push({ field: 'newAmount.currency', message: `must be ${grant.currency}` });
          if (input.newAmount.amount <= 0)
            problems.push({ field: 'newAmount.amount', message: 'must be positive' });
          const newAmount = BigInt(input.newAmount.amount);
          const delta = newAmount - grant.awardedAmountMinor;
          if (delta === 0n)
            problems.push({
              field: 'newAmount.amount',
              message: 'equals the current award; nothing to amend',
            });
          const changeSum = input.lineChanges.reduce((s, c) => s + BigInt(c.change), 0n);
          if (changeSum !== delta)
            problems.push({
              field: 'lineChanges',
              message: `add up to ${changeSum} but the award changes by ${delta}`,
            });
          if (new Set(input.lineChanges.map((c) => c.lineId)).size !== input.lineChanges.length) {
            problems.push({ field: 'lineChanges', message: 'name each line once' });
          }
          if (problems.length) throw BadUserInputError.forFields(problems);
          const lines = await h.lines(input.lineChanges.map((c) => c.lineId));
          input.lineChanges.forEach((c, i) => {
            const line = lines[i];
            const after = line.allocatedMinor + BigInt(c.change);
            const floor = line.spentMinor > 0n ? line.spentMinor : 0n;
            if (after < floor) {
              const spent = (language: 'de' | 'en') =>
                Money.of(floor, grant.currency).format(language);
              problems.push(
                floor > 0n
                  ? {
                      field: `lineChanges.${i}.change`,
                      message: `would take "${line.name}" below what it has spent (${spent('en')})`,
                      messageDe: `brächte „${line.name}“ unter das, was dort schon ausgegeben ist (${spent('de')})`,
                    }
                  : {
                      field: `lineChanges.${i}.change`,
                      message: `would take "${line.name}" below zero`,
                      messageDe: `brächte „${line.name}“ unter null`,
                    },
              );
            }
          });
          if (problems.length) throw BadUserInputError.forFields(problems);

          // Unpaid tranches carry the change; lowering may not go below what was already released.
          const tranches = await h.tranches();
          const released = tranches
            .filter((t) => t.status === TrancheStatus.RELEASED)
            .reduce((s, t) => s + t.amountMinor, 0n);
          if (newAmount < released) {
            const fmt = (v: bigint) => Money.of(v, grant.currency).format(tx.language);
            throw budgetErrors.conflict(
              BudgetReason.BELOW_RELEASED,
              { released: released.toString() },
              fmt(released),
            );
          }
          // A raise is taken from the programme's available budget, under the programme's lock (taken
          // after the grant's, the guard's lock order); a raise beyond it is refused with the figures.
          await this.budgetGuard.reserve(tx, grant.programmeId, delta);
          await this.lifecycle.amendAward(
            h,
            newAmount,
            tranches,
            input.lineChanges.map((c, i) => ({ line: lines[i], change: BigInt(c.change) })),
          );
          const amendment = await this.db.repo(tx, Amendment).save({
            grantId: grant.id,
            previousAmountMinor: grant.awardedAmountMinor,
            newAmountMinor: newAmount,
            currency: grant.currency,
            reason: input.reason,
            decidedById: tx.userId ?? null,
          });
          await this.ledger.post(tx, {
            grantId: grant.id,
            kind: LedgerKind.AMENDMENT,
            currency: grant.currency,
            sourceId: amendment.id,
            memo: input.reason,
            entries: [
              { account: ACCOUNTS.commitment, amount: -delta },
              ...input.lineChanges.map((c) => ({
                account: ACCOUNTS.line(c.lineId),
                amount: BigInt(c.change),
              })),
            ],
          });
          await this.audit.record(tx, {
            action: 'grant.amended',
            subjectType: 'Grant',
            subjectId: grant.id,
            before: { awardedAmount: grant.awardedAmountMinor },
            after: {
              awardedAmount: newAmount,
              lineChanges: input.lineChanges,
              reason: input.reason,
            },
          });
          return amendment.id;
        },
        { active: true },
      ),
    );
  }

  async releaseTranche(ctx: RequestContext, input: ReleaseTrancheInput): Promise<Tranche> {
    return this.idempotency.mutation(
      ctx,
      'releaseTranche',
      input,
      { read: (c, id) => this.grants.trancheById(c, id) },
      (ctx) =>
        this.aggregate.withGrant<string, Tranche>(
          ctx,
          { trancheId: input.trancheId },
          OrganizationKind.FUNDER,
          async (h, tranche) => {
            const { grant } = h;
            if (tranche.status !== TrancheStatus.SCHEDULED) {
              throw budgetErrors.conflict(
                tranche.status === TrancheStatus.RELEASED
                  ? BudgetReason.ALREADY_RELEASED
                  : BudgetReason.CANCELLED,
                { current: tranche.status },
              );
            }
            if (tranche.kind === TrancheKind.HOLDBACK && grant.status !== GrantStatus.COMPLETED) {
              throw budgetErrors.conflict(BudgetReason.HOLDBACK_LOCKED, {});
            }
            await this.lifecycle.releaseTranche(h, tranche, 'released by hand');
            return tranche.id;
          },
        ),
    );
  }

  async reportSpend(ctx: RequestContext, input: ReportSpendInput): Promise<SpendEntry> {
    return this.idempotency.mutation(ctx, 'reportSpend', input, SpendEntry, (ctx) =>
      this.aggregate.withGrant(
        ctx,
        { grantId: input.grantId },
        OrganizationKind.GRANTEE,
        async (h) => {
          const { grant } = h;
          const problems = positiveAmount(input.amount, grant.currency, 'amount');
          if (problems.length) throw BadUserInputError.forFields(problems);
          this.aggregate.assertActive(grant);
          const [line] = await h.lines([input.lineId]);
          if (input.sprintId && !(await h.hasSprint(input.sprintId))) {
            throw BadUserInputError.forField(
              'sprintId',
              'is not a sprint of this grant',
              'ist kein Sprint dieser Förderung',
            );
          }
          const policy = await this.lockedPolicy(h);
          const amount = BigInt(input.amount.amount);
          const spentAfter = line.spentMinor + amount;
          const beyond = spendBeyondTolerance(
            {
              original: line.originalAmountMinor,
              allocated: line.allocatedMinor,
              spent: spentAfter,
            },
            policy.tolerancePercent,
          );
          if (beyond && !input.explanation) {
            throw budgetErrors.badInput(
              BudgetReason.EXPLANATION_REQUIRED,
              [
                {
                  field: 'explanation',
                  message: 'is required when spend goes beyond the tolerance',
                  messageDe: 'ist nötig, wenn die Ausgabe über die Toleranz hinausgeht',
                },
              ],
              {},
              line.name,
            );
          }
          const entry = await this.postSpend(h, line, amount, {
            sprintId: input.sprintId ?? null,
            reviewId: null,
            spentOn: input.spentOn,
            note: input.note,
            receiptReference: input.receiptReference ?? null,
            beyondTolerance: beyond,
            explanation: input.explanation ?? null,
          });
          return entry.id;
        },
        { lines: [input.lineId], reallocationPolicy: true },
      ),
    );
  }

  /**
   * Books spend on a line (the caller holds the grant's lock and has checked the rules): the entry,
   * the line's cached balance, the ledger and the audit event. A negative amount corrects spend
   * reported earlier (a later version of a sprint review).
   */
  async postSpend(
    h: GrantHandle,
    line: BudgetLine,
    amount: bigint,
    details: Pick<
      SpendEntry,
      | 'sprintId'
      | 'reviewId'
      | 'spentOn'
      | 'note'
      | 'receiptReference'
      | 'beyondTolerance'
      | 'explanation'
    >,
  ): Promise<SpendEntry> {
    const { tx, grant } = h;
    const entry = await this.db.repo(tx, SpendEntry).save({
      grantId: grant.id,
      lineId: line.id,
      amountMinor: amount,
      currency: grant.currency,
      reportedById: tx.userId ?? null,
      ...details,
    });
    await this.lifecycle.addSpend(h, line.id, amount);
    await this.ledger.post(tx, {
      grantId: grant.id,
      kind: LedgerKind.SPEND,
      currency: grant.currency,
      sourceId: entry.id,
      memo: details.note,
      entries: [
        { account: ACCOUNTS.spent(line.id), amount },
        { account: ACCOUNTS.granteeFunds, amount: -amount },
      ],
    });
    await this.audit.record(tx, {
      action: amount < 0n ? 'spend.corrected' : 'spend.reported',
      subjectType: 'SpendEntry',
      subjectId: entry.id,
      organizationId: grant.granteeOrganizationId,
      after: entry,
    });
    return entry;
  }

  async grantBudget(ctx: RequestContext, grantId: string): Promise<GrantBudget> {
    const grant = await this.grants.get(ctx, grantId);
    const [lines, tranches, pending, burn, policy, problems] = await this.db.all(ctx, [
      () => this.grants.linesOf(ctx, grantId),
      () => this.grants.tranchesOf(ctx, grantId),
      () =>
        this.db.repo(ctx, Reallocation).find({
          where: { grantId, status: ReallocationStatus.PENDING },
          order: { createdAt: 'ASC', id: 'ASC' },
        }),
      () =>
        this.db.manager(ctx).query<{ number: number; spent: string }[]>(
          `SELECT s.number, coalesce(sum(e.amount_minor), 0)::text AS spent
             FROM sprint s LEFT JOIN spend_entry e ON e.sprint_id = s.id
            WHERE s.grant_id = $1 GROUP BY s.number ORDER BY s.number`,
          [grantId],
        ),
      () => this.policy(ctx, grant),
      () => this.ledger.verify(ctx, grantId),
    ]);
    const m = (v: bigint) => Money.of(v, grant.currency);
    const lineBudgets = lines.map((line) => ({
      line,
      original: m(line.originalAmountMinor),
      allocated: m(line.allocatedMinor),
      spent: m(line.spentMinor),
      remaining: m(line.allocatedMinor - line.spentMinor),
      deviationPercent: deviationPercent(line.originalAmountMinor, line.allocatedMinor),
      withinTolerance:
        line.allocatedMinor <= toleranceCeiling(line.originalAmountMinor, policy.tolerancePercent),
    }));
    const allocated = lines.reduce((s, l) => s + l.allocatedMinor, 0n);
    const spent = lines.reduce((s, l) => s + l.spentMinor, 0n);
    const sumOf = (kinds: TrancheKind[] | null, status: TrancheStatus) =>
      tranches
        .filter((t) => t.status === status && (!kinds || kinds.includes(t.kind)))
        .reduce((s, t) => s + t.amountMinor, 0n);
    return {
      awarded: m(grant.awardedAmountMinor),
      allocated: m(allocated),
      released: m(sumOf(null, TrancheStatus.RELEASED)),
      spent: m(spent),
      remaining: m(allocated - spent),
      holdback: m(sumOf([TrancheKind.HOLDBACK], TrancheStatus.SCHEDULED)),
      lines: lineBudgets,
      burnBySprint: burn.map((b) => ({ sprintNumber: b.number, spent: m(BigInt(b.spent)) })),
      linesOutsideTolerance: lineBudgets.filter((l) => !l.withinTolerance).length,
      pendingReallocations: pending,
      ledgerConsistent: problems.length === 0,
    };
  }

  async programmeBudget(ctx: RequestContext, programmeId: string): Promise<ProgrammeBudget> {
    const programme = await this.programmes.ownOrNull(ctx, programmeId);
    if (!programme) throw new NotFoundError('Programme', programmeId);
    const rows = await this.db.manager(ctx).query<
      {
        id: string;
        reference: string;
        awarded: string;
        released: string;
        spent: string;
        outside: number;
        pending: number;
      }[]
    >(
      `SELECT g.id, g.reference, g.awarded_amount_minor::text AS awarded,
              coalesce((SELECT sum(t.amount_minor) FROM tranche t WHERE t.grant_id = g.id AND t.status = 'RELEASED'), 0)::text AS released,
              coalesce((SELECT sum(l.spent_minor) FROM budget_line l WHERE l.grant_id = g.id), 0)::text AS spent,
              (SELECT count(*) FROM budget_line l WHERE l.grant_id = g.id
                 AND l.allocated_minor * 100 > l.original_amount_minor * (100 + ($2::jsonb ->> 'tolerancePercent')::int))::int AS outside,
              (SELECT count(*) FROM reallocation r WHERE r.grant_id = g.id AND r.status = 'PENDING')::int AS pending
         FROM "grant" g WHERE g.programme_id = $1 ORDER BY g.reference`,
      [programme.id, JSON.stringify(programme.reallocationPolicy)],
    );
    const m = (v: bigint) => Money.of(v, programme.currency);
    const total = (key: 'awarded' | 'released' | 'spent') =>
      rows.reduce((s, r) => s + BigInt(r[key]), 0n);
    // Available as the guard counts it, the figure approvals and amendments are held to.
    const figures = await this.budgetGuard.figures(ctx, programme);
    return {
      totalBudget: m(programme.totalBudgetMinor),
      awarded: m(total('awarded')),
      available: m(figures.available),
      returned: m(figures.returned),
      released: m(total('released')),
      spent: m(total('spent')),
      grants: rows.map((r) => ({
        grantId: r.id,
        reference: r.reference,
        awarded: m(BigInt(r.awarded)),
        released: m(BigInt(r.released)),
        spent: m(BigInt(r.spent)),
        remaining: m(BigInt(r.awarded) - BigInt(r.spent)),
        linesOutsideTolerance: r.outside,
        pendingReallocations: r.pending,
      })),
    };
  }

  /** A grant ended: its reallocations still waiting for the funder are closed (in `tx`). */
  async closePendingReallocations(
    tx: RequestContext,
    grantId: string,
    reason: string,
  ): Promise<void> {
    const pending = await this.db
      .repo(tx, Reallocation)
      .findBy({ grantId, status: ReallocationStatus.PENDING });
    for (const r of pending) {
      const changes = {
        status: ReallocationStatus.REJECTED,
        decisionComment: reason,
        decidedAt: new Date(),
      };
      await this.db.repo(tx, Reallocation).update({ id: r.id }, changes);
      await this.audit.record(tx, {
        action: 'reallocation.closed',
        subjectType: 'Reallocation',
        subjectId: r.id,
        before: { status: r.status },
        after: changes,
      });
    }
  }

  /**
   * The spend entries of a grant the caller already holds (a proof of use), oldest first; with
   * `until`, those booked on or before that calendar day.
   */
  spendEntriesOf(ctx: RequestContext, grantId: string, until?: string): Promise<SpendEntry[]> {
    return this.db.repo(ctx, SpendEntry).find({
      where: { grantId, ...(until ? { spentOn: LessThanOrEqual(until) } : {}) },
      order: { spentOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The applied reallocations of a grant the caller already holds, oldest first. */
  appliedReallocationsOf(ctx: RequestContext, grantId: string): Promise<Reallocation[]> {
    return this.db.repo(ctx, Reallocation).find({
      where: { grantId, status: ReallocationStatus.APPLIED },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** A grant's reallocations, newest first, a page at a time. */
  async reallocations(
    ctx: RequestContext,
    grantId: string,
    page: PageArgs,
  ): Promise<ConnectionShape<Reallocation>> {
    await this.grants.get(ctx, grantId);
    const qb = this.db
      .repo(ctx, Reallocation)
      .createQueryBuilder('r')
      .where('r.grant_id = :grantId', { grantId });
    return paginate(qb, page, createdAtKeys('r'));
  }

  /**
   * A grant's spend entries — all of them, or one line's —, latest spending date first (then
   * latest reported), a page at a time. Corrected review figures stay listed as reported.
   */
  async spendEntries(
    ctx: RequestContext,
    grantId: string,
    lineId: string | undefined,
    page: PageArgs,
  ): Promise<ConnectionShape<SpendEntry>> {
    await this.grants.get(ctx, grantId);
    const qb = this.db
      .repo(ctx, SpendEntry)
      .createQueryBuilder('s')
      .where('s.grant_id = :grantId', { grantId });
    if (lineId) qb.andWhere('s.line_id = :lineId', { lineId });
    return paginate(qb, page, [
      { column: 's.spent_on', value: (row) => row.spentOn },
      ...createdAtKeys<SpendEntry>('s'),
    ]);
  }

  private async policy(ctx: RequestContext, grant: Grant) {
    const programme = await this.programmes.settingsOf(ctx, grant.programmeId);
    return programme.reallocationPolicy;
  }

  /** The policy read with the grant's lock (`reallocationPolicy: true`), else read now. */
  private async lockedPolicy(h: GrantHandle): Promise<ReallocationPolicy> {
    return h.reallocationPolicy ?? this.policy(h.tx, h.grant);
  }

  /**
   * A move applied to the lines in memory (`from` and `to` now hold the new allocations; the caller
   * writes them with `writeAllocationsIn`) and its balanced ledger entries, in the name of `tx`.
   */
  private applyMove(
    batch: WriteBatch,
    grant: Grant,
    tx: RequestContext,
    from: BudgetLine,
    to: BudgetLine,
    amount: bigint,
    sourceId: string,
  ): void {
    from.allocatedMinor -= amount;
    to.allocatedMinor += amount;
    this.ledger.postIn(batch, tx, {
      grantId: grant.id,
      kind: LedgerKind.REALLOCATION,
      currency: grant.currency,
      sourceId,
      memo: `${from.name} → ${to.name}`,
      entries: [
        { account: ACCOUNTS.line(from.id), amount: -amount },
        { account: ACCOUNTS.line(to.id), amount },
      ],
    });
  }

  /** The error a refused move answers (`requestReallocation` throws it; the preview words it). */
  private refusal(
    grant: Grant,
    to: BudgetLine,
    policy: { tolerancePercent: number },
    outcome: Extract<ReallocationOutcome, { outcome: 'REFUSED' }>,
    ctx: RequestContext,
  ): ConflictError {
    if (outcome.reason === BudgetReason.BEYOND_TOLERANCE)
      return budgetErrors.conflict(
        BudgetReason.BEYOND_TOLERANCE,
        {
          ceiling: toleranceCeiling(to.originalAmountMinor, policy.tolerancePercent).toString(),
        },
        to.name,
        policy.tolerancePercent,
      );
    return this.insufficient(grant, outcome.reason, outcome.available, ctx);
  }

  private insufficient(
    grant: Grant,
    reason: BudgetReason.INSUFFICIENT_BALANCE | BudgetReason.BELOW_SPENT,
    available: bigint,
    ctx: RequestContext,
  ): ConflictError {
    const fmt = Money.of(available, grant.currency).format(ctx.language);
    return budgetErrors.conflict(reason, { available: available.toString() }, fmt);
  }
}
