// Applications: drafts by grantees, submission inside the call window, reviewer scores, and the
// manager's decision — approval creates the grant in the same transaction.
import { Injectable } from '@nestjs/common';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { WebhookEventType } from '../webhooks/webhook.enums';
import { SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/calendar/clock';
import { IdempotencyService } from '../core/idempotency/idempotency.service';
import { ApplicationReason, applicationErrors } from './application.errors';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import {
  BadUserInputError,
  ConflictError,
  FieldProblem,
  NotFoundError,
  ForbiddenError,
} from '../core/errors/app-error';
import { ratioToDecimal2 } from '../core/money/decimal';
import { Money } from '../core/money/money';
import { OutboxService } from '../core/outbox/outbox.service';
import {
  ConnectionShape,
  paginate,
  paginateByPosition,
  createdAtKeys,
} from '../core/pagination/connection';
import { JobName } from '../core/queue/jobs';
import type { Grant } from '../grants/grant.entity';
import { GrantService } from '../grants/grant.service';
import { OrganizationKind, Role } from '../identity/roles';
import type { Programme } from '../programmes/programme.entity';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammeBudgetGuard } from '../programmes/programme-budget-guard';
import { ProgrammeStatus } from '../programmes/programme.enums';
import {
  ApplicationsArgs,
  BudgetLineInput,
  DecideApplicationInput,
  SaveApplicationInput,
  ScoreApplicationInput,
} from './dto/application.inputs';
import {
  Application,
  ApplicationReview,
  ApplicationVersion,
  PlannedLine,
} from './application.entity';
import { ApplicationOrder, ApplicationStatus, DecisionKind } from './application.enums';
import { asFunderSees } from './submitted-view';

const EDITABLE = [ApplicationStatus.DRAFT, ApplicationStatus.INFO_REQUESTED];
const WITHDRAWABLE = [
  ApplicationStatus.DRAFT,
  ApplicationStatus.SUBMITTED,
  ApplicationStatus.INFO_REQUESTED,
];

function stateConflict(
  application: Application,
  action: string,
  allowed: ApplicationStatus[],
): ConflictError {
  return applicationErrors.conflict(
    ApplicationReason.INVALID_STATE,
    { current: application.status, allowed },
    application.status,
    action,
    allowed,
  );
}

/** Every problem that keeps an application from being submitted, as field paths and messages. */
export function submissionProblems(a: Application, programme: Programme): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string, messageDe: string) =>
    problems.push({ field, message, messageDe });
  const need = (
    field: 'title' | 'summary' | 'problem' | 'approach' | 'contactName' | 'contactEmail',
    en: string,
    de: string,
  ) => {
    if (!a[field].trim()) add(field, `${en} is required.`, `${de} fehlt.`);
  };
  need('title', 'A title', 'Der Titel');
  need('summary', 'A summary', 'Die Zusammenfassung');
  need('problem', 'The problem', 'Die Beschreibung des Problems');
  need('approach', 'The approach', 'Der Lösungsansatz');
  need('contactName', 'A contact person', 'Die Kontaktperson');
  need('contactEmail', 'A contact email', 'Die Kontakt-E-Mail');
  // Drafts keep a half-typed address; a submission needs a real one.
  if (a.contactEmail.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.contactEmail.trim()))
    add('contactEmail', 'This is not an email address.', 'Das ist keine E-Mail-Adresse.');
  if (a.requestedAmountMinor === null || a.requestedAmountMinor <= 0n) {
    add('requestedAmount', 'The amount must be above zero.', 'Der Betrag muss über null liegen.');
  }
  if (a.currency && a.currency !== programme.currency) {
    add(
      'requestedAmount.currency',
      `The currency must be ${programme.currency}, the programme's.`,
      `Die Währung muss ${programme.currency} sein, die des Programms.`,
    );
  }
  if (!a.budgetLines.length)
    add(
      'budgetLines',
      'At least one budget line is required.',
      'Mindestens eine Budgetzeile ist nötig.',
    );
  let sum = 0n;
  a.budgetLines.forEach((line, i) => {
    const amount = BigInt(line.amountMinor);
    if (!line.name.trim())
      add(`budgetLines.${i}.name`, 'A description is required.', 'Die Bezeichnung fehlt.');
    if (amount <= 0n)
      add(
        `budgetLines.${i}.amount`,
        'The amount must be above zero.',
        'Der Betrag muss über null liegen.',
      );
    sum += amount;
  });
  if (a.budgetLines.length && a.requestedAmountMinor !== null && sum !== a.requestedAmountMinor) {
    const money = (minor: bigint) => Money.of(minor, a.currency ?? programme.currency);
    add(
      'budgetLines',
      `The lines add up to ${money(sum).format('en')} but the request is ${money(a.requestedAmountMinor).format('en')}; they must be equal.`,
      `Die Zeilen ergeben ${money(sum).format('de')}, beantragt sind ${money(a.requestedAmountMinor).format('de')}; beides muss gleich sein.`,
    );
  }
  if (!a.sprintPlan.length)
    add('sprintPlan', 'At least one sprint is required.', 'Mindestens ein Sprint ist nötig.');
  if (a.sprintPlan.length > programme.maxSprints) {
    add(
      'sprintPlan',
      `The programme allows at most ${programme.maxSprints} sprints.`,
      `Das Programm erlaubt höchstens ${programme.maxSprints} Sprints.`,
    );
  }
  a.sprintPlan.forEach((sprint, i) => {
    if (!sprint.goal.trim()) add(`sprintPlan.${i}.goal`, 'A goal is required.', 'Das Ziel fehlt.');
    if (new Set(sprint.milestones).size !== sprint.milestones.length)
      add(
        `sprintPlan.${i}.milestones`,
        'The milestones must differ from each other.',
        'Die Meilensteine müssen sich unterscheiden.',
      );
    if (!sprint.milestones.length)
      add(
        `sprintPlan.${i}.milestones`,
        'At least one milestone is required.',
        'Mindestens ein Meilenstein ist nötig.',
      );
  });
  return problems;
}

/** Budget lines from input, checked to be non-negative and in one currency. */
function plannedLines(
  lines: BudgetLineInput[],
  field: string,
  currency?: string | null,
): { lines: PlannedLine[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  lines.forEach((l, i) => {
    if (l.amount.amount < 0)
      problems.push({ field: `${field}.${i}.amount.amount`, message: 'may not be negative' });
    if (currency && l.amount.currency !== currency) {
      problems.push({ field: `${field}.${i}.amount.currency`, message: `must be ${currency}` });
    }
  });
  return {
    problems,
    lines: lines.map((l) => ({
      category: l.category,
      name: l.name,
      amountMinor: BigInt(l.amount.amount).toString(),
    })),
  };
}

@Injectable()
export class ApplicationService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly grants: GrantService,
    private readonly idempotency: IdempotencyService,
    private readonly webhooks: WebhookEvents,
    private readonly programmeBudget: ProgrammeBudgetGuard,
    private readonly clock: Clock,
    private readonly programmes: ProgrammeService,
  ) {}

  async save(ctx: RequestContext, input: SaveApplicationInput): Promise<Application> {
    const problems: FieldProblem[] = [];
    if (input.requestedAmount && input.requestedAmount.amount < 0) {
      problems.push({ field: 'requestedAmount.amount', message: 'may not be negative' });
    }
    // Line currencies are checked below, once the application's currency is known.
    const planned = input.budgetLines ? plannedLines(input.budgetLines, 'budgetLines') : undefined;
    problems.push(...(planned?.problems ?? []));
    if (problems.length) throw BadUserInputError.forFields(problems);

    return this.db.transaction(ctx, async (tx) => {
      let application: Application;
      let before: Application | null = null;
      if (input.applicationId) {
        application = await this.lockOwn(tx, input.applicationId);
        if (!EDITABLE.includes(application.status))
          throw stateConflict(application, 'edited', EDITABLE);
        if (input.programmeId && input.programmeId !== application.programmeId) {
          throw BadUserInputError.forField(
            'programmeId',
            'cannot change; start a new application',
            'kann nicht geändert werden; beginne einen neuen Antrag',
          );
        }
        before = { ...application };
      } else {
        if (!input.programmeId) {
          throw BadUserInputError.forField(
            'programmeId',
            'is needed to start an application',
            'wird für einen neuen Antrag gebraucht',
          );
        }
        const programme = await this.programmes.openOrNull(tx, input.programmeId);
        if (!programme) throw new NotFoundError('Programme', input.programmeId);
        application = this.db.repo(tx, Application).create({
          programmeId: programme.id,
          granteeOrganizationId: tx.orgId,
          status: ApplicationStatus.DRAFT,
          budgetLines: [],
          sprintPlan: [],
          requestedAmountMinor: null,
          currency: programme.currency,
        });
      }
      if (input.title !== undefined) application.title = input.title;
      if (input.summary !== undefined) application.summary = input.summary;
      if (input.problem !== undefined) application.problem = input.problem;
      if (input.approach !== undefined) application.approach = input.approach;
      if (input.contactName !== undefined) application.contactName = input.contactName;
      if (input.contactEmail !== undefined)
        application.contactEmail = input.contactEmail.toLowerCase();
      if (input.requestedAmount) {
        application.requestedAmountMinor = BigInt(input.requestedAmount.amount);
        application.currency = input.requestedAmount.currency;
      }
      if (input.budgetLines) {
        const currency = application.currency;
        const wrong = input.budgetLines
          .map((l, i) =>
            l.amount.currency === currency
              ? null
              : { field: `budgetLines.${i}.amount.currency`, message: `must be ${currency}` },
          )
          .filter((p): p is FieldProblem => p !== null);
        if (wrong.length) throw BadUserInputError.forFields(wrong);
      }
      if (planned) application.budgetLines = planned.lines;
      if (input.sprintPlan) {
        application.sprintPlan = input.sprintPlan.map((s) => ({
          goal: s.goal,
          milestones: s.milestones.map((m) => m.trim()).filter(Boolean),
        }));
      }
      const saved = await this.db.repo(tx, Application).save(application);
      await this.audit.record(tx, {
        action: before ? 'application.draft-updated' : 'application.draft-created',
        subjectType: 'Application',
        subjectId: saved.id,
        before,
        after: saved,
      });
      return saved;
    });
  }

  async submit(ctx: RequestContext, id: string): Promise<Application> {
    return this.db.transaction(ctx, async (tx) => {
      const application = await this.lockOwn(tx, id);
      if (!EDITABLE.includes(application.status)) {
        if (application.status === ApplicationStatus.SUBMITTED) {
          throw applicationErrors.conflict(ApplicationReason.ALREADY_SUBMITTED, {
            current: application.status,
          });
        }
        throw stateConflict(application, 'submitted', EDITABLE);
      }
      const programme = await this.programmes.settingsOf(tx, application.programmeId);
      this.assertNotArchived(programme);
      const now = new Date();
      const open =
        programme.status === ProgrammeStatus.OPEN &&
        (!programme.callOpensAt || programme.callOpensAt <= now) &&
        (!programme.callClosesAt || now < programme.callClosesAt);
      // A request for information reopens the application after the window; resubmitting it is fine.
      if (!open && application.status === ApplicationStatus.DRAFT) {
        throw applicationErrors.conflict(
          ApplicationReason.CALL_NOT_OPEN,
          {
            callOpensAt: programme.callOpensAt,
            callClosesAt: programme.callClosesAt,
            programmeStatus: programme.status,
          },
          programme.callOpensAt?.toISOString() ?? '–',
          programme.callClosesAt?.toISOString() ?? '–',
        );
      }
      const problems = submissionProblems(application, programme);
      if (problems.length) throw BadUserInputError.forFields(problems);
      const before = { status: application.status, version: application.version };
      application.version += 1;
      application.status = ApplicationStatus.SUBMITTED;
      application.submittedAt = now;
      const saved = await this.db.repo(tx, Application).save(application);
      const { createdAt: _c, updatedAt: _u, ...snapshot } = saved;
      await this.db.repo(tx, ApplicationVersion).insert({
        applicationId: saved.id,
        version: saved.version,
        snapshot: JSON.parse(
          JSON.stringify(snapshot, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
        ) as object,
        submittedById: tx.userId ?? null,
      });
      await this.audit.record(tx, {
        action: 'application.submitted',
        subjectType: 'Application',
        subjectId: saved.id,
        before,
        after: { status: saved.status, version: saved.version },
      });
      return saved;
    });
  }

  async withdraw(ctx: RequestContext, id: string): Promise<Application> {
    return this.db.transaction(ctx, async (tx) => {
      const application = await this.lockOwn(tx, id);
      if (!WITHDRAWABLE.includes(application.status))
        throw stateConflict(application, 'withdrawn', WITHDRAWABLE);
      const before = { status: application.status };
      application.status = ApplicationStatus.WITHDRAWN;
      await this.db.repo(tx, Application).update({ id }, { status: application.status });
      await this.audit.record(tx, {
        action: 'application.withdrawn',
        subjectType: 'Application',
        subjectId: id,
        before,
        after: { status: application.status },
      });
      return application;
    });
  }

  async score(ctx: RequestContext, input: ScoreApplicationInput): Promise<ApplicationReview> {
    return this.db.transaction(ctx, async (tx) => {
      const application = await this.lockForFunder(tx, input.applicationId);
      if (application.status !== ApplicationStatus.SUBMITTED)
        throw stateConflict(application, 'scored', [ApplicationStatus.SUBMITTED]);
      const programme = await this.programmes.settingsOf(tx, application.programmeId);
      const problems: FieldProblem[] = [];
      const keys = programme.criteria.map((c) => c.key);
      input.scores.forEach((s, i) => {
        if (!keys.includes(s.criterionKey))
          problems.push({
            field: `scores.${i}.criterionKey`,
            message: `is not a criterion of this programme (${keys.join(', ')})`,
          });
        if (input.scores.findIndex((o) => o.criterionKey === s.criterionKey) !== i) {
          problems.push({ field: `scores.${i}.criterionKey`, message: 'is scored twice' });
        }
      });
      for (const key of keys) {
        if (!input.scores.some((s) => s.criterionKey === key))
          problems.push({ field: 'scores', message: `criterion ${key} is not scored` });
      }
      if (problems.length) throw BadUserInputError.forFields(problems);
      const repo = this.db.repo(tx, ApplicationReview);
      const existing = await repo.findOneBy({
        applicationId: application.id,
        reviewerPersonId: tx.userId!,
      });
      const review = await repo.save({
        ...(existing ?? {}),
        applicationId: application.id,
        reviewerPersonId: tx.userId!,
        scores: input.scores.map((s) => ({
          criterionKey: s.criterionKey,
          score: s.score,
          comment: s.comment,
        })),
      });
      await this.audit.record(tx, {
        action: existing ? 'application.score-updated' : 'application.scored',
        subjectType: 'ApplicationReview',
        subjectId: review.id,
        before: existing,
        after: review,
      });
      return review;
    });
  }

  async decide(ctx: RequestContext, input: DecideApplicationInput): Promise<Application> {
    const feedback = input.comment || null;
    // Approving needs no words; a rejection or a question must tell the grantee why or what.
    if (input.decision !== DecisionKind.APPROVE && !feedback)
      throw BadUserInputError.forField(
        'comment',
        'is required to reject or to ask for information',
        'ist nötig, um abzulehnen oder nachzufragen',
      );
    return this.idempotency.mutation(
      ctx,
      'decideApplication',
      input,
      { read: (c, id) => this.get(c, id) },
      async (tx) => {
        const application = await this.lockForFunder(tx, input.applicationId);
        if (application.status !== ApplicationStatus.SUBMITTED)
          throw stateConflict(application, 'decided', [ApplicationStatus.SUBMITTED]);
        // Lock the programme (after the application: the guard's lock order): approvals and
        // amendments of one programme queue here, so they cannot overspend it together.
        const programme = await this.programmeBudget.lock(tx, application.programmeId);
        this.assertNotArchived(programme);
        const before = { status: application.status, lastDecision: application.lastDecision };
        let grant: Grant | undefined;
        if (input.decision === DecisionKind.APPROVE)
          grant = await this.approve(tx, application, programme, input);
        application.status =
          input.decision === DecisionKind.APPROVE
            ? ApplicationStatus.APPROVED
            : input.decision === DecisionKind.REJECT
              ? ApplicationStatus.REJECTED
              : ApplicationStatus.INFO_REQUESTED;
        application.lastDecision = input.decision;
        application.decisionFeedback = feedback;
        application.decidedAt = new Date();
        await this.db.repo(tx, Application).update(
          { id: application.id },
          {
            status: application.status,
            lastDecision: input.decision,
            decisionFeedback: feedback,
            decidedAt: application.decidedAt,
          },
        );
        await this.db
          .repo(tx, ApplicationVersion)
          .update(
            { applicationId: application.id, version: application.version },
            { decision: input.decision, decisionFeedback: feedback },
          );
        await this.audit.record(tx, {
          action: `application.${input.decision.toLowerCase().replace('_', '-')}`,
          subjectType: 'Application',
          subjectId: application.id,
          before,
          after: { status: application.status, feedback, grantId: grant?.id },
        });
        await this.outbox.emit(
          tx,
          JobName.ApplicationDecided,
          {
            applicationId: application.id,
            decision: input.decision,
            version: application.version,
          },
          { organizationId: application.granteeOrganizationId },
        );
        await this.webhooks.publish(
          tx,
          WebhookEventType.APPLICATION_DECIDED,
          [programme.funderOrganizationId, application.granteeOrganizationId],
          { applicationId: application.id, decision: input.decision, grantId: grant?.id ?? null },
        );
        return application.id;
      },
    );
  }

  private async approve(
    ctx: RequestContext,
    application: Application,
    programme: Programme,
    input: DecideApplicationInput,
  ): Promise<Grant> {
    const requested = Money.of(
      application.requestedAmountMinor ?? 0n,
      application.currency ?? programme.currency,
    );
    const problems: FieldProblem[] = [];
    if (input.awardedAmount && input.awardedAmount.currency !== requested.currency) {
      problems.push({ field: 'awardedAmount.currency', message: `must be ${requested.currency}` });
    }
    if (problems.length) throw BadUserInputError.forFields(problems);
    const awarded = input.awardedAmount ? input.awardedAmount.toMoney() : requested;
    if (!awarded.isPositive())
      problems.push({ field: 'awardedAmount.amount', message: 'must be positive' });
    if (awarded.compare(requested) > 0)
      problems.push({
        field: 'awardedAmount.amount',
        message: `may not exceed the requested ${requested.amountMinor}`,
      });
    let lines = application.budgetLines;
    if (input.budgetLines) {
      const planned = plannedLines(input.budgetLines, 'budgetLines', awarded.currency);
      problems.push(...planned.problems);
      lines = planned.lines;
    } else if (!awarded.equals(requested)) {
      problems.push({
        field: 'budgetLines',
        message: 'are needed when the awarded amount is lower than requested',
      });
    }
    const sum = lines.reduce((s, l) => s + BigInt(l.amountMinor), 0n);
    if (sum !== awarded.amountMinor) {
      problems.push({
        field: 'budgetLines',
        message: `add up to ${sum}, not the awarded ${awarded.amountMinor} (minor units)`,
      });
    }
    if (lines.some((l) => BigInt(l.amountMinor) <= 0n))
      problems.push({ field: 'budgetLines', message: 'every line must be positive' });
    lines.forEach((l, i) => {
      if (!l.name.trim())
        problems.push({ field: `budgetLines.${i}.name`, message: 'a name is required' });
    });
    if (problems.length) throw BadUserInputError.forFields(problems);

    await this.programmeBudget.reserve(ctx, programme.id, awarded.amountMinor);
    return this.grants.createFromAward(ctx, {
      application,
      programme,
      awarded,
      lines,
      // The grant starts today on the programme's calendar, not in UTC.
      startDate: input.startDate ?? this.clock.today(programme.timeZone),
    });
  }

  private assertNotArchived(programme: Programme): void {
    if (programme.status === ProgrammeStatus.ARCHIVED) {
      throw applicationErrors.conflict(ApplicationReason.PROGRAMME_ARCHIVED, {});
    }
  }

  async get(ctx: RequestContext, id: string): Promise<Application> {
    const application = await this.visible(ctx).andWhere('a.id = :id', { id }).getOne();
    if (!application) throw new NotFoundError('Application', id);
    const [seen] = await asFunderSees(this.db, ctx, [application]);
    return seen;
  }

  async list(ctx: RequestContext, args: ApplicationsArgs): Promise<ConnectionShape<Application>> {
    const { status, programmeId, text, orderBy, ...page } = args;
    if (orderBy === ApplicationOrder.SCORE && !this.mayReadAverages(ctx))
      throw new ForbiddenError({
        en: 'Only owners, managers and auditors of the funder see the scores, so only they can sort by them.',
        de: 'Nur Inhaber:innen, Manager:innen und Prüfer:innen des Förderers sehen die Bewertungen und können danach sortieren.',
      });
    const qb = this.visible(ctx);
    if (status) qb.andWhere('a.status = :status', { status });
    if (programmeId) qb.andWhere('a.programme_id = :programmeId', { programmeId });
    if (text)
      qb.andWhere(
        `to_tsvector('simple', a.title || ' ' || a.summary) @@ plainto_tsquery('simple', :text)`,
        { text },
      );
    const result =
      orderBy === ApplicationOrder.SCORE
        ? await paginateByPosition(
            qb
              .orderBy(`(${WEIGHTED_SCORE_SQL})`, 'DESC', 'NULLS LAST')
              .addOrderBy('a.submitted_at', 'DESC')
              .addOrderBy('a.id', 'DESC'),
            page,
          )
        : await paginate(qb, page, createdAtKeys('a'));
    const nodes = await asFunderSees(this.db, ctx, result.nodes);
    return { ...result, nodes, edges: result.edges.map((e, i) => ({ ...e, node: nodes[i] })) };
  }

  /** Grantees see their own; funders see submitted applications to their programmes, never drafts. */
  visible(ctx: RequestContext, alias = 'a'): SelectQueryBuilder<Application> {
    const qb = this.db.repo(ctx, Application).createQueryBuilder(alias);
    if (ctx.organizationKind === OrganizationKind.FUNDER) {
      return qb
        .innerJoin('programme', 'vp', `vp.id = ${alias}.programme_id`)
        .where(`vp.funder_organization_id = :org AND ${alias}.submitted_at IS NOT NULL`, {
          org: ctx.orgId,
        });
    }
    return qb.where(`${alias}.grantee_organization_id = :org`, { org: ctx.orgId });
  }

  /** Which reviews of an application the caller may read (rules in one place). */
  visibleReviews(ctx: RequestContext, reviews: ApplicationReview[]): ApplicationReview[] {
    if (ctx.organizationKind !== OrganizationKind.FUNDER) return [];
    if (ctx.hasRole(Role.OWNER, Role.MANAGER, Role.AUDITOR)) return reviews;
    if (ctx.hasRole(Role.REVIEWER)) {
      // Reviewers see the others' scores only after submitting their own.
      return reviews.some((r) => r.reviewerPersonId === ctx.userId) ? reviews : [];
    }
    return [];
  }

  mayReadAverages(ctx: RequestContext): boolean {
    return (
      ctx.organizationKind === OrganizationKind.FUNDER &&
      ctx.hasRole(Role.OWNER, Role.MANAGER, Role.AUDITOR)
    );
  }

  private async lockOwn(ctx: RequestContext, id: string): Promise<Application> {
    const application = await this.db
      .repo(ctx, Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id AND a.grantee_organization_id = :org', { id, org: ctx.orgId })
      .getOne();
    if (!application) throw new NotFoundError('Application', id);
    return application;
  }

  private async lockForFunder(ctx: RequestContext, id: string): Promise<Application> {
    const application = await this.visible(ctx)
      .setLock('pessimistic_write', undefined, ['a'])
      .andWhere('a.id = :id', { id })
      .getOne();
    if (!application) throw new NotFoundError('Application', id);
    return application;
  }
}

/** Weighted average of reviews as an exact decimal string with two places ("3.75"), or null. */
/**
 * `weightedAverage` in SQL over the application `a`, exact (numeric), for ordering: every
 * reviewer's score times its criterion's weight in the programme, over the sum of those weights;
 * NULL while nobody scored. Scores of criteria the programme no longer has count for nothing, as
 * in `weightedAverage`.
 */
const WEIGHTED_SCORE_SQL = `SELECT sum((s.e->>'score')::bigint * (c.e->>'weight')::bigint)::numeric
         / nullif(sum((c.e->>'weight')::bigint), 0)
    FROM application_review r
   CROSS JOIN LATERAL jsonb_array_elements(r.scores) AS s(e)
    JOIN programme sp ON sp.id = a.programme_id
   CROSS JOIN LATERAL jsonb_array_elements(sp.criteria) AS c(e)
   WHERE r.application_id = a.id AND c.e->>'key' = s.e->>'criterionKey'`;

export function weightedAverage(
  reviews: ApplicationReview[],
  criteria: { key: string; weight: number }[],
): string | null {
  const weights = new Map(criteria.map((c) => [c.key, BigInt(c.weight)]));
  let numerator = 0n;
  let denominator = 0n;
  for (const review of reviews) {
    for (const s of review.scores) {
      const w = weights.get(s.criterionKey);
      if (w === undefined) continue;
      numerator += BigInt(s.score) * w;
      denominator += w;
    }
  }
  return denominator === 0n ? null : ratioToDecimal2(numerator, denominator);
}
