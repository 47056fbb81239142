// Programmes: a funder configures, opens, closes and archives them. Funders see their own;
// grantees see open calls and the programmes they applied to; open calls are public.
import { Injectable } from '@nestjs/common';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { DEFAULT_TIME_ZONE } from '../core/calendar/calendar-day';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError, FieldProblem, NotFoundError } from '../core/errors/app-error';
import { ConnectionShape, paginate, createdAtKeys } from '../core/pagination/connection';
import { OrganizationKind } from '../identity/roles';
import { ProgrammeInput, ProgrammesArgs } from './dto/programme.inputs';
import { Programme } from './programme.entity';
import { ProgrammeBudgetGuard } from './programme-budget-guard';
import { ProgrammeReason, programmeErrors } from './programme.errors';
import { PROGRAMME_TRANSITIONS, ProgrammeStatus, QuestionType } from './programme.enums';
import {
  DEFAULT_REALLOCATION_POLICY,
  DEFAULT_REMINDER_POLICY,
  DEFAULT_TRANCHE_POLICY,
} from './programme-settings';

/** Problems with a programme's settings as a whole (each field alone is validated on input). */
export function settingsProblems(
  p: Partial<Programme>,
  requireCallWindow: boolean,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!p.title) problems.push({ field: 'title', message: 'is required', messageDe: 'fehlt' });
  if (!p.currency) problems.push({ field: 'currency', message: 'is required', messageDe: 'fehlt' });
  if (p.totalBudgetMinor === undefined || p.totalBudgetMinor <= 0n)
    problems.push({
      field: 'totalBudget',
      message: 'must be a positive amount',
      messageDe: 'muss ein positiver Betrag sein',
    });
  if (requireCallWindow && (!p.callOpensAt || !p.callClosesAt)) {
    problems.push({
      field: 'callClosesAt',
      message: 'the call window (callOpensAt, callClosesAt) must be set to open the call',
      messageDe: 'Um den Aufruf zu öffnen, braucht es Beginn und Ende des Bewerbungszeitraums',
    });
  }
  if (p.callOpensAt && p.callClosesAt && p.callClosesAt <= p.callOpensAt) {
    problems.push({
      field: 'callClosesAt',
      message: 'must be after callOpensAt',
      messageDe: 'muss nach dem Beginn des Bewerbungszeitraums liegen',
    });
  }
  const keys = (list: { key: string }[] | undefined, field: string) => {
    const seen = new Set<string>();
    (list ?? []).forEach((item, i) => {
      if (seen.has(item.key))
        problems.push({
          field: `${field}.${i}.key`,
          message: `duplicates key ${item.key}`,
          messageDe: `wiederholt den Schlüssel ${item.key}`,
        });
      seen.add(item.key);
    });
  };
  keys(p.criteria, 'criteria');
  keys(p.reviewTemplate, 'reviewTemplate');
  (p.reviewTemplate ?? []).forEach((q, i) => {
    if (q.type === QuestionType.SINGLE_CHOICE && !q.options?.length) {
      problems.push({
        field: `reviewTemplate.${i}.options`,
        message: 'a single-choice question needs at least two options',
        messageDe: 'Eine Auswahlfrage braucht mindestens zwei Optionen',
      });
    }
    if (q.type !== QuestionType.SINGLE_CHOICE && q.options?.length) {
      problems.push({
        field: `reviewTemplate.${i}.options`,
        message: 'only single-choice questions have options',
        messageDe: 'Nur Auswahlfragen haben Optionen',
      });
    }
    const ranged =
      (q.min !== undefined && q.min !== null) || (q.max !== undefined && q.max !== null);
    if (ranged && q.type !== QuestionType.NUMBER) {
      problems.push({
        field: `reviewTemplate.${i}.min`,
        message: 'only number questions have a range',
        messageDe: 'Nur Zahlenfragen haben einen Wertebereich',
      });
    }
    if (typeof q.min === 'number' && typeof q.max === 'number' && q.min > q.max) {
      problems.push({
        field: `reviewTemplate.${i}.max`,
        message: 'must not be below min',
        messageDe: 'darf nicht unter dem Kleinstwert liegen',
      });
    }
  });
  if (requireCallWindow && !(p.criteria ?? []).length) {
    problems.push({
      field: 'criteria',
      message: 'at least one criterion is needed to open the call',
      messageDe: 'Um den Aufruf zu öffnen, braucht es mindestens ein Kriterium',
    });
  }
  const t = p.tranchePolicy;
  if (t && t.awardSharePercent + t.finalHoldbackPercent > 100) {
    problems.push({
      field: 'tranchePolicy.finalHoldbackPercent',
      message: 'award share and holdback together may not exceed 100 %',
      messageDe: 'Startanteil und Einbehalt zusammen dürfen 100 % nicht übersteigen',
    });
  }
  return problems;
}

@Injectable()
export class ProgrammeService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly budgetGuard: ProgrammeBudgetGuard,
  ) {}

  async create(ctx: RequestContext, input: ProgrammeInput): Promise<Programme> {
    const draft: Partial<Programme> = {
      funderOrganizationId: ctx.orgId,
      title: input.title,
      description: input.description ?? '',
      currency: input.currency,
      totalBudgetMinor: input.totalBudget === undefined ? undefined : BigInt(input.totalBudget),
      callOpensAt: input.callOpensAt ?? null,
      callClosesAt: input.callClosesAt ?? null,
      sprintLengthDays: input.sprintLengthDays ?? 42,
      maxSprints: input.maxSprints ?? 6,
      status: ProgrammeStatus.DRAFT,
      reviewTemplate: input.reviewTemplate ?? [],
      criteria: input.criteria ?? [],
      reallocationPolicy: { ...DEFAULT_REALLOCATION_POLICY, ...input.reallocationPolicy },
      tranchePolicy: { ...DEFAULT_TRANCHE_POLICY, ...input.tranchePolicy },
      reminderPolicy: { ...DEFAULT_REMINDER_POLICY, ...input.reminderPolicy },
      ...(input.learningVisibilityDefault
        ? { learningVisibilityDefault: input.learningVisibilityDefault }
        : {}),
      ...(input.receiptRule ? { receiptRule: input.receiptRule } : {}),
      timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    };
    const problems = settingsProblems(draft, false);
    if (problems.length) throw BadUserInputError.forFields(problems);
    return this.db.transaction(ctx, async (tx) => {
      const programme = await this.db
        .repo(tx, Programme)
        .save(this.db.repo(tx, Programme).create(draft));
      await this.audit.record(tx, {
        action: 'programme.created',
        subjectType: 'Programme',
        subjectId: programme.id,
        after: programme,
      });
      return programme;
    });
  }

  async update(ctx: RequestContext, id: string, input: ProgrammeInput): Promise<Programme> {
    return this.db.transaction(ctx, async (tx) => {
      const before = await this.lockOwn(tx, id);
      if (before.status === ProgrammeStatus.ARCHIVED) {
        throw programmeErrors.conflict(ProgrammeReason.PROGRAMME_ARCHIVED, {});
      }
      if (
        input.currency &&
        input.currency !== before.currency &&
        before.status !== ProgrammeStatus.DRAFT
      ) {
        throw BadUserInputError.forField(
          'currency',
          'cannot change once the call was opened',
          'kann nach Öffnung des Calls nicht mehr geändert werden',
        );
      }
      const after: Programme = {
        ...before,
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.currency !== undefined ? { currency: input.currency } : {}),
        ...(input.totalBudget !== undefined ? { totalBudgetMinor: BigInt(input.totalBudget) } : {}),
        ...(input.callOpensAt !== undefined ? { callOpensAt: input.callOpensAt } : {}),
        ...(input.callClosesAt !== undefined ? { callClosesAt: input.callClosesAt } : {}),
        ...(input.sprintLengthDays !== undefined
          ? { sprintLengthDays: input.sprintLengthDays }
          : {}),
        ...(input.maxSprints !== undefined ? { maxSprints: input.maxSprints } : {}),
        ...(input.reviewTemplate !== undefined ? { reviewTemplate: input.reviewTemplate } : {}),
        ...(input.criteria !== undefined ? { criteria: input.criteria } : {}),
        ...(input.reallocationPolicy
          ? { reallocationPolicy: { ...before.reallocationPolicy, ...input.reallocationPolicy } }
          : {}),
        ...(input.tranchePolicy
          ? { tranchePolicy: { ...before.tranchePolicy, ...input.tranchePolicy } }
          : {}),
        ...(input.reminderPolicy
          ? { reminderPolicy: { ...before.reminderPolicy, ...input.reminderPolicy } }
          : {}),
        ...(input.learningVisibilityDefault
          ? { learningVisibilityDefault: input.learningVisibilityDefault }
          : {}),
        ...(input.receiptRule ? { receiptRule: input.receiptRule } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
      };
      const problems = settingsProblems(after, before.status === ProgrammeStatus.OPEN);
      if (problems.length) throw BadUserInputError.forFields(problems);
      if (after.totalBudgetMinor !== before.totalBudgetMinor) {
        // What the grants hold, counted the way the budget guard counts it (one definition).
        const { committed } = await this.budgetGuard.figures(tx, before);
        const awarded = committed.toString();
        if (after.totalBudgetMinor < committed) {
          throw programmeErrors.conflict(ProgrammeReason.BELOW_AWARDED, { awarded }, awarded);
        }
      }
      const saved = await this.db.repo(tx, Programme).save(after);
      await this.audit.record(tx, {
        action: 'programme.updated',
        subjectType: 'Programme',
        subjectId: id,
        before,
        after: saved,
      });
      return saved;
    });
  }

  async changeStatus(ctx: RequestContext, id: string, to: ProgrammeStatus): Promise<Programme> {
    return this.db.transaction(ctx, async (tx) => {
      const programme = await this.lockOwn(tx, id);
      const allowed = PROGRAMME_TRANSITIONS[programme.status];
      if (!allowed.includes(to)) {
        throw programmeErrors.conflict(
          ProgrammeReason.INVALID_TRANSITION,
          { current: programme.status, allowed },
          programme.status,
          to,
          allowed,
        );
      }
      if (to === ProgrammeStatus.OPEN) {
        const problems = settingsProblems(programme, true);
        if (problems.length) throw BadUserInputError.forFields(problems);
      }
      const before = { status: programme.status };
      programme.status = to;
      await this.db.repo(tx, Programme).update({ id }, { status: to });
      await this.audit.record(tx, {
        action: `programme.${to.toLowerCase()}`,
        subjectType: 'Programme',
        subjectId: id,
        before,
        after: { status: to },
      });
      return programme;
    });
  }

  /**
   * The programme of a grant or application the caller holds, for its rules (tolerance, calendar,
   * template): by id, without a tenant check.
   */
  settingsOf(ctx: RequestContext, id: string): Promise<Programme> {
    return this.db.repo(ctx, Programme).findOneByOrFail({ id });
  }

  /** An OPEN programme by id (any funder's: grantees apply to it), or null. */
  openOrNull(ctx: RequestContext, id: string): Promise<Programme | null> {
    return this.db.repo(ctx, Programme).findOneBy({ id, status: ProgrammeStatus.OPEN });
  }

  /** One of the caller's own programmes (the funder's), or null. */
  ownOrNull(ctx: RequestContext, id: string): Promise<Programme | null> {
    return this.db.repo(ctx, Programme).findOneBy({ id, funderOrganizationId: ctx.orgId });
  }

  /** A programme the caller may see, else NOT_FOUND. */
  async get(ctx: RequestContext, id: string): Promise<Programme> {
    const programme = await this.visible(ctx).andWhere('p.id = :id', { id }).getOne();
    if (!programme) throw new NotFoundError('Programme', id);
    return programme;
  }

  list(ctx: RequestContext, args: ProgrammesArgs): Promise<ConnectionShape<Programme>> {
    return this.page(this.visible(ctx), args);
  }

  /** Open calls, for everyone: published and not yet past their closing time. */
  openCalls(ctx: RequestContext, args: ProgrammesArgs): Promise<ConnectionShape<Programme>> {
    return this.page(this.openCallsQuery(ctx), { ...args, status: undefined });
  }

  /** One open call, for everyone; a draft, closed or past call answers NOT_FOUND like an unknown id. */
  async openCall(ctx: RequestContext, id: string): Promise<Programme> {
    const programme = await this.openCallsQuery(ctx).andWhere('p.id = :id', { id }).getOne();
    if (!programme) throw new NotFoundError('Programme', id);
    return programme;
  }

  private openCallsQuery(ctx: RequestContext): SelectQueryBuilder<Programme> {
    return this.db
      .repo(ctx, Programme)
      .createQueryBuilder('p')
      .where('p.status = :open', { open: ProgrammeStatus.OPEN })
      .andWhere('(p.call_closes_at IS NULL OR p.call_closes_at > now())');
  }

  /** Funders see their own; grantees see open calls and what they applied to. */
  visible(ctx: RequestContext): SelectQueryBuilder<Programme> {
    const qb = this.db.repo(ctx, Programme).createQueryBuilder('p');
    if (ctx.organizationKind === OrganizationKind.FUNDER)
      return qb.where('p.funder_organization_id = :org', { org: ctx.orgId });
    return qb.where(
      new Brackets((w) =>
        w
          .where('p.status = :open', { open: ProgrammeStatus.OPEN })
          .orWhere(
            'EXISTS (SELECT 1 FROM application a WHERE a.programme_id = p.id AND a.grantee_organization_id = :org)',
            {
              org: ctx.orgId,
            },
          ),
      ),
    );
  }

  private page(
    qb: SelectQueryBuilder<Programme>,
    args: ProgrammesArgs,
  ): Promise<ConnectionShape<Programme>> {
    const { status, text, ...page } = args;
    if (status) qb.andWhere('p.status = :status', { status });
    if (text) {
      qb.andWhere(
        `to_tsvector('simple', p.title || ' ' || p.description) @@ plainto_tsquery('simple', :text)`,
        { text },
      );
    }
    return paginate(qb, page, createdAtKeys('p'));
  }

  private async lockOwn(ctx: RequestContext, id: string): Promise<Programme> {
    const programme = await this.db
      .repo(ctx, Programme)
      .createQueryBuilder('p')
      // The lock the budget guard takes (see programme-budget-guard.ts): updates and money wait
      // for each other, rows that merely reference the programme do not.
      .setLock('for_no_key_update')
      .where('p.id = :id AND p.funder_organization_id = :org', { id, org: ctx.orgId })
      .getOne();
    if (!programme) throw new NotFoundError('Programme', id);
    return programme;
  }
}
