// Change notices: the grantee's duty to tell the funder of a pivot, a delay, other funding, an
// unreachable goal — or that it stops. A DELAY moves dates once the funder approves; a STOP ends
// the grant at once, honestly: the final review (with learnings) is submitted with it, unpaid
// tranches are cancelled (their money goes back to the programme, unspent money is claimed back)
// and the grant becomes STOPPED. A STOP is for people, not API keys. The funder answers every notice.
import { Injectable } from '@nestjs/common';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { WebhookEventType } from '../webhooks/webhook.enums';
import { AuditService } from '../core/audit/audit.service';
import { daysBetween } from '../core/calendar/calendar-day';
import { Clock } from '../core/calendar/clock';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError, FieldProblem } from '../core/errors/app-error';
import { IdempotencyService } from '../core/idempotency/idempotency.service';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';
import type { Sprint } from '../grants/grant.entity';
import { SprintStatus } from '../grants/grant.enums';
import { GrantAggregate, GrantHandle } from '../grants/grant-aggregate';
import { GrantLifecycleService } from '../grants/grant-lifecycle.service';
import { GrantService } from '../grants/grant.service';
import { assertHuman } from '../identity/access/policies';
import { OrganizationKind } from '../identity/roles';
import { ProgrammeService } from '../programmes/programme.service';
import { BudgetService } from '../budget/budget.service';
import { ChangeNotice } from './change-notice.entity';
import { DecideChangeNoticeInput, FileChangeNoticeInput } from './dto/notice.inputs';
import { REVIEW_EDITABLE, sprintConflict } from '../grants/sprint-lifecycle';
import { closeWaitingRequests } from './waiting-requests';
import { SprintReason, sprintErrors } from './sprint.errors';
import { ChangeNoticeKind, ChangeNoticeStatus, NoticeDecisionKind } from './sprint.enums';
import { SprintReviewService } from './sprint-review.service';

const MAX_DELAY_DAYS = 365;

@Injectable()
export class ChangeNoticeService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly grants: GrantService,
    private readonly reviews: SprintReviewService,
    private readonly outbox: OutboxService,
    private readonly webhooks: WebhookEvents,
    private readonly clock: Clock,
    private readonly aggregate: GrantAggregate,
    private readonly lifecycle: GrantLifecycleService,
    private readonly programmes: ProgrammeService,
    private readonly budget: BudgetService,
  ) {}

  async file(ctx: RequestContext, input: FileChangeNoticeInput): Promise<ChangeNotice> {
    // A STOP cancels every unpaid tranche and ends the grant: people decide that, not API keys.
    if (input.kind === ChangeNoticeKind.STOP)
      assertHuman(ctx, {
        en: 'a STOP ends the grant and cancels its unpaid tranches.',
        de: 'ein STOP beendet die Förderung und storniert ihre offenen Tranchen.',
      });
    return this.idempotency.mutation(ctx, 'fileChangeNotice', input, ChangeNotice, (ctx) =>
      this.aggregate.withGrant(
        ctx,
        { grantId: input.grantId },
        OrganizationKind.GRANTEE,
        async (h) => {
          const { tx, grant } = h;
          const current = await h.currentSprint();
          const problems = this.fieldProblems(input, current);
          // A STOP lists its own problems together with those of the final review.
          if (problems.length && input.kind !== ChangeNoticeKind.STOP)
            throw BadUserInputError.forFields(problems);
          if (input.kind === ChangeNoticeKind.DELAY) {
            const open = await this.db.repo(tx, ChangeNotice).exists({
              where: {
                grantId: grant.id,
                sprintId: current!.id,
                kind: ChangeNoticeKind.DELAY,
                status: ChangeNoticeStatus.OPEN,
              },
            });
            if (open) throw sprintErrors.conflict(SprintReason.DELAY_PENDING, {});
          }
          if (input.kind === ChangeNoticeKind.STOP) await this.stop(h, current, problems);
          const notice = await this.db.repo(tx, ChangeNotice).save({
            grantId: grant.id,
            sprintId: current?.id ?? null,
            kind: input.kind,
            status: ChangeNoticeStatus.OPEN,
            description: input.description,
            requestedEndDate:
              input.kind === ChangeNoticeKind.DELAY ? input.requestedEndDate! : null,
            previousEndDate: input.kind === ChangeNoticeKind.DELAY ? current!.endDate : null,
            otherFundingSource: input.otherFundingSource ?? null,
            otherFundingAmountMinor: input.otherFundingAmount
              ? BigInt(input.otherFundingAmount.amount)
              : null,
            otherFundingCurrency: input.otherFundingAmount?.currency ?? null,
            filedById: tx.userId ?? null,
            decidedById: null,
            decisionComment: null,
            decidedAt: null,
          });
          await this.webhooks.publish(
            tx,
            WebhookEventType.CHANGE_NOTICE_FILED,
            [grant.funderOrganizationId, grant.granteeOrganizationId],
            { grantId: grant.id, noticeId: notice.id, kind: notice.kind },
          );
          await this.outbox.emit(
            tx,
            JobName.ChangeNoticeFiled,
            { noticeId: notice.id },
            { organizationId: grant.funderOrganizationId },
          );
          await this.audit.record(tx, {
            action: 'change-notice.filed',
            subjectType: 'ChangeNotice',
            subjectId: notice.id,
            organizationId: grant.granteeOrganizationId,
            after: notice,
          });
          return notice.id;
        },
        { active: true },
      ),
    );
  }

  async decide(ctx: RequestContext, input: DecideChangeNoticeInput): Promise<ChangeNotice> {
    // Its input has no idempotency key yet (the API's shape is another change): it runs once.
    return this.idempotency.mutation(ctx, 'decideChangeNotice', input, ChangeNotice, (ctx) =>
      this.aggregate.withGrant(
        ctx,
        { entity: ChangeNotice, name: 'ChangeNotice', id: input.noticeId },
        OrganizationKind.FUNDER,
        async (h, notice) => {
          const { tx, grant } = h;
          if (notice.status !== ChangeNoticeStatus.OPEN) {
            throw sprintErrors.conflict(
              SprintReason.ALREADY_DECIDED,
              { current: notice.status, allowed: [ChangeNoticeStatus.OPEN] },
              notice.status,
            );
          }
          const isDelay = notice.kind === ChangeNoticeKind.DELAY;
          const allowed = isDelay
            ? [NoticeDecisionKind.APPROVE, NoticeDecisionKind.REJECT]
            : [NoticeDecisionKind.ACKNOWLEDGE];
          if (!allowed.includes(input.decision))
            throw BadUserInputError.forField(
              'decision',
              `a ${notice.kind} notice is answered with ${allowed.join(' or ')}`,
              `eine Mitteilung ${notice.kind} wird mit ${allowed.join(' oder ')} beantwortet`,
            );
          if (input.decision === NoticeDecisionKind.APPROVE) await this.applyDelay(h, notice);
          const status =
            input.decision === NoticeDecisionKind.APPROVE
              ? ChangeNoticeStatus.APPROVED
              : input.decision === NoticeDecisionKind.REJECT
                ? ChangeNoticeStatus.REJECTED
                : ChangeNoticeStatus.ACKNOWLEDGED;
          const changes = {
            status,
            decidedById: tx.userId ?? null,
            decisionComment: input.comment ?? null,
            decidedAt: new Date(),
          };
          await this.db.repo(tx, ChangeNotice).update({ id: notice.id }, changes);
          await this.audit.record(tx, {
            action: `change-notice.${status.toLowerCase()}`,
            subjectType: 'ChangeNotice',
            subjectId: notice.id,
            organizationId: grant.funderOrganizationId,
            before: { status: notice.status },
            after: changes,
          });
          return notice.id;
        },
      ),
    );
  }

  async forGrant(ctx: RequestContext, grantId: string): Promise<ChangeNotice[]> {
    await this.grants.get(ctx, grantId);
    return this.db
      .repo(ctx, ChangeNotice)
      .find({ where: { grantId }, order: { createdAt: 'ASC' }, take: 500 });
  }

  private fieldProblems(input: FileChangeNoticeInput, current: Sprint | null): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const isDelay = input.kind === ChangeNoticeKind.DELAY;
    const isFunding = input.kind === ChangeNoticeKind.OTHER_FUNDING;
    if (isDelay) {
      if (!input.requestedEndDate)
        problems.push({
          field: 'requestedEndDate',
          message: 'is required for a DELAY',
          messageDe: 'ist für eine Verschiebung nötig',
        });
      else if (!current || ![SprintStatus.ACTIVE, SprintStatus.REVIEW_DUE].includes(current.status))
        problems.push({
          field: 'requestedEndDate',
          message: 'only a running sprint (ACTIVE or REVIEW_DUE) can be delayed',
          messageDe: 'nur ein laufender Sprint (ACTIVE oder REVIEW_DUE) kann verschoben werden',
        });
      else {
        const days = daysBetween(current.endDate, input.requestedEndDate);
        if (days <= 0)
          problems.push({
            field: 'requestedEndDate',
            message: `must be after ${current.endDate}, the sprint's current last day`,
            messageDe: `muss nach ${current.endDate} liegen, dem bisherigen letzten Tag des Sprints`,
          });
        else if (days > MAX_DELAY_DAYS)
          problems.push({
            field: 'requestedEndDate',
            message: `may move the sprint by at most ${MAX_DELAY_DAYS} days`,
            messageDe: `darf den Sprint um höchstens ${MAX_DELAY_DAYS} Tage verschieben`,
          });
      }
    } else if (input.requestedEndDate) {
      problems.push({
        field: 'requestedEndDate',
        message: 'belongs to a DELAY only',
        messageDe: 'gehört nur zu einer Verschiebung (DELAY)',
      });
    }
    if (isFunding) {
      if (!input.otherFundingSource)
        problems.push({
          field: 'otherFundingSource',
          message: 'is required for OTHER_FUNDING',
          messageDe: 'ist für OTHER_FUNDING nötig',
        });
      if (!input.otherFundingAmount)
        problems.push({
          field: 'otherFundingAmount',
          message: 'is required for OTHER_FUNDING',
          messageDe: 'ist für OTHER_FUNDING nötig',
        });
      else if (input.otherFundingAmount.amount <= 0)
        problems.push({
          field: 'otherFundingAmount.amount',
          message: 'must be positive',
          messageDe: 'muss positiv sein',
        });
    } else {
      if (input.otherFundingSource)
        problems.push({
          field: 'otherFundingSource',
          message: 'belongs to OTHER_FUNDING only',
          messageDe: 'gehört nur zu OTHER_FUNDING',
        });
      if (input.otherFundingAmount)
        problems.push({
          field: 'otherFundingAmount',
          message: 'belongs to OTHER_FUNDING only',
          messageDe: 'gehört nur zu OTHER_FUNDING',
        });
    }
    return problems;
  }

  /** The grantee ends the grant: final review, cancelled tranches, STOPPED. */
  private async stop(
    h: GrantHandle,
    current: Sprint | null,
    noticeProblems: FieldProblem[],
  ): Promise<void> {
    if (!current || !REVIEW_EDITABLE.includes(current.status)) {
      throw current
        ? sprintConflict(current, 'stop with its review as the final review', REVIEW_EDITABLE)
        : sprintErrors.conflict(SprintReason.NOTHING_TO_STOP, {});
    }
    // The saved draft becomes the final review — also while an earlier version waits for the funder.
    const { tx, grant } = h;
    await this.reviews.submitVersion(h, current, {
      final: true,
      prefix: 'finalReview',
      otherProblems: noticeProblems,
    });
    // Unpaid tranches are cancelled and go back to the programme; unspent money is claimed back;
    // waiting requests close; the grant is STOPPED.
    await this.lifecycle.stop(h, current.number, () =>
      closeWaitingRequests(
        this.db,
        this.audit,
        this.budget,
        tx,
        grant.id,
        'The grant was stopped.',
      ),
    );
  }

  /** An approved DELAY: the sprint's last day moves, later sprints and the grant's end move with it. */
  private async applyDelay(h: GrantHandle, notice: ChangeNotice): Promise<void> {
    const { tx, grant } = h;
    this.aggregate.assertActive(grant);
    const sprint = notice.sprintId ? await h.sprint(notice.sprintId).catch(() => null) : null;
    const movable = [SprintStatus.ACTIVE, SprintStatus.REVIEW_DUE];
    if (!sprint || !movable.includes(sprint.status))
      throw sprintConflict(
        sprint ?? { number: 0, status: SprintStatus.ACCEPTED },
        'move its dates',
        movable,
      );
    const shift = daysBetween(sprint.endDate, notice.requestedEndDate!);
    if (shift <= 0) throw sprintErrors.conflict(SprintReason.NOTHING_TO_DELAY, {}, sprint.endDate);
    const programme = await this.programmes.settingsOf(tx, grant.programmeId);
    const today = this.clock.today(programme.timeZone);
    const status =
      sprint.status === SprintStatus.REVIEW_DUE && notice.requestedEndDate! >= today
        ? SprintStatus.ACTIVE
        : sprint.status;
    const { later, grantEndDate } = await this.lifecycle.delaySprint(
      h,
      sprint,
      notice.requestedEndDate!,
      status,
      shift,
    );
    await this.audit.record(tx, {
      action: 'sprint.delayed',
      subjectType: 'Sprint',
      subjectId: sprint.id,
      organizationId: grant.funderOrganizationId,
      before: { endDate: sprint.endDate, status: sprint.status, grantEndDate: grant.endDate },
      after: {
        endDate: notice.requestedEndDate,
        status,
        grantEndDate,
        shiftDays: shift,
        laterSprints: later,
      },
    });
  }
}
