// Grants: created atomically from an approved application (lines, sprints, tranche schedule), and
// read by the two organisations they connect — the funder and the grantee.
import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { NotFoundError } from '../core/errors/app-error';
import { Money } from '../core/money/money';
import { ConnectionShape, paginate, createdAtKeys } from '../core/pagination/connection';
import type { Application, PlannedLine } from '../applications/application.entity';
import type { Programme } from '../programmes/programme.entity';
import { GrantsArgs } from './dto/grant.inputs';
import { BudgetLine, Grant, Milestone, Sprint, Tranche } from './grant.entity';
import { GrantStatus, SprintStatus, TrancheKind, TrancheStatus } from './grant.enums';
import { LedgerKind } from '../budget/budget.enums';
import { ACCOUNTS, LedgerService } from '../budget/ledger.service';
import { sprintDates, trancheSchedule } from './tranche-schedule';
import { GrantLifecycleService } from './grant-lifecycle.service';

export interface Award {
  application: Application;
  programme: Programme;
  awarded: Money;
  lines: PlannedLine[];
  startDate: string;
}

@Injectable()
export class GrantService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly lifecycle: GrantLifecycleService,
  ) {}

  /** Creates the grant with its budget lines, sprints, milestones and tranches, in the caller's transaction. */
  async createFromAward(ctx: RequestContext, award: Award): Promise<Grant> {
    const { application, programme, awarded, lines, startDate } = award;
    const year = Number(startDate.slice(0, 4));
    const [{ last }] = await this.db.manager(ctx).query<[{ last: number }]>(
      `INSERT INTO grant_reference_counter (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = grant_reference_counter.last + 1 RETURNING last`,
      [year],
    );
    const sprintCount = application.sprintPlan.length;
    const grant = await this.db.repo(ctx, Grant).save(
      this.db.repo(ctx, Grant).create({
        reference: `MS-${year}-${String(last).padStart(4, '0')}`,
        programmeId: programme.id,
        applicationId: application.id,
        funderOrganizationId: programme.funderOrganizationId,
        granteeOrganizationId: application.granteeOrganizationId,
        title: application.title,
        currency: awarded.currency,
        awardedAmountMinor: awarded.amountMinor,
        startDate,
        endDate: sprintDates(startDate, sprintCount, programme.sprintLengthDays).endDate,
        status: GrantStatus.ACTIVE,
      }),
    );
    const inserted = await this.db.repo(ctx, BudgetLine).save(
      lines.map((line, i) => ({
        grantId: grant.id,
        position: i + 1,
        category: line.category,
        name: line.name,
        currency: awarded.currency,
        originalAmountMinor: BigInt(line.amountMinor),
        allocatedMinor: BigInt(line.amountMinor),
        spentMinor: 0n,
      })),
    );
    await this.ledger.post(ctx, {
      grantId: grant.id,
      kind: LedgerKind.AWARD,
      currency: awarded.currency,
      sourceId: grant.id,
      memo: `award ${grant.reference}`,
      entries: [
        { account: ACCOUNTS.commitment, amount: -awarded.amountMinor },
        ...inserted.map((l) => ({ account: ACCOUNTS.line(l.id), amount: l.originalAmountMinor })),
      ],
    });
    for (const [i, planned] of application.sprintPlan.entries()) {
      const sprint = await this.db.repo(ctx, Sprint).save({
        grantId: grant.id,
        number: i + 1,
        goal: planned.goal,
        ...sprintDates(startDate, i + 1, programme.sprintLengthDays),
        // The first sprint starts with the grant.
        status: i === 0 ? SprintStatus.ACTIVE : SprintStatus.PLANNED,
      });
      if (planned.milestones.length) {
        await this.db.repo(ctx, Milestone).insert(
          planned.milestones.map((title, position) => ({
            sprintId: sprint.id,
            position: position + 1,
            title,
          })),
        );
      }
    }
    const schedule = trancheSchedule(awarded, sprintCount, programme.tranchePolicy);
    const tranches = await this.db.repo(ctx, Tranche).save(
      schedule.map((t, i) => ({
        grantId: grant.id,
        number: i + 1,
        kind: t.kind,
        releasedBySprint: t.releasedBySprint,
        currency: t.amount.currency,
        amountMinor: t.amount.amountMinor,
        status: TrancheStatus.SCHEDULED,
        releasedAt: null,
      })),
    );
    // The share due at award is paid at once.
    const first = tranches.find((t) => t.kind === TrancheKind.AWARD);
    if (first) await this.release(ctx, grant, first, 'paid at award');
    await this.audit.record(ctx, {
      action: 'grant.awarded',
      subjectType: 'Grant',
      subjectId: grant.id,
      organizationId: programme.funderOrganizationId,
      after: {
        ...grant,
        lines,
        tranches: schedule.map((t) => ({ kind: t.kind, amount: t.amount.toJSON() })),
      },
    });
    return grant;
  }

  /** Releases a scheduled tranche of `grant` (the caller holds its lock); see GrantLifecycleService. */
  release(ctx: RequestContext, grant: Grant, tranche: Tranche, memo: string): Promise<Tranche> {
    return this.lifecycle.release(ctx, grant, tranche, memo);
  }

  /**
   * One grant the caller's organisation funds or receives, else NOT_FOUND. The most frequent read
   * of all (every grant page and many checks start with it): one statement written once, without
   * the query builder, which would build the same SQL and map the row through its aliases anew on
   * every call.
   */
  async get(ctx: RequestContext, id: string): Promise<Grant> {
    this.getSql ??= `SELECT ${this.db.selectColumns(Grant, 'g')} FROM "grant" g
      WHERE g.id = $1 AND (g.funder_organization_id = $2 OR g.grantee_organization_id = $2)`;
    const [raw] = await this.db
      .manager(ctx)
      .query<Record<string, unknown>[]>(this.getSql, [id, ctx.orgId]);
    const grant = raw && this.db.hydrate(Grant, raw, 'g');
    if (!grant) throw new NotFoundError('Grant', id);
    return grant;
  }

  private getSql?: string;

  list(ctx: RequestContext, args: GrantsArgs): Promise<ConnectionShape<Grant>> {
    const { status, programmeId, text, ...page } = args;
    const qb = this.visible(ctx);
    if (status) qb.andWhere('g.status = :status', { status });
    if (programmeId) qb.andWhere('g.programme_id = :programmeId', { programmeId });
    if (text)
      qb.andWhere(`(g.title ILIKE :text OR g.reference ILIKE :text)`, {
        text: `%${text.replace(/[%_\\]/g, '\\$&')}%`,
      });
    return paginate(qb, page, createdAtKeys('g'));
  }

  // Reads for other modules' rules and jobs, by id without a tenant check: the caller reached the
  // id through a row it may see (its review, notice, reallocation) or runs as the worker.

  /** The grant of a row the caller holds. */
  byId(ctx: RequestContext, id: string): Promise<Grant> {
    return this.db.repo(ctx, Grant).findOneByOrFail({ id });
  }

  /** The grant an approved application became, or null. */
  byApplication(ctx: RequestContext, applicationId: string): Promise<Grant | null> {
    return this.db.repo(ctx, Grant).findOneBy({ applicationId });
  }

  sprintById(ctx: RequestContext, id: string): Promise<Sprint> {
    return this.db.repo(ctx, Sprint).findOneByOrFail({ id });
  }

  trancheById(ctx: RequestContext, id: string): Promise<Tranche> {
    return this.db.repo(ctx, Tranche).findOneByOrFail({ id });
  }

  /** The grant's budget lines in their order. */
  linesOf(ctx: RequestContext, grantId: string): Promise<BudgetLine[]> {
    return this.db.repo(ctx, BudgetLine).find({ where: { grantId }, order: { position: 'ASC' } });
  }

  tranchesOf(ctx: RequestContext, grantId: string): Promise<Tranche[]> {
    return this.db.repo(ctx, Tranche).find({ where: { grantId }, order: { number: 'ASC' } });
  }

  /** A grant is seen by its funder and its grantee, nobody else. */
  visible(ctx: RequestContext): SelectQueryBuilder<Grant> {
    return this.db
      .repo(ctx, Grant)
      .createQueryBuilder('g')
      .where('(g.funder_organization_id = :org OR g.grantee_organization_id = :org)', {
        org: ctx.orgId,
      });
  }
}
