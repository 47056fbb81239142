// Composes each kind of report from the data the requester's organisation may see — checked again
// here, at generation, with the same rules the API uses.
import { Injectable } from '@nestjs/common';
import { AttachmentService } from '../attachments/attachment.service';
import { BudgetService } from '../budget/budget.service';
import { PlanChange, SprintReview, SprintReviewVersion } from '../sprints/sprint-review.entity';
import { labelOf } from './report-labels';
import { Clock } from '../core/calendar/clock';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { NotFoundError } from '../core/errors/app-error';
import { BudgetLine, Grant, Sprint } from '../grants/grant.entity';
import { Organization } from '../identity/entities/organization.entity';
import { Learning } from '../learnings/learning.entity';
import { LearningService } from '../learnings/learning.service';
import { Programme } from '../programmes/programme.entity';
import { TimelineService } from '../sprints/timeline.service';
import { BATCH, burnDown, closeOutFigures, portfolioRows, programmeClaimed } from './report-data';
import { Cell, Column, ReportDocument, Table } from './report-document';
import { Report } from './report.entity';
import { GrantService } from '../grants/grant.service';
import { TrancheStatus } from '../grants/grant.enums';
import { ProofOfUseCompiler } from '../proof-of-use/proof-of-use-compiler';
import { ProofOfUseKind } from '../proof-of-use/proof-of-use.enums';
import { ProofOfUseService } from '../proof-of-use/proof-of-use.service';
import { ReportKind } from './report.enums';

type L = 'de' | 'en';
const t = (l: L, de: string, en: string) => (l === 'de' ? de : en);

@Injectable()
export class ReportBuilder {
  constructor(
    private readonly db: Database,
    private readonly budget: BudgetService,
    private readonly timeline: TimelineService,
    private readonly learnings: LearningService,
    private readonly clock: Clock,
    private readonly attachments: AttachmentService,
    private readonly grants: GrantService,
    private readonly proofs: ProofOfUseService,
    private readonly compiler: ProofOfUseCompiler,
  ) {}

  /** A calendar day as the reader writes it: 30.11.2026 / 30 Nov 2026. */
  private day(l: L, date: string): string {
    return new Intl.DateTimeFormat(l === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));
  }

  private logo(programme: Programme): Promise<Buffer | null> {
    return this.attachments.logoOf(
      RequestContext.system('reports'),
      programme.funderOrganizationId,
    );
  }

  /** The requester's view: their organisation, their language. */
  contextOf(report: Report, organizationKind: string): RequestContext {
    return RequestContext.create({
      language: report.language as L,
      actor: {
        kind: 'user',
        userId: report.requestedById ?? '00000000-0000-0000-0000-000000000000',
        organizationId: report.organizationId,
        organizationKind,
        roles: [],
      },
    });
  }

  async build(report: Report): Promise<ReportDocument> {
    const org = await this.db
      .repo(RequestContext.system('reports'), Organization)
      .findOneByOrFail({ id: report.organizationId });
    const ctx = this.contextOf(report, org.kind);
    switch (report.kind) {
      case ReportKind.PORTFOLIO:
        return this.portfolio(ctx, report.programmeId!);
      case ReportKind.GRANT:
        return this.grant(ctx, report.grantId!);
      case ReportKind.PROOF_OF_USE:
        return this.proofOfUse(ctx, report.grantId!, report.proofOfUseId);
      case ReportKind.LEARNINGS:
        return this.learningDigest(ctx, report.programmeId!);
    }
  }

  private async portfolio(ctx: RequestContext, programmeId: string): Promise<ReportDocument> {
    const l = ctx.language;
    const programme = await this.db
      .repo(ctx, Programme)
      .findOneBy({ id: programmeId, funderOrganizationId: ctx.orgId });
    if (!programme) throw new NotFoundError('Programme', programmeId);
    const money = await this.budget.programmeBudget(ctx, programmeId);
    const manager = this.db.manager(ctx);
    const now = this.clock.now();
    const today = this.clock.today(programme.timeZone);
    const rows = async function* (): AsyncGenerator<Record<string, Cell>> {
      for await (const r of portfolioRows(manager, programmeId, now)) yield { ...r };
    };
    const claimed = await programmeClaimed(manager, programmeId);
    const grants: Table = {
      key: 'grants',
      title: t(l, 'Förderungen', 'Grants'),
      columns: [
        {
          key: 'reference',
          label: t(l, 'Nummer', 'Reference'),
          width: 1.4,
          pdfSample: 'MS-2026-0001',
        },
        { key: 'title', label: t(l, 'Projekt', 'Project'), width: 2 },
        { key: 'grantee', label: t(l, 'Förderpartner', 'Grantee'), width: 1.5 },
        { key: 'status', label: 'Status', labels: 'grantStatus' },
        // Every amount carries its currency sign in the PDF.
        { key: 'currency', label: t(l, 'Währung', 'Currency'), width: 0.6, pdfHidden: true },
        { key: 'awarded', label: t(l, 'Bewilligt', 'Awarded'), money: true },
        { key: 'released', label: t(l, 'Ausgezahlt', 'Released'), money: true },
        { key: 'spent', label: t(l, 'Ausgegeben', 'Spent'), money: true },
        { key: 'remaining', label: t(l, 'Verbleibend', 'Remaining'), money: true },
        { key: 'returned', label: t(l, 'Zurückgeflossen', 'Returned'), money: true },
        { key: 'claimed', label: t(l, 'Rückforderung', 'Claimed'), money: true },
        {
          key: 'claimStatus',
          label: t(l, 'Status der Rückforderung', 'Claim status'),
          width: 0.8,
          labels: 'claimStatus',
        },
        { key: 'currentSprint', label: 'Sprint', width: 0.5 },
        {
          key: 'sprintStatus',
          label: t(l, 'Sprint-Status', 'Sprint status'),
          labels: 'sprintStatus',
        },
        {
          key: 'confidence',
          label: t(l, 'Stimmung', 'Confidence'),
          width: 0.7,
          labels: 'confidence',
        },
        { key: 'pivots', label: 'Pivots', width: 0.5 },
        { key: 'reallocations', label: t(l, 'Umschichtungen', 'Reallocations'), width: 0.7 },
        { key: 'overdueItems', label: t(l, 'Überfällig', 'Overdue'), width: 0.6 },
        { key: 'learningsInsight', label: 'Insights', width: 0.6 },
        { key: 'learningsFailure', label: t(l, 'Fehlschläge', 'Failures'), width: 0.6 },
        { key: 'learningsSurprise', label: t(l, 'Überraschungen', 'Surprises'), width: 0.7 },
      ],
      // Twenty columns do not fit a page: money first, then how the work goes.
      pdfParts: [
        {
          title: t(l, 'Förderungen: Geld', 'Grants: money'),
          keys: [
            'reference',
            'title',
            'grantee',
            'status',
            'awarded',
            'released',
            'spent',
            'remaining',
            'returned',
            'claimed',
            'claimStatus',
          ],
        },
        {
          title: t(l, 'Förderungen: Verlauf', 'Grants: progress'),
          keys: [
            'reference',
            'title',
            'currentSprint',
            'sprintStatus',
            'confidence',
            'pivots',
            'reallocations',
            'overdueItems',
            'learningsInsight',
            'learningsFailure',
            'learningsSurprise',
          ],
        },
      ],
      rows: rows(),
    };
    const chart = await burnDown(manager, { programmeId });
    return {
      title: t(l, `Portfolio: ${programme.title}`, `Portfolio: ${programme.title}`),
      subtitle: t(l, `Stand ${this.day(l, today)}`, `As of ${this.day(l, today)}`),
      asOf: today,
      language: l,
      timeZone: programme.timeZone,
      reference: programme.title,
      logo: await this.logo(programme),
      currency: programme.currency,
      facts: [
        { key: 'grants', label: t(l, 'Förderungen', 'Grants'), value: money.grants.length },
        {
          key: 'totalBudget',
          label: t(l, 'Programmbudget', 'Programme budget'),
          value: money.totalBudget.amountMinor,
          money: true,
        },
        {
          key: 'awarded',
          label: t(l, 'Bewilligt', 'Awarded'),
          value: money.awarded.amountMinor,
          money: true,
        },
        {
          key: 'released',
          label: t(l, 'Ausgezahlt', 'Released'),
          value: money.released.amountMinor,
          money: true,
        },
        {
          key: 'spent',
          label: t(l, 'Ausgegeben', 'Spent'),
          value: money.spent.amountMinor,
          money: true,
        },
        {
          key: 'remaining',
          label: t(l, 'Verbleibend', 'Remaining'),
          value: money.awarded.amountMinor - money.spent.amountMinor,
          money: true,
        },
        {
          key: 'returned',
          label: t(l, 'An das Programm zurückgeflossen', 'Returned to the programme'),
          value: money.returned.amountMinor,
          money: true,
        },
        {
          key: 'available',
          label: t(l, 'Verfügbar', 'Available'),
          value: money.available.amountMinor,
          money: true,
        },
        {
          key: 'claimed',
          label: t(l, 'Zurückgefordert', 'Claimed back'),
          value: claimed,
          money: true,
        },
      ],
      chart: chart && {
        title: t(
          l,
          'Mittelabfluss über die Sprints (Burn-down)',
          'Budget burn-down over the sprints',
        ),
        ...chart,
      },
      tables: [grants],
      counts: {},
    };
  }

  private async grant(ctx: RequestContext, grantId: string): Promise<ReportDocument> {
    const l = ctx.language;
    const budget = await this.budget.grantBudget(ctx, grantId); // NOT_FOUND for other tenants
    const grant = await this.db.repo(ctx, Grant).findOneByOrFail({ id: grantId });
    const programme = await this.db
      .repo(RequestContext.system('reports'), Programme)
      .findOneByOrFail({ id: grant.programmeId });
    const today = this.clock.today(programme.timeZone);
    const closeOut = await closeOutFigures(this.db.manager(ctx), grantId);
    const sprints = await this.db
      .repo(ctx, Sprint)
      .find({ where: { grantId }, order: { number: 'ASC' } });
    const spend = await this.db
      .manager(ctx)
      .query<{ line_id: string; number: number | null; spent: string }[]>(
        `SELECT e.line_id, s.number, sum(e.amount_minor)::text AS spent
         FROM spend_entry e LEFT JOIN sprint s ON s.id = e.sprint_id
        WHERE e.grant_id = $1 GROUP BY e.line_id, s.number`,
        [grantId],
      );
    const lines = await this.db
      .repo(ctx, BudgetLine)
      .find({ where: { grantId }, order: { position: 'ASC' } });
    const spentOf = (lineId: string, sprint: number | null) =>
      BigInt(spend.find((s) => s.line_id === lineId && s.number === sprint)?.spent ?? '0');
    const lineRows = async function* (): AsyncGenerator<Record<string, Cell>> {
      for (const line of lines) {
        const row: Record<string, Cell> = {
          reference: grant.reference,
          title: grant.title,
          line: line.name,
          category: line.category,
          currency: line.currency,
          original: line.originalAmountMinor,
          allocated: line.allocatedMinor,
          spent: line.spentMinor,
          remaining: line.allocatedMinor - line.spentMinor,
        };
        for (const s of sprints) row[`sprint${s.number}`] = spentOf(line.id, s.number);
        row.withoutSprint = spentOf(line.id, null);
        row.returned = null;
        row.claimed = null;
        row.claimStatus = null;
        yield row;
      }
      // The total: the lines summed, and the grant's close-out (returned, claimed), which belongs
      // to no line — so the CSV, which carries this table only, shows it too.
      const sum = (f: (line: BudgetLine) => bigint) => lines.reduce((s, x) => s + f(x), 0n);
      const total: Record<string, Cell> = {
        reference: grant.reference,
        title: grant.title,
        line: t(l, 'Gesamt', 'Total'),
        category: null,
        currency: grant.currency,
        original: sum((x) => x.originalAmountMinor),
        allocated: sum((x) => x.allocatedMinor),
        spent: sum((x) => x.spentMinor),
        remaining: sum((x) => x.allocatedMinor - x.spentMinor),
      };
      for (const s of sprints) total[`sprint${s.number}`] = sum((x) => spentOf(x.id, s.number));
      total.withoutSprint = sum((x) => spentOf(x.id, null));
      total.returned = closeOut.returned;
      total.claimed = closeOut.claimed;
      total.claimStatus = closeOut.claimStatus;
      yield total;
    };
    const timeline = await this.timeline.forGrant(ctx, grantId);
    const events = async function* (): AsyncGenerator<Record<string, Cell>> {
      for (const e of timeline)
        yield {
          at: e.at.toISOString(),
          kind: e.kind,
          sprint: e.sprintNumber,
          summary: e.summary,
          detail: e.detail,
          currency: e.amount?.currency ?? null,
          amount: e.amount?.amountMinor ?? null,
        };
    };
    const reviews = await this.reviewContents(ctx, grantId);
    const questions = new Map(programme.reviewTemplate.map((q) => [q.key, q]));
    const reviewRows = async function* (): AsyncGenerator<Record<string, Cell>> {
      for (const s of sprints) {
        const content = reviews.get(s.id);
        yield {
          sprint: s.number,
          status: s.status,
          goal: s.goal,
          summary: content?.summary ?? null,
          outcomes:
            content?.outcomes
              .map(
                (o) =>
                  `${o.milestoneTitle}: ${labelOf('outcome', o.outcome, l)}${o.note ? ` – ${o.note}` : ''}`,
              )
              .join('\n') ?? null,
          // Each answer under its question as the programme asked it, in the reader's language.
          answers:
            content?.answers
              .map((a) => {
                const q = questions.get(a.key);
                const label = q ? (l === 'de' ? q.labelDe : q.labelEn) : a.key;
                return `${label}: ${a.text ?? a.choice ?? a.number ?? '–'}`;
              })
              .join('\n') ?? null,
          confidence: content?.confidence
            ? `${labelOf('confidence', content.confidence, l)}${content.confidenceNote ? ` – ${content.confidenceNote}` : ''}`
            : null,
        };
      }
    };
    const chart = await burnDown(this.db.manager(ctx), { grantId });
    return {
      title: `${grant.reference}: ${grant.title}`,
      subtitle: t(
        l,
        `Förderbericht, Stand ${this.day(l, today)}`,
        `Grant report as of ${this.day(l, today)}`,
      ),
      asOf: today,
      language: l,
      timeZone: programme.timeZone,
      reference: grant.reference,
      logo: await this.logo(programme),
      currency: grant.currency,
      facts: [
        { key: 'status', label: 'Status', value: grant.status, labels: 'grantStatus' },
        {
          key: 'awarded',
          label: t(l, 'Bewilligt', 'Awarded'),
          value: budget.awarded.amountMinor,
          money: true,
        },
        {
          key: 'released',
          label: t(l, 'Ausgezahlt', 'Released'),
          value: budget.released.amountMinor,
          money: true,
        },
        {
          key: 'spent',
          label: t(l, 'Ausgegeben', 'Spent'),
          value: budget.spent.amountMinor,
          money: true,
        },
        {
          key: 'remaining',
          label: t(l, 'Verbleibend', 'Remaining'),
          value: budget.remaining.amountMinor,
          money: true,
        },
        {
          key: 'holdback',
          label: t(l, 'Einbehalt', 'Holdback'),
          value: budget.holdback.amountMinor,
          money: true,
        },
        {
          key: 'returned',
          label: t(l, 'An das Programm zurückgeflossen', 'Returned to the programme'),
          value: closeOut.returned,
          money: true,
        },
        {
          key: 'claimed',
          label: t(l, 'Zurückgefordert', 'Claimed back'),
          value: closeOut.claimed,
          money: true,
        },
        {
          key: 'claimStatus',
          label: t(l, 'Status der Rückforderung', 'Claim status'),
          value: closeOut.claimStatus,
          labels: 'claimStatus',
        },
      ],
      chart: chart && {
        title: t(
          l,
          'Mittelabfluss über die Sprints (Burn-down)',
          'Budget burn-down over the sprints',
        ),
        ...chart,
      },
      tables: [
        {
          key: 'lines',
          title: t(l, 'Budget und Ist je Zeile und Sprint', 'Budget vs actual per line and sprint'),
          columns: [
            {
              key: 'reference',
              label: t(l, 'Nummer', 'Reference'),
              width: 1.3,
              pdfHidden: true,
            },
            { key: 'title', label: t(l, 'Projekt', 'Project'), width: 1.5, pdfHidden: true },
            { key: 'line', label: t(l, 'Zeile', 'Line'), width: 2 },
            { key: 'category', label: t(l, 'Art', 'Category'), labels: 'category' },
            {
              key: 'currency',
              label: t(l, 'Währung', 'Currency'),
              width: 0.9,
              pdfHidden: true,
            },
            { key: 'original', label: t(l, 'Plan', 'Planned'), money: true },
            { key: 'allocated', label: t(l, 'Zugewiesen', 'Allocated'), money: true },
            { key: 'spent', label: t(l, 'Ausgegeben', 'Spent'), money: true },
            { key: 'remaining', label: t(l, 'Verbleibend', 'Remaining'), money: true },
            ...sprints.map((s) => ({
              key: `sprint${s.number}`,
              label: `Sprint ${s.number}`,
              money: true,
            })),
            { key: 'withoutSprint', label: t(l, 'Ohne Sprint', 'No sprint'), money: true },
            { key: 'returned', label: t(l, 'Rückfluss', 'Returned'), money: true },
            { key: 'claimed', label: t(l, 'Rückforderung', 'Claimed'), money: true, width: 1.3 },
            {
              key: 'claimStatus',
              label: t(l, 'Status der Rückforderung', 'Claim status'),
              width: 1.3,
              labels: 'claimStatus',
            },
          ],
          rows: lineRows(),
        },
        {
          key: 'reviews',
          title: t(l, 'Sprint-Reviews', 'Sprint reviews'),
          columns: [
            { key: 'sprint', label: 'Sprint', width: 0.5 },
            { key: 'status', label: 'Status', width: 0.9, labels: 'sprintStatus' },
            { key: 'goal', label: t(l, 'Ziel', 'Goal'), width: 1.5 },
            { key: 'summary', label: t(l, 'Zusammenfassung', 'Summary'), width: 2 },
            { key: 'outcomes', label: t(l, 'Meilensteine', 'Milestones'), width: 2.2 },
            { key: 'answers', label: t(l, 'Antworten', 'Answers'), width: 2.2 },
            { key: 'confidence', label: t(l, 'Stimmung', 'Confidence'), width: 0.9 },
          ],
          rows: reviewRows(),
        },
        {
          key: 'timeline',
          title: t(l, 'Verlauf', 'Timeline'),
          columns: [
            { key: 'at', label: t(l, 'Zeit', 'Time'), width: 1.3, format: 'datetime' },
            { key: 'kind', label: t(l, 'Ereignis', 'Event'), width: 1.3, labels: 'timeline' },
            { key: 'sprint', label: 'Sprint', width: 0.5 },
            { key: 'summary', label: t(l, 'Was', 'What'), width: 3 },
            { key: 'detail', label: t(l, 'Details', 'Details'), width: 3 },
            { key: 'amount', label: t(l, 'Betrag', 'Amount'), money: true },
          ],
          rows: events(),
        },
      ],
      counts: {},
    };
  }

  private async learningDigest(ctx: RequestContext, programmeId: string): Promise<ReportDocument> {
    const l = ctx.language;
    const programme = await this.db.repo(ctx, Programme).findOneBy({ id: programmeId });
    const takesPart =
      programme &&
      (programme.funderOrganizationId === ctx.orgId ||
        (await this.db
          .repo(ctx, Grant)
          .exists({ where: { programmeId, granteeOrganizationId: ctx.orgId } })));
    if (!programme || !takesPart) throw new NotFoundError('Programme', programmeId);
    const today = this.clock.today(programme.timeZone);
    const db = this.db;
    const learnings = this.learnings;
    const rows = async function* (): AsyncGenerator<Record<string, Cell>> {
      let cursor: { at: Date; id: string } | null = null;
      for (;;) {
        const qb = learnings
          .visible(ctx)
          .andWhere('l.programme_id = :programmeId', { programmeId })
          .orderBy('l.created_at', 'ASC')
          .addOrderBy('l.id', 'ASC')
          .take(BATCH);
        if (cursor) qb.andWhere('(l.created_at, l.id) > (:at, :id)', cursor);
        const batch: Learning[] = await qb.getMany();
        // References only of the caller's own grants (as funder or grantee): a PROGRAMME-wide
        // learning of another team is shared, which team it came from is not.
        const ids = [...new Set(batch.map((b) => b.grantId))];
        const grants = ids.length
          ? await db
              .repo(ctx, Grant)
              .createQueryBuilder('g')
              .where('g.id IN (:...ids)', { ids })
              .andWhere('(g.funder_organization_id = :org OR g.grantee_organization_id = :org)', {
                org: ctx.orgId,
              })
              .getMany()
          : [];
        for (const b of batch)
          yield {
            date: b.createdAt.toISOString().slice(0, 10),
            grant: grants.find((g) => g.id === b.grantId)?.reference ?? null,
            sprint: b.sprintNumber,
            kind: b.kind,
            title: b.title,
            tried: b.tried,
            happened: b.happened,
            learned: b.learned,
            tags: b.tags.join(', '),
            visibility: b.visibility,
          };
        if (batch.length < BATCH) return;
        const last = batch[batch.length - 1];
        cursor = { at: last.createdAt, id: last.id };
      }
    };
    const [kinds] = await this.learnings
      .visible(ctx)
      .andWhere('l.programme_id = :programmeId', { programmeId })
      .select(`count(*) FILTER (WHERE l.kind = 'INSIGHT')::int`, 'insight')
      .addSelect(`count(*) FILTER (WHERE l.kind = 'FAILURE')::int`, 'failure')
      .addSelect(`count(*) FILTER (WHERE l.kind = 'SURPRISE')::int`, 'surprise')
      .getRawMany<{ insight: number; failure: number; surprise: number }>();
    return {
      title: t(l, `Learnings: ${programme.title}`, `Learnings: ${programme.title}`),
      subtitle: t(
        l,
        `Was die Teams gelernt haben, Stand ${this.day(l, today)}`,
        `What the teams learned, as of ${this.day(l, today)}`,
      ),
      asOf: today,
      language: l,
      timeZone: programme.timeZone,
      reference: programme.title,
      logo: await this.logo(programme),
      currency: null,
      facts: [
        { key: 'insights', label: 'Insights', value: kinds?.insight ?? 0 },
        { key: 'failures', label: t(l, 'Fehlschläge', 'Failures'), value: kinds?.failure ?? 0 },
        {
          key: 'surprises',
          label: t(l, 'Überraschungen', 'Surprises'),
          value: kinds?.surprise ?? 0,
        },
      ],
      chart: null,
      tables: [
        {
          key: 'learnings',
          title: 'Learnings',
          columns: [
            { key: 'date', label: t(l, 'Datum', 'Date'), width: 0.8, format: 'date' },
            { key: 'grant', label: t(l, 'Förderung', 'Grant'), width: 0.9 },
            { key: 'sprint', label: 'Sprint', width: 0.5 },
            { key: 'kind', label: t(l, 'Art', 'Kind'), width: 0.7, labels: 'learningKind' },
            { key: 'title', label: t(l, 'Titel', 'Title'), width: 1.5 },
            { key: 'tried', label: t(l, 'Versucht', 'Tried'), width: 2 },
            { key: 'happened', label: t(l, 'Passiert', 'Happened'), width: 2 },
            { key: 'learned', label: t(l, 'Gelernt', 'Learned'), width: 2 },
            { key: 'tags', label: 'Tags', width: 1 },
            {
              key: 'visibility',
              label: t(l, 'Sichtbar für', 'Visible to'),
              width: 0.8,
              labels: 'visibility',
            },
          ],
          rows: rows(),
        },
      ],
      counts: {},
    };
  }

  /**
   * Proof of use (Verwendungsnachweis, ANBest-P Nr. 6) compiled from what was already reported:
   * the narrative from the sprint reviews, the financial statement per line (the figures of
   * grantBudget), tranches, returned money and refund claim, and the list of receipts — for the
   * whole grant, or for one proof of use: its period and the grantee's closing statement.
   */
  private async proofOfUse(
    ctx: RequestContext,
    grantId: string,
    proofOfUseId: string | null,
  ): Promise<ReportDocument> {
    const l = ctx.language;
    // NOT_FOUND for other tenants (and for the funder, a proof of use not yet submitted).
    const proof = proofOfUseId ? await this.proofs.get(ctx, proofOfUseId) : null;
    const grant = await this.grants.get(ctx, grantId);
    const programme = await this.db
      .repo(RequestContext.system('reports'), Programme)
      .findOneByOrFail({ id: grant.programmeId });
    const today = this.clock.today(programme.timeZone);
    const period = proof ? this.proofs.periodOf(proof) : null;
    const figures = await this.compiler.compile(ctx, grant, period, {
      from: proof?.periodFrom ?? grant.startDate,
      to: proof?.periodTo ?? grant.endDate,
    });
    const allSprints = await this.db
      .repo(ctx, Sprint)
      .find({ where: { grantId }, order: { number: 'ASC' } });
    // The sprints the period touches (all of them for the whole grant).
    const sprints = allSprints.filter(
      (s) => !period || (s.startDate <= period.to && s.endDate >= period.from),
    );
    const reviews = await this.reviewContents(ctx, grantId);
    const pivots = await this.db
      .repo(ctx, PlanChange)
      .find({ where: { grantId }, order: { createdAt: 'ASC' } });

    const narrative = async function* (): AsyncGenerator<Record<string, Cell>> {
      for (const s of sprints) {
        const content = reviews.get(s.id);
        // A pivot is decided in a sprint's review and changes the next sprint's plan.
        const pivot = pivots.find((p) => p.sprintNumber === s.number + 1);
        yield {
          sprint: s.number,
          goal: s.goal,
          summary: content?.summary ?? null,
          outcomes:
            content?.outcomes
              .map(
                (o) =>
                  `${o.milestoneTitle}: ${labelOf('outcome', o.outcome, l)}${o.note ? ` – ${o.note}` : ''}`,
              )
              .join('\n') ?? null,
          pivot: pivot
            ? `${pivot.before.goal} – ${t(l, 'neu', 'now')}: ${pivot.after.goal}${content?.summary ? ` (${t(l, 'Begründung', 'why')}: ${content.summary})` : ''}`
            : null,
          learnings:
            content?.learnings
              .map((x) => `${labelOf('learningKind', x.kind, l)}: ${x.title} – ${x.learned}`)
              .join('\n') ?? null,
          confidence: content?.confidence
            ? `${labelOf('confidence', content.confidence, l)}${content.confidenceNote ? ` – ${content.confidenceNote}` : ''}`
            : null,
        };
      }
    };
    const statement = async function* (): AsyncGenerator<Record<string, Cell>> {
      for (const x of figures.lines) {
        const deviation = Number(x.deviationPercent);
        const explanation = [
          ...x.explanations,
          ...x.reallocationReasons.map((r) => `${t(l, 'Umschichtung', 'Reallocation')}: ${r}`),
        ].join(' / ');
        yield {
          line: x.name,
          category: x.category,
          currency: grant.currency,
          original: x.original.amountMinor,
          reallocated: x.reallocated.amountMinor,
          allocated: x.allocated.amountMinor,
          ...(period ? { spentInPeriod: x.spentInPeriod.amountMinor } : {}),
          spent: x.spentToDate.amountMinor,
          deviation: `${deviation.toLocaleString(l === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`,
          tolerance: `${x.tolerancePercent} %`,
          explanation: x.beyondTolerance
            ? explanation || t(l, 'keine Erläuterung', 'no explanation')
            : null,
        };
      }
      const sum = (f: (x: (typeof figures.lines)[number]) => bigint) =>
        figures.lines.reduce((a, x) => a + f(x), 0n);
      yield {
        line: t(l, 'Gesamt', 'Total'),
        category: null,
        currency: grant.currency,
        original: sum((x) => x.original.amountMinor),
        reallocated: 0n,
        allocated: sum((x) => x.allocated.amountMinor),
        ...(period ? { spentInPeriod: figures.spentInPeriod.amountMinor } : {}),
        spent: figures.spentToDate.amountMinor,
        deviation: null,
        tolerance: null,
        explanation: null,
      };
    };
    const trancheRows = async function* (): AsyncGenerator<Record<string, Cell>> {
      for (const x of figures.tranches)
        yield {
          number: x.number,
          kind: x.kind,
          status: x.status,
          currency: x.currency,
          amount: x.amountMinor,
          releasedAt: x.releasedAt?.toISOString() ?? null,
        };
    };
    const receiptRows = async function* (): AsyncGenerator<Record<string, Cell>> {
      for (const e of figures.receipts)
        yield {
          date: e.spentOn,
          line: e.lineName || null,
          sprint: e.sprintNumber,
          currency: e.amount.currency,
          amount: e.amount.amountMinor,
          note:
            e.note ||
            (e.fromSprintReview
              ? e.sprintNumber === null
                ? t(l, 'aus dem Sprint-Review', 'from the sprint review')
                : t(
                    l,
                    `aus dem Review zu Sprint ${e.sprintNumber}`,
                    `from the sprint ${e.sprintNumber} review`,
                  )
              : null),
          receipt: e.receiptReference,
          attachment: e.attachments.map((f) => f.fileName).join(', ') || null,
        };
    };
    const closing = async function* (): AsyncGenerator<Record<string, Cell>> {
      if (proof) yield { statement: proof.statement || t(l, '(noch leer)', '(not written yet)') };
    };
    const budget = { awarded: figures.awarded.amountMinor };
    const title = proof
      ? proof.kind === ProofOfUseKind.FINAL
        ? t(l, 'Verwendungsnachweis', 'Final proof of use')
        : t(l, 'Zwischennachweis', 'Interim proof of use')
      : t(l, 'Verwendungsnachweis', 'Proof of use');
    const span = `${this.day(l, figures.periodFrom)} – ${this.day(l, figures.periodTo)}`;
    const statementColumns: Column[] = [
      { key: 'line', label: t(l, 'Zeile', 'Line'), width: 1.6 },
      { key: 'category', label: t(l, 'Art', 'Category'), labels: 'category' },
      { key: 'currency', label: t(l, 'Währung', 'Currency'), width: 0.8 },
      { key: 'original', label: t(l, 'Plan', 'Planned'), money: true },
      { key: 'reallocated', label: t(l, 'Umschichtung', 'Reallocated'), money: true },
      { key: 'allocated', label: t(l, 'Endgültig', 'Final'), money: true },
      ...(period
        ? [
            {
              key: 'spentInPeriod',
              label: t(l, 'Im Zeitraum', 'In the period'),
              money: true,
            } as Column,
          ]
        : []),
      {
        key: 'spent',
        label: period
          ? t(l, 'Bis Zeitraumende', 'To the period’s end')
          : t(l, 'Ausgegeben', 'Spent'),
        money: true,
      },
      { key: 'deviation', label: t(l, 'Abweichung', 'Deviation'), width: 0.9 },
      { key: 'tolerance', label: t(l, 'Toleranz', 'Tolerance'), width: 0.8 },
      { key: 'explanation', label: t(l, 'Erläuterung', 'Explanation'), width: 2.2 },
    ];
    return {
      title: `${title} ${grant.reference}: ${grant.title}`,
      subtitle: proof
        ? t(
            l,
            `Zeitraum ${span}, zusammengestellt aus den Sprint-Reviews, Stand ${this.day(l, today)}`,
            `Period ${span}, compiled from the sprint reviews, as of ${this.day(l, today)}`,
          )
        : t(
            l,
            `Zusammengestellt aus den Sprint-Reviews, Stand ${this.day(l, today)}`,
            `Compiled from the sprint reviews, as of ${this.day(l, today)}`,
          ),
      asOf: today,
      language: l,
      timeZone: programme.timeZone,
      reference: grant.reference,
      logo: await this.logo(programme),
      currency: grant.currency,
      facts: [
        { key: 'status', label: 'Status', value: grant.status, labels: 'grantStatus' },
        ...(proof
          ? [
              {
                key: 'periodFrom',
                label: t(l, 'Zeitraum von', 'Period from'),
                value: this.day(l, proof.periodFrom),
              },
              {
                key: 'periodTo',
                label: t(l, 'Zeitraum bis', 'Period to'),
                value: this.day(l, proof.periodTo),
              },
            ]
          : []),
        {
          key: 'awarded',
          label: t(l, 'Bewilligt', 'Awarded'),
          value: budget.awarded,
          money: true,
        },
        {
          key: 'released',
          label: proof
            ? t(l, 'Im Zeitraum erhaltene Tranchen', 'Tranches received in the period')
            : t(l, 'Erhaltene Tranchen', 'Tranches received'),
          value: period
            ? figures.received.amountMinor
            : figures.tranches
                .filter((x) => x.status === TrancheStatus.RELEASED)
                .reduce((a, x) => a + x.amountMinor, 0n),
          money: true,
        },
        ...(period
          ? [
              {
                key: 'spentInPeriod',
                label: t(l, 'Im Zeitraum ausgegeben', 'Spent in the period'),
                value: figures.spentInPeriod.amountMinor,
                money: true,
              },
            ]
          : []),
        {
          key: 'spent',
          label: period
            ? t(l, 'Bis Zeitraumende ausgegeben', 'Spent to the period’s end')
            : t(l, 'Ausgegeben', 'Spent'),
          value: figures.spentToDate.amountMinor,
          money: true,
        },
        {
          key: 'returned',
          label: t(l, 'An das Programm zurückgeflossen', 'Returned to the programme'),
          value: figures.returned.amountMinor,
          money: true,
        },
        {
          key: 'claimed',
          label: t(l, 'Rückforderung', 'Refund claim'),
          value: figures.claimed.amountMinor,
          money: true,
        },
        {
          key: 'claimStatus',
          label: t(l, 'Status der Rückforderung', 'Claim status'),
          value: figures.claimStatus,
          labels: 'claimStatus',
        },
      ],
      chart: null,
      tables: [
        {
          key: 'narrative',
          title: t(l, 'Sachbericht', 'Narrative report'),
          columns: [
            { key: 'sprint', label: 'Sprint', width: 0.5 },
            { key: 'goal', label: t(l, 'Ziel', 'Goal'), width: 1.4 },
            { key: 'summary', label: t(l, 'Zusammenfassung', 'Summary'), width: 1.6 },
            { key: 'outcomes', label: t(l, 'Meilensteine', 'Milestones'), width: 2 },
            { key: 'pivot', label: 'Pivot', width: 1.8 },
            { key: 'learnings', label: 'Learnings', width: 2.2 },
            { key: 'confidence', label: t(l, 'Stimmung', 'Confidence'), width: 1 },
          ],
          rows: narrative(),
        },
        ...(proof
          ? [
              {
                key: 'closing',
                title: t(l, 'Abschließender Sachbericht', 'Closing statement'),
                columns: [
                  {
                    key: 'statement',
                    label: t(l, 'Bericht des Förderpartners', 'The grantee’s statement'),
                  },
                ],
                rows: closing(),
              },
            ]
          : []),
        {
          key: 'statement',
          title: t(l, 'Zahlenmäßiger Nachweis', 'Financial statement'),
          columns: statementColumns,
          rows: statement(),
        },
        {
          key: 'tranches',
          title: proof
            ? t(l, 'Im Zeitraum erhaltene Tranchen', 'Tranches received in the period')
            : t(l, 'Tranchen', 'Tranches'),
          columns: [
            { key: 'number', label: 'Nr.', width: 0.5 },
            { key: 'kind', label: t(l, 'Art', 'Kind'), labels: 'trancheKind' },
            { key: 'status', label: 'Status', labels: 'trancheStatus' },
            { key: 'currency', label: t(l, 'Währung', 'Currency'), width: 0.8 },
            { key: 'amount', label: t(l, 'Betrag', 'Amount'), money: true },
            { key: 'releasedAt', label: t(l, 'Ausgezahlt am', 'Released'), format: 'datetime' },
          ],
          rows: trancheRows(),
        },
        {
          key: 'receipts',
          title: t(l, 'Belegliste', 'List of receipts'),
          columns: [
            { key: 'date', label: t(l, 'Datum', 'Date'), format: 'date' },
            { key: 'line', label: t(l, 'Zeile', 'Line'), width: 1.4 },
            { key: 'sprint', label: 'Sprint', width: 0.5 },
            { key: 'currency', label: t(l, 'Währung', 'Currency'), width: 0.8 },
            { key: 'amount', label: t(l, 'Betrag', 'Amount'), money: true },
            { key: 'note', label: t(l, 'Zweck', 'Purpose'), width: 1.8 },
            { key: 'receipt', label: t(l, 'Beleg-Nr.', 'Receipt no.') },
            { key: 'attachment', label: t(l, 'Anhang', 'Attachment'), width: 1.4 },
          ],
          rows: receiptRows(),
        },
      ],
      counts: {},
    };
  }

  /** The latest submitted content of each sprint's review (the draft is the grantee's alone). */
  private async reviewContents(ctx: RequestContext, grantId: string) {
    const reviews = await this.db.repo(ctx, SprintReview).find({ where: { grantId } });
    const out = new Map<string, SprintReviewVersion['content']>();
    for (const review of reviews) {
      if (review.submittedVersion < 1) continue;
      const version = await this.db
        .repo(ctx, SprintReviewVersion)
        .findOneBy({ reviewId: review.id, number: review.submittedVersion });
      if (version) out.set(review.sprintId, version.content);
    }
    return out;
  }
}
