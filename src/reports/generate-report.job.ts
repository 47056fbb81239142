// Makes one report: RUNNING, rows streamed into a temporary file on this host, stored in the file
// storage (where the API serves it from, on any host), READY with its size and expiry — or FAILED
// with the reason after the last attempt. Idempotent: a READY report is not made again, and the
// stored file appears only complete.
import { Injectable, Logger } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { In } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobInfo, OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { Person } from '../identity/entities/person.entity';
import { NotificationKind } from '../notifications/notification.enums';
import { Notifier } from '../notifications/notifier.service';
import { ReportBuilder } from './report-builder';
import type { ReportDocument } from './report-document';
import { Report } from './report.entity';
import { ReportFormat, ReportStatus } from './report.enums';
import { CONTENT_TYPES, reportKey } from './report.service';
import { FileStorage } from '../core/storage/file-storage';
import { writeCsv, writeJson, writePdf, writeXlsx } from './writers';
import { AppLinks } from '../core/links/app-links';
import { emailTexts } from '../notifications/email-texts';
import { reportFormatWord, reportKindWord } from '../notifications/email-words';

const WRITERS = {
  [ReportFormat.CSV]: writeCsv,
  [ReportFormat.JSON]: writeJson,
  [ReportFormat.PDF]: writePdf,
  [ReportFormat.XLSX]: writeXlsx,
};

@Injectable()
export class GenerateReportJob {
  private readonly logger = new Logger(GenerateReportJob.name);
  private readonly ctx = RequestContext.system('reports');

  constructor(
    private readonly db: Database,
    private readonly builder: ReportBuilder,
    private readonly config: AppConfig,
    private readonly notifier: Notifier,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
  ) {}

  @OnJob(JobName.GenerateReport)
  async run(payload: JobPayloads[JobName.GenerateReport], info?: JobInfo) {
    const reports = this.db.repo(this.ctx, Report);
    const report = await reports.findOneBy({ id: payload.reportId });
    if (!report || report.status === ReportStatus.READY || report.status === ReportStatus.FAILED)
      return { status: report?.status ?? null };
    const claimed = await reports.update(
      { id: report.id, status: In([ReportStatus.QUEUED, ReportStatus.RUNNING]) },
      { status: ReportStatus.RUNNING },
    );
    if (!claimed.affected) return { status: null };
    const scratch = await mkdtemp(join(tmpdir(), 'meilenstein-report-'));
    const part = join(scratch, 'report.part');
    try {
      const doc = await this.builder.build(report);
      doc.localizedCsv = report.localizedCsv;
      const file = createWriteStream(part);
      await WRITERS[report.format](doc, file).finally(() => file.destroy());
      const { size } = await this.storage.put(
        reportKey(report),
        { path: part },
        { contentType: CONTENT_TYPES[report.format] },
      );
      const days = this.config.get('REPORT_RETENTION_DAYS');
      // Ready, and the requester is told by a job of its own (its retries never touch the report).
      await this.db.transaction(this.ctx, async (tx) => {
        await this.db.repo(tx, Report).update(
          { id: report.id, status: ReportStatus.RUNNING },
          {
            status: ReportStatus.READY,
            error: null,
            fileName: fileName(doc, report),
            sizeBytes: size,
            rowCount: doc.counts[doc.tables[0].key] ?? 0,
            finishedAt: new Date(),
            expiresAt: new Date(Date.now() + days * 86_400_000),
          },
        );
        await this.audit.record(tx, {
          action: 'report.ready',
          subjectType: 'Report',
          subjectId: report.id,
          organizationId: report.organizationId,
          before: { status: ReportStatus.RUNNING },
          after: { status: ReportStatus.READY, sizeBytes: size },
        });
        await this.outbox.emit(
          tx,
          JobName.ReportReady,
          { reportId: report.id },
          { organizationId: report.organizationId },
        );
      });
      return { status: ReportStatus.READY, size };
    } catch (error) {
      const last = (info?.attempt ?? 1) >= this.config.get('JOB_ATTEMPTS');
      const message = (error as Error).message.slice(0, 500);
      await this.db.transaction(this.ctx, async (tx) => {
        const changed = await this.db
          .repo(tx, Report)
          .update(
            { id: report.id, status: ReportStatus.RUNNING },
            last
              ? { status: ReportStatus.FAILED, error: message, finishedAt: new Date() }
              : { status: ReportStatus.QUEUED, error: message },
          );
        if (last && changed.affected)
          await this.audit.record(tx, {
            action: 'report.failed',
            subjectType: 'Report',
            subjectId: report.id,
            organizationId: report.organizationId,
            before: { status: ReportStatus.RUNNING },
            after: { status: ReportStatus.FAILED, error: message },
          });
      });
      this.logger.warn(`report ${report.id} failed${last ? '' : ', will retry'}: ${message}`);
      if (last) return { status: ReportStatus.FAILED };
      throw error;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  @OnJob(JobName.ReportReady)
  async tellRequester(payload: JobPayloads[JobName.ReportReady]): Promise<void> {
    const report = await this.db.repo(this.ctx, Report).findOneBy({ id: payload.reportId });
    if (!report?.requestedById) return;
    const person = await this.db.repo(this.ctx, Person).findOneBy({ id: report.requestedById });
    if (!person || person.anonymizedAt) return;
    const funderId = await this.funderOf(report);
    await this.notifier.deliver({
      key: `report-ready:${report.id}`,
      kind: NotificationKind.REPORT_READY,
      organizationId: report.organizationId,
      subjectType: 'Report',
      subjectId: report.id,
      recipients: [person],
      ...(funderId ? { funderId } : {}),
      render: (reader) => {
        const say = emailTexts(reader);
        return {
          subject: say('reportReady.subject'),
          lines: [
            say('reportReady.lines.ready', {
              kind: reportKindWord(report.kind, reader.de),
              format: reportFormatWord(report.format, reader.de),
              count: this.config.get('REPORT_RETENTION_DAYS'),
            }),
          ],
          path: AppLinks.report(report.id),
        };
      },
    });
  }

  /** The funder whose programme or grant the report covers (it brands the email), if any. */
  private async funderOf(report: Report): Promise<string | null> {
    if (!report.programmeId && !report.grantId) return null;
    const [row] = await this.db.manager(this.ctx).query<{ funder: string }[]>(
      `SELECT funder_organization_id AS funder FROM programme WHERE id = $1
       UNION ALL
       SELECT funder_organization_id FROM "grant" WHERE id = $2
       LIMIT 1`,
      [report.programmeId, report.grantId],
    );
    return row?.funder ?? null;
  }
}

/** `<title>-<day>.<format>`, the day the report is "as of" (the programme's calendar day). */
function fileName(doc: ReportDocument, report: Report): string {
  const slug = doc.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
    .toLowerCase();
  return `${slug || 'report'}-${doc.asOf}.${report.format.toLowerCase()}`;
}
