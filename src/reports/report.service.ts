// Reports on request: checked against what the caller may see, recorded as QUEUED with their job
// in the outbox, made by the worker, downloaded by the requesting organisation until they expire.
import { GoneException, Injectable, OnModuleInit } from '@nestjs/common';
import { ReportReason, reportErrors } from './report.errors';
import { AuditService } from '../core/audit/audit.service';
import { FileStorage } from '../core/storage/file-storage';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError, NotFoundError } from '../core/errors/app-error';
import { OutboxService } from '../core/outbox/outbox.service';
import { DownloadableFile, DownloadSources } from '../core/signed-links/download-sources';
import { SignedLink, SignedLinks } from '../core/signed-links/signed-links';
import { ConnectionShape, createdAtKeys, PageArgs, paginate } from '../core/pagination/connection';
import { JobName } from '../core/queue/jobs';
import { Grant } from '../grants/grant.entity';
import { GrantService } from '../grants/grant.service';
import { Person } from '../identity/entities/person.entity';
import { Language, OrganizationKind } from '../identity/roles';
import { Programme } from '../programmes/programme.entity';
import { ProofOfUseService } from '../proof-of-use/proof-of-use.service';
import { RequestReportInput } from './dto/report.inputs';
import { Report } from './report.entity';
import { ReportFormat, ReportKind, ReportStatus } from './report.enums';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  [ReportFormat.CSV]: 'text/csv; charset=utf-8',
  [ReportFormat.JSON]: 'application/json; charset=utf-8',
  [ReportFormat.PDF]: 'application/pdf',
  [ReportFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Kinds that cover one grant (`grantId`) rather than a programme. */
const GRANT_KINDS = [ReportKind.GRANT, ReportKind.PROOF_OF_USE];

/** Where a report's file is kept in the file storage. */
export function reportKey(report: Pick<Report, 'id' | 'format'>): string {
  return `reports/${report.id}.${report.format.toLowerCase()}`;
}

export class ReportGone extends Error {}

@Injectable()
export class ReportService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly grants: GrantService,
    private readonly storage: FileStorage,
    private readonly links: SignedLinks,
    private readonly sources: DownloadSources,
    private readonly proofs: ProofOfUseService,
  ) {}

  onModuleInit(): void {
    this.sources.register('report', {
      open: (ctx, id) =>
        this.download(ctx, id).catch((e: unknown) => {
          if (e instanceof ReportGone) throw new GoneException('The report has expired.');
          throw e;
        }),
    });
  }

  async request(ctx: RequestContext, input: RequestReportInput): Promise<Report> {
    if (input.proofOfUseId) {
      if (input.kind !== ReportKind.PROOF_OF_USE)
        throw BadUserInputError.forField(
          'proofOfUseId',
          'is used by a PROOF_OF_USE report only',
          'gilt nur für einen Verwendungsnachweis',
        );
      // The proof of use as the caller may see it (NOT_FOUND otherwise) names its grant.
      const proof = await this.proofs.get(ctx, input.proofOfUseId);
      if (input.grantId && input.grantId !== proof.grantId)
        throw new NotFoundError('ProofOfUse', input.proofOfUseId);
      input = { ...input, grantId: proof.grantId };
    }
    await this.checkScope(ctx, input);
    const language = await this.languageOf(ctx);
    const id = await this.db.transaction(ctx, async (tx) => {
      const report = await this.db.repo(tx, Report).save({
        organizationId: tx.orgId,
        requestedById: tx.userId ?? null,
        kind: input.kind,
        format: input.format,
        language,
        programmeId: GRANT_KINDS.includes(input.kind) ? null : input.programmeId!,
        grantId: GRANT_KINDS.includes(input.kind) ? input.grantId! : null,
        proofOfUseId: input.proofOfUseId ?? null,
        status: ReportStatus.QUEUED,
        localizedCsv: input.format === ReportFormat.CSV && !!input.localizedCsv,
      });
      await this.outbox.emit(tx, JobName.GenerateReport, { reportId: report.id });
      await this.audit.record(tx, {
        action: 'report.requested',
        subjectType: 'Report',
        subjectId: report.id,
        after: report,
      });
      return report.id;
    });
    return this.db.repo(ctx, Report).findOneByOrFail({ id });
  }

  async get(ctx: RequestContext, id: string): Promise<Report> {
    const report = await this.db.repo(ctx, Report).findOneBy({ id, organizationId: ctx.orgId });
    if (!report) throw new NotFoundError('Report', id);
    return report;
  }

  list(ctx: RequestContext, page: PageArgs): Promise<ConnectionShape<Report>> {
    const qb = this.db
      .repo(ctx, Report)
      .createQueryBuilder('r')
      .where('r.organization_id = :org', { org: ctx.orgId });
    return paginate(qb, page, createdAtKeys('r'));
  }

  /** A short-lived link that downloads a ready report of the caller's organisation. */
  async downloadLink(ctx: RequestContext, id: string): Promise<SignedLink> {
    await this.readyFile(ctx, id).catch((e: unknown) => {
      if (e instanceof ReportGone) throw reportErrors.conflict(ReportReason.EXPIRED, {});
      throw e;
    });
    return this.links.issue({
      purpose: 'report',
      subjectId: id,
      organizationId: ctx.orgId,
      organizationKind: ctx.organizationKind ?? '',
      personId: ctx.userId ?? null,
      apiKeyId: ctx.apiKeyId ?? null,
    });
  }

  /** The file of a ready report of the caller's organisation, as a stream with its headers. */
  async download(ctx: RequestContext, id: string): Promise<DownloadableFile> {
    const { report } = await this.readyFile(ctx, id);
    const stored = await this.storage.open(reportKey(report));
    if (!stored) throw new ReportGone(`report ${id} expired`);
    await this.db.transaction(ctx, (tx) =>
      this.audit.record(tx, {
        action: 'report.downloaded',
        subjectType: 'Report',
        subjectId: report.id,
      }),
    );
    return {
      stream: stored.stream,
      contentType: CONTENT_TYPES[report.format],
      fileName: report.fileName ?? `report.${report.format.toLowerCase()}`,
      size: stored.size,
    };
  }

  private async readyFile(ctx: RequestContext, id: string) {
    const report = await this.get(ctx, id);
    if (report.status === ReportStatus.EXPIRED) throw new ReportGone(`report ${id} expired`);
    if (report.status !== ReportStatus.READY)
      throw reportErrors.conflict(
        ReportReason.NOT_READY,
        { current: report.status },
        report.status,
      );
    if (
      (report.expiresAt && report.expiresAt < new Date()) ||
      !(await this.storage.exists(reportKey(report)))
    )
      throw new ReportGone(`report ${id} expired`);
    return { report };
  }

  private async checkScope(ctx: RequestContext, input: RequestReportInput): Promise<void> {
    const needs = GRANT_KINDS.includes(input.kind) ? 'grantId' : 'programmeId';
    const other = needs === 'grantId' ? 'programmeId' : 'grantId';
    if (!input[needs] || input[other])
      throw BadUserInputError.forFields([
        ...(!input[needs]
          ? [{ field: needs, message: `is required for a ${input.kind} report` }]
          : []),
        ...(input[other]
          ? [{ field: other, message: `is not used by a ${input.kind} report` }]
          : []),
      ]);
    const proof = input.kind === ReportKind.PROOF_OF_USE;
    if (
      proof
        ? input.format !== ReportFormat.PDF && input.format !== ReportFormat.XLSX
        : input.format === ReportFormat.XLSX
    )
      throw BadUserInputError.forField(
        'format',
        'a proof of use is made as PDF or XLSX, and only a proof of use as XLSX',
        'ein Verwendungsnachweis entsteht als PDF oder XLSX, und nur er als XLSX',
      );
    if (GRANT_KINDS.includes(input.kind)) {
      await this.grants.get(ctx, input.grantId!);
      return;
    }
    const programme = await this.db.repo(ctx, Programme).findOneBy({ id: input.programmeId! });
    const funder = programme?.funderOrganizationId === ctx.orgId;
    const participant =
      !!programme &&
      ctx.organizationKind === OrganizationKind.GRANTEE &&
      (await this.db
        .repo(ctx, Grant)
        .exists({ where: { programmeId: programme.id, granteeOrganizationId: ctx.orgId } }));
    // The portfolio is the funder's; a learnings digest is for everyone taking part.
    if (!programme || !(funder || (input.kind === ReportKind.LEARNINGS && participant)))
      throw new NotFoundError('Programme', input.programmeId);
  }

  private async languageOf(ctx: RequestContext): Promise<Language> {
    if (ctx.userId) {
      const person = await this.db.repo(ctx, Person).findOneBy({ id: ctx.userId });
      if (person) return person.language;
    }
    return ctx.language === 'de' ? Language.DE : Language.EN;
  }
}
