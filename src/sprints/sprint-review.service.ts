// Sprint reviews: the grantee's draft, submitted versions (with spend booked through the budget
// engine and learnings shared), the funder's decisions — acceptance releases the next tranche and
// opens the next sprint in one transaction — and the comment thread both sides write in.
// Every mutation locks the grant row first, like the budget engine, so decisions, submissions and
// money movements of one grant happen one after the other.
import { Injectable } from '@nestjs/common';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { WebhookEventType } from '../webhooks/webhook.enums';
import { AuditService } from '../core/audit/audit.service';
import { addDays, daysBetween } from '../core/calendar/calendar-day';
import { Clock } from '../core/calendar/clock';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError, FieldProblem, NotFoundError } from '../core/errors/app-error';
import { IdempotencyService } from '../core/idempotency/idempotency.service';
import { Money } from '../core/money/money';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';
import { BudgetService } from '../budget/budget.service';
import { spendBeyondTolerance } from '../budget/budget-rules';
import type { BudgetLine, Sprint } from '../grants/grant.entity';
import { GrantStatus, SprintStatus } from '../grants/grant.enums';
import { GrantAggregate, GrantHandle } from '../grants/grant-aggregate';
import { GrantLifecycleService } from '../grants/grant-lifecycle.service';
import { OrganizationKind } from '../identity/roles';
import { LearningService } from '../learnings/learning.service';
import type { Programme } from '../programmes/programme.entity';
import { ProgrammeService } from '../programmes/programme.service';
import {
  CommentOnSprintReviewInput,
  DecideSprintReviewInput,
  SaveSprintReviewInput,
  SubmitSprintReviewInput,
} from './dto/review.inputs';
import { EMPTY_CONTENT, ReviewContent, StoredPlan } from './review-content';
import { draftProblems, planDiff, ReviewScope, submissionProblems } from './review-rules';
import { REVIEW_EDITABLE, REVIEW_SUBMITTABLE, sprintConflict } from '../grants/sprint-lifecycle';
import { closeWaitingRequests, withdrawOpenDelays } from './waiting-requests';
import { ReviewDecisionKind } from './sprint.enums';
import { SprintReason, sprintErrors } from './sprint.errors';
import { ScheduleShift } from './schedule-shift.entity';
import {
  PlanChange,
  ReviewComment,
  ReviewDecision,
  SprintReview,
  SprintReviewVersion,
} from './sprint-review.entity';

@Injectable()
export class SprintReviewService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly budget: BudgetService,
    private readonly aggregate: GrantAggregate,
    private readonly lifecycle: GrantLifecycleService,
    private readonly programmes: ProgrammeService,
    private readonly learnings: LearningService,
    private readonly outbox: OutboxService,
    private readonly webhooks: WebhookEvents,
    private readonly clock: Clock,
  ) {}

  /** Saves the grantee's draft: fields given replace what was saved; every problem is listed. */
  async save(ctx: RequestContext, input: SaveSprintReviewInput): Promise<SprintReview> {
    const id = await this.aggregate.withGrant<string, Sprint>(
      ctx,
      { sprintId: input.sprintId },
      OrganizationKind.GRANTEE,
      async (h, sprint) => {
        if (!REVIEW_EDITABLE.includes(sprint.status) && !(await this.previousWaits(h, sprint)))
          throw sprintConflict(sprint, 'edit its review', REVIEW_EDITABLE);
        return this.writeDraft(h, sprint, input, true);
      },
      { active: true },
    );
    return this.db.repo(ctx, SprintReview).findOneByOrFail({ id });
  }

  /**
   * A PLANNED sprint whose predecessor's review waits for the funder (or is being reworked): the
   * team already works in it, so it may draft its review; submitting waits until it is ACTIVE.
   */
  private async previousWaits(h: GrantHandle, sprint: Sprint): Promise<boolean> {
    if (sprint.status !== SprintStatus.PLANNED || sprint.number === 1) return false;
    const previous = await h.sprintByNumber(sprint.number - 1);
    return (
      previous?.status === SprintStatus.IN_REVIEW ||
      previous?.status === SprintStatus.CHANGES_REQUESTED
    );
  }

  /** Merges the fields given into the draft (checked unless the caller checks the whole at submission). */
  private async writeDraft(
    h: GrantHandle,
    sprint: Sprint,
    input: SaveSprintReviewInput,
    check: boolean,
  ): Promise<string> {
    const { tx, grant } = h;
    const existing = await this.db.repo(tx, SprintReview).findOneBy({ sprintId: sprint.id });
    const programme = await this.programmes.settingsOf(tx, grant.programmeId);
    const scope = await this.scope(h, sprint, programme);
    const content = this.merge(existing?.draft ?? EMPTY_CONTENT, input, scope);
    if (check) {
      const problems = draftProblems(content, scope);
      if (problems.length) throw BadUserInputError.forFields(problems);
    }
    const review = await this.db.repo(tx, SprintReview).save({
      ...(existing ?? { grantId: grant.id, sprintId: sprint.id, submittedVersion: 0 }),
      draft: content,
    });
    await this.audit.record(tx, {
      action: existing ? 'sprint-review.draft-saved' : 'sprint-review.started',
      subjectType: 'SprintReview',
      subjectId: review.id,
      organizationId: grant.granteeOrganizationId,
      before: existing ? { draft: existing.draft } : null,
      after: { draft: content },
    });
    return review.id;
  }

  /**
   * Submits the draft (with any fields sent along) as the next version: the sprint goes to review,
   * spend is booked, learnings are shared.
   */
  async submit(ctx: RequestContext, input: SubmitSprintReviewInput): Promise<SprintReview> {
    return this.idempotency.mutation(ctx, 'submitSprintReview', input, SprintReview, (ctx) =>
      this.aggregate.withGrant<string, Sprint>(
        ctx,
        { sprintId: input.sprintId },
        OrganizationKind.GRANTEE,
        async (h, sprint) => {
          if (!REVIEW_SUBMITTABLE.includes(sprint.status))
            throw sprintConflict(sprint, 'submit its review', REVIEW_SUBMITTABLE);
          // Fields sent with the submission are saved first; all problems are then listed together.
          const { sprintId: _sprint, idempotencyKey: _key, ...fields } = input;
          if (Object.values(fields).some((v) => v !== undefined))
            await this.writeDraft(h, sprint, input, false);
          const review = await this.submitVersion(h, sprint, { final: false });
          return review.id;
        },
        { active: true },
      ),
    );
  }

  /**
   * Turns the draft into a submitted version (the caller holds the grant's lock and checked the
   * sprint's status). Also used for the final review of a STOP notice. Problem paths are those of
   * the draft's fields, prefixed with `prefix`.
   */
  async submitVersion(
    h: GrantHandle,
    sprint: Sprint,
    options: { final: boolean; prefix?: string; otherProblems?: FieldProblem[] },
  ): Promise<SprintReview> {
    const { tx, grant } = h;
    const review = await this.db.repo(tx, SprintReview).findOneBy({ sprintId: sprint.id });
    const content = review?.draft ?? EMPTY_CONTENT;
    // The programme's template, tolerance and learning visibility, read once for the whole submission.
    const programme = await this.programmes.settingsOf(tx, grant.programmeId);
    const scope = await this.scope(h, sprint, programme);
    const next = await h.sprintByNumber(sprint.number + 1);
    const problems = submissionProblems(content, scope, {
      nextSprint: next !== null,
      final: options.final,
    });
    const deltas = review ? await this.spendDeltas(h, programme, review, content, problems) : [];
    if (problems.length || options.otherProblems?.length || !review) {
      const prefixed = [
        ...(options.otherProblems ?? []),
        ...problems.map((p) => ({
          ...p,
          field: options.prefix ? `${options.prefix}.${p.field}` : p.field,
        })),
      ];
      throw sprintErrors.badInput(SprintReason.REVIEW_INCOMPLETE, prefixed, {}, prefixed);
    }
    const number = review.submittedVersion + 1;
    const planBefore = next ? await this.planOf(h, next) : null;
    const version = await this.db.repo(tx, SprintReviewVersion).save({
      reviewId: review.id,
      number,
      content,
      planBefore,
      final: options.final,
      submittedById: tx.userId ?? null,
    });
    for (const d of deltas) {
      await this.budget.postSpend(h, d.line, d.delta, {
        sprintId: sprint.id,
        reviewId: review.id,
        spentOn: sprint.endDate,
        // Where it came from is its reviewId; readers see that in their own language.
        note: '',
        receiptReference: null,
        beyondTolerance: d.beyond,
        explanation: d.explanation,
      });
    }
    await this.learnings.shareFromReview(tx, {
      grant,
      sprint,
      reviewId: review.id,
      version: number,
      defaultVisibility: programme.learningVisibilityDefault,
      learnings: content.learnings,
    });
    if (sprint.status !== SprintStatus.IN_REVIEW)
      await this.lifecycle.moveSprint(h, sprint, SprintStatus.IN_REVIEW);
    // A delay asked for this sprint is moot once its review is in.
    await withdrawOpenDelays(
      this.db,
      this.audit,
      tx,
      { grantId: grant.id, sprintId: sprint.id },
      'The sprint review was submitted.',
    );
    await this.db
      .repo(tx, SprintReview)
      .update({ id: review.id }, { submittedVersion: number, final: options.final });
    await this.audit.record(tx, {
      action: 'sprint-review.submitted',
      subjectType: 'SprintReview',
      subjectId: review.id,
      organizationId: grant.granteeOrganizationId,
      before: { sprintStatus: sprint.status, version: review.submittedVersion },
      after: {
        sprintStatus: SprintStatus.IN_REVIEW,
        version: number,
        versionId: version.id,
        final: options.final,
        spendChanges: deltas.map((d) => ({ lineId: d.line.id, change: d.delta })),
      },
    });
    await this.webhooks.publish(
      tx,
      WebhookEventType.SPRINT_REVIEW_SUBMITTED,
      [grant.funderOrganizationId, grant.granteeOrganizationId],
      {
        grantId: grant.id,
        reviewId: review.id,
        sprintNumber: sprint.number,
        version: number,
        final: options.final,
      },
    );
    await this.outbox.emit(
      tx,
      JobName.ReviewSubmitted,
      { reviewId: review.id, version: number },
      { organizationId: grant.funderOrganizationId },
    );
    return { ...review, submittedVersion: number, final: options.final };
  }

  /** Accept (release, plan, next sprint — or completion) or ask for changes. */
  async decide(ctx: RequestContext, input: DecideSprintReviewInput): Promise<SprintReview> {
    return this.idempotency.mutation(ctx, 'decideSprintReview', input, SprintReview, (ctx) =>
      this.aggregate.withGrant(
        ctx,
        {
          entity: SprintReview,
          name: 'SprintReview',
          id: input.reviewId,
          exists: (r) => r.submittedVersion > 0,
        },
        OrganizationKind.FUNDER,
        async (h, review) => {
          const { tx, grant } = h;
          const sprint = await h.sprint(review.sprintId);
          const accept = input.decision === ReviewDecisionKind.ACCEPT;
          if (sprint.status !== SprintStatus.IN_REVIEW)
            throw sprintConflict(sprint, accept ? 'accept its review' : 'request changes', [
              SprintStatus.IN_REVIEW,
            ]);
          if (!accept && !input.comment)
            throw BadUserInputError.forField(
              'comment',
              'say what should change',
              'bitte sagen, was sich ändern soll',
            );
          if (!accept && grant.status === GrantStatus.STOPPED) {
            throw sprintErrors.conflict(SprintReason.GRANT_STOPPED, { current: grant.status });
          }
          const to = accept ? SprintStatus.ACCEPTED : SprintStatus.CHANGES_REQUESTED;
          await this.lifecycle.moveSprint(h, sprint, to);
          const decision = await this.db.repo(tx, ReviewDecision).save({
            reviewId: review.id,
            version: review.submittedVersion,
            decision: input.decision,
            comment: input.comment ?? '',
            decidedById: tx.userId ?? null,
          });
          if (input.comment)
            await this.addComment(tx, review, grant.funderOrganizationId, input.comment);
          await this.audit.record(tx, {
            action: accept ? 'sprint-review.accepted' : 'sprint-review.changes-requested',
            subjectType: 'SprintReview',
            subjectId: review.id,
            organizationId: grant.funderOrganizationId,
            before: { sprintStatus: sprint.status },
            after: {
              sprintStatus: to,
              version: review.submittedVersion,
              decisionId: decision.id,
              comment: input.comment,
            },
          });
          await this.webhooks.publish(
            tx,
            WebhookEventType.SPRINT_REVIEW_DECIDED,
            [grant.funderOrganizationId, grant.granteeOrganizationId],
            {
              grantId: grant.id,
              reviewId: review.id,
              sprintNumber: sprint.number,
              version: review.submittedVersion,
              decision: input.decision,
            },
          );
          await this.outbox.emit(
            tx,
            JobName.ReviewDecided,
            { reviewId: review.id, decisionId: decision.id },
            { organizationId: grant.granteeOrganizationId },
          );
          if (accept && grant.status === GrantStatus.ACTIVE) await this.advance(h, sprint, review);
          return review.id;
        },
      ),
    );
  }

  async comment(ctx: RequestContext, input: CommentOnSprintReviewInput): Promise<ReviewComment> {
    const id = await this.db.transaction(ctx, async (tx) => {
      const review = await this.get(tx, input.reviewId);
      if (review.submittedVersion === 0) {
        throw sprintErrors.conflict(SprintReason.NOT_SUBMITTED, {});
      }
      const comment = await this.addComment(tx, review, tx.organizationId!, input.body);
      await this.audit.record(tx, {
        action: 'sprint-review.commented',
        subjectType: 'SprintReview',
        subjectId: review.id,
        after: { commentId: comment.id, body: input.body },
      });
      return comment.id;
    });
    return this.db.repo(ctx, ReviewComment).findOneByOrFail({ id });
  }

  /** A review the caller may see: the grantee always, the funder once a version was submitted. */
  async get(ctx: RequestContext, id: string): Promise<SprintReview> {
    const review = await this.visible(ctx).andWhere('r.id = :id', { id }).getOne();
    if (!review) throw new NotFoundError('SprintReview', id);
    return review;
  }

  visible(ctx: RequestContext) {
    return this.db
      .repo(ctx, SprintReview)
      .createQueryBuilder('r')
      .innerJoin('grant', 'g', 'g.id = r.grant_id')
      .where(
        '(g.grantee_organization_id = :org OR (g.funder_organization_id = :org AND r.submitted_version > 0))',
        { org: ctx.orgId },
      );
  }

  // ---------------------------------------------------------------------------------------------

  /** Acceptance of a running grant's review: plan, tranche, next sprint — or completion. */
  private async advance(h: GrantHandle, sprint: Sprint, review: SprintReview): Promise<void> {
    const { tx, grant } = h;
    const version = await this.db
      .repo(tx, SprintReviewVersion)
      .findOneByOrFail({ reviewId: review.id, number: review.submittedVersion });
    const next = await h.sprintByNumber(sprint.number + 1);
    if (next) {
      const plan = version.content.nextSprint;
      if (plan) await this.applyPlan(h, next, review, plan);
      await this.startLateSprintToday(h, next, review);
      await this.lifecycle.activateNextSprint(h, sprint, next);
      return;
    }
    // The final sprint: the grant is complete, whatever the reviews still owe is paid, unpaid
    // money goes back and unspent money is claimed back.
    await this.lifecycle.complete(h, sprint);
    await closeWaitingRequests(
      this.db,
      this.audit,
      this.budget,
      tx,
      grant.id,
      'The grant was completed.',
    );
  }

  /**
   * A review accepted after the next sprint's planned start: that sprint starts on the acceptance
   * day (on the programme's calendar) and keeps its length; later sprints and the grant's end move
   * by as many days. The funder's delay never becomes the grantee's overdue.
   */
  private async startLateSprintToday(
    h: GrantHandle,
    next: Sprint,
    review: SprintReview,
  ): Promise<void> {
    const { tx, grant } = h;
    const programme = await this.programmes.settingsOf(tx, grant.programmeId);
    const today = this.clock.today(programme.timeZone);
    const shift = daysBetween(next.startDate, today);
    if (shift <= 0) return;
    const { moved, grantEndDate } = await this.lifecycle.shiftSchedule(h, next.number, shift);
    const record = await this.db.repo(tx, ScheduleShift).save({
      grantId: grant.id,
      sprintId: next.id,
      sprintNumber: next.number,
      reviewId: review.id,
      shiftDays: shift,
      previousStartDate: next.startDate,
      newStartDate: today,
    });
    await this.audit.record(tx, {
      action: 'sprint.rescheduled',
      subjectType: 'Sprint',
      subjectId: next.id,
      organizationId: grant.funderOrganizationId,
      before: { startDate: next.startDate, endDate: next.endDate, grantEndDate: grant.endDate },
      after: {
        startDate: today,
        endDate: addDays(next.endDate, shift),
        grantEndDate,
        shiftDays: shift,
        movedSprints: [...moved].sort((a, b) => a - b),
        scheduleShiftId: record.id,
      },
    });
  }

  private async applyPlan(
    h: GrantHandle,
    next: Sprint,
    review: SprintReview,
    plan: StoredPlan,
  ): Promise<void> {
    const { tx, grant } = h;
    const before = await this.planOf(h, next);
    const diff = planDiff(before, plan);
    if (!diff.changed) return;
    await this.lifecycle.replacePlan(h, next, plan);
    const change = await this.db.repo(tx, PlanChange).save({
      grantId: grant.id,
      sprintId: next.id,
      sprintNumber: next.number,
      reviewId: review.id,
      before,
      after: plan,
    });
    await this.audit.record(tx, {
      action: 'sprint.plan-changed',
      subjectType: 'Sprint',
      subjectId: next.id,
      organizationId: grant.funderOrganizationId,
      before,
      after: { ...plan, planChangeId: change.id, diff: diff.text },
    });
  }

  private async planOf(h: GrantHandle, sprint: Sprint): Promise<StoredPlan> {
    const milestones = await h.milestones(sprint.id);
    return { goal: sprint.goal, milestones: milestones.map((m) => m.title) };
  }

  private async addComment(
    tx: RequestContext,
    review: SprintReview,
    organizationId: string,
    body: string,
  ): Promise<ReviewComment> {
    return this.db.repo(tx, ReviewComment).save({
      reviewId: review.id,
      version: review.submittedVersion,
      authorId: tx.userId ?? null,
      organizationId,
      body,
    });
  }

  /**
   * What booking this version's spend changes per line. The review states the sprint's total per
   * line; spend already reported for the sprint (by `reportSpend` or earlier versions) counts, so
   * only the difference is booked. Lines the review no longer names drop what it booked there.
   * Lines beyond tolerance without an explanation, and totals below what `reportSpend` booked for
   * the sprint, become problems.
   */
  private async spendDeltas(
    h: GrantHandle,
    programme: Programme,
    review: SprintReview,
    content: ReviewContent,
    problems: FieldProblem[],
  ) {
    const { tx, grant } = h;
    const booked = await this.db
      .manager(tx)
      .query<{ line_id: string; total: string; by_review: string }[]>(
        `SELECT line_id, sum(amount_minor)::text AS total,
              coalesce(sum(amount_minor) FILTER (WHERE review_id = $2), 0)::text AS by_review
         FROM spend_entry WHERE grant_id = $1 AND sprint_id = $3 GROUP BY line_id`,
        [grant.id, review.id, review.sprintId],
      );
    const bookedBy = new Map(
      booked.map((b) => [b.line_id, { total: BigInt(b.total), byReview: BigInt(b.by_review) }]),
    );
    const wanted = new Map<string, { amount: bigint; explanation: string | null; index: number }>();
    content.spend.forEach((s, index) =>
      wanted.set(s.lineId, { amount: BigInt(s.amountMinor), explanation: s.explanation, index }),
    );
    const lineIds = [
      ...new Set([
        ...wanted.keys(),
        ...booked.filter((b) => BigInt(b.by_review) !== 0n).map((b) => b.line_id),
      ]),
    ];
    if (!lineIds.length) return [];
    const lines = await h.linesAmong(lineIds);
    const policy = programme.reallocationPolicy;
    const fmt = (v: bigint) => Money.of(v, grant.currency).format(tx.language);
    const deltas: {
      line: BudgetLine;
      delta: bigint;
      beyond: boolean;
      explanation: string | null;
    }[] = [];
    for (const line of lines) {
      const w = wanted.get(line.id);
      const { total, byReview } = bookedBy.get(line.id) ?? { total: 0n, byReview: 0n };
      const elsewhere = total - byReview;
      if (w && w.amount < elsewhere) {
        problems.push({
          field: `spend.${w.index}.amount.amount`,
          message: `is below the ${fmt(elsewhere)} already reported for this sprint on "${line.name}"; state the sprint's total`,
          messageDe: `liegt unter den ${fmt(elsewhere)}, die für diesen Sprint auf „${line.name}“ schon gemeldet sind; bitte die Summe des Sprints angeben`,
        });
        continue;
      }
      const delta = w ? w.amount - total : -byReview;
      if (delta === 0n) continue;
      const beyond = spendBeyondTolerance(
        {
          original: line.originalAmountMinor,
          allocated: line.allocatedMinor,
          spent: line.spentMinor + delta,
        },
        policy.tolerancePercent,
      );
      if (beyond && delta > 0n && !w?.explanation)
        problems.push({
          field: `spend.${w?.index ?? 0}.explanation`,
          message: `is required: this spend takes "${line.name}" beyond the programme's tolerance`,
          messageDe: `ist nötig: diese Ausgabe bringt „${line.name}“ über die Toleranz des Programms`,
        });
      deltas.push({ line, delta, beyond, explanation: w?.explanation ?? null });
    }
    return deltas;
  }

  private merge(
    draft: ReviewContent,
    input: SaveSprintReviewInput,
    scope: ReviewScope,
  ): ReviewContent {
    const title = new Map(scope.milestones.map((m) => [m.id, m.title]));
    const lineName = new Map(scope.lines.map((l) => [l.id, l.name]));
    return {
      summary: input.summary ?? draft.summary,
      outcomes:
        input.outcomes?.map((o) => ({
          milestoneId: o.milestoneId,
          milestoneTitle: title.get(o.milestoneId) ?? '',
          outcome: o.outcome,
          note: o.note,
        })) ?? draft.outcomes,
      spend:
        input.spend?.map((s) => ({
          lineId: s.lineId,
          lineName: lineName.get(s.lineId) ?? '',
          amountMinor: String(s.amount.amount),
          currency: s.amount.currency,
          explanation: s.explanation || null,
        })) ?? draft.spend,
      answers:
        input.answers?.map((a) => ({
          key: a.key,
          text: a.text ?? null,
          number: a.number ?? null,
          choice: a.choice ?? null,
        })) ?? draft.answers,
      learnings:
        input.learnings?.map((l) => ({
          title: l.title,
          tried: l.tried,
          happened: l.happened,
          learned: l.learned,
          kind: l.kind,
          tags: l.tags,
          visibility: l.visibility ?? null,
        })) ?? draft.learnings,
      confidence: input.confidence ?? draft.confidence,
      confidenceNote: input.confidenceNote ?? draft.confidenceNote,
      nextSprint: input.nextSprint
        ? { goal: input.nextSprint.goal, milestones: input.nextSprint.milestones }
        : draft.nextSprint,
    };
  }

  private async scope(h: GrantHandle, sprint: Sprint, programme: Programme): Promise<ReviewScope> {
    const { grant } = h;
    // One connection inside a transaction: queries run one after the other.
    const milestones = await h.milestones(sprint.id);
    const lines = await h.allLines();

    return {
      milestones: milestones.map((m) => ({ id: m.id, title: m.title })),
      lines: lines.map((l) => ({ id: l.id, name: l.name })),
      currency: grant.currency,
      template: programme.reviewTemplate ?? [],
    };
  }
}
