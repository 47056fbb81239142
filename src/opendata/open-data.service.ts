// Open grant data: an organisation's identifiers in the 360Giving Data Standard, the funder's
// choice of which grants to publish, and the export of a programme's published grants as a
// 360Giving JSON package or spreadsheet. Only the programme's funder exports; anyone else gets
// NOT_FOUND. Grants leave only when the funder marked them publishable (off by default).
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AuditService } from '../core/audit/audit.service';
import { calendarDay } from '../core/calendar/calendar-day';
import { RequestContext } from '../core/context/request-context';
import { oneBy } from '../core/database/batch-loaders';
import { Database } from '../core/database/database.service';
import { NotFoundError } from '../core/errors/app-error';
import { DownloadableFile, DownloadSources } from '../core/signed-links/download-sources';
import { SignedLink, SignedLinks } from '../core/signed-links/signed-links';
import { Grant, Tranche } from '../grants/grant.entity';
import { GrantService } from '../grants/grant.service';
import { TrancheStatus } from '../grants/grant.enums';
import { Organization } from '../identity/entities/organization.entity';
import { OrganizationKind } from '../identity/roles';
import { Programme } from '../programmes/programme.entity';
import {
  GrantPublicationInput,
  OpenGrantDataFormat,
  UpdateOpenDataSettingsInput,
} from './dto/open-data.inputs';
import { OpenDataReason, openDataErrors } from './open-data.errors';
import { GrantPublication, OpenDataProfile } from './open-data.entity';
import {
  fallbackRecipientId,
  OpenGrantDataSource,
  PublishedGrant,
  ThreeSixtyGivingPackage,
  toPackage,
  toWorkbook,
} from './open-grant-data';

const PURPOSE: Record<OpenGrantDataFormat, string> = {
  [OpenGrantDataFormat.JSON]: 'open-grant-data-json',
  [OpenGrantDataFormat.XLSX]: 'open-grant-data-xlsx',
};

interface PublishedRow {
  id: string;
  reference: string;
  title: string;
  currency: string;
  awarded_amount_minor: string;
  created_at: Date;
  start_date: string;
  end_date: string;
  updated_at: Date;
  publication_updated_at: Date;
  description: string | null;
  summary: string | null;
  grantee_id: string;
  grantee_name: string;
  grantee_identifier: string | null;
}

@Injectable()
export class OpenDataService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly grants: GrantService,
    private readonly links: SignedLinks,
    private readonly sources: DownloadSources,
  ) {}

  onModuleInit(): void {
    for (const format of Object.values(OpenGrantDataFormat))
      this.sources.register(PURPOSE[format], {
        open: (ctx, programmeId) => this.file(ctx, programmeId, format),
      });
  }

  /** The settings of the organisation acted for (all null until set). */
  async settings(ctx: RequestContext, organizationId = ctx.orgId): Promise<OpenDataProfile> {
    const profile = await oneBy(
      this.db,
      ctx,
      'opendata.profile',
      OpenDataProfile,
      'organizationId',
    ).load(organizationId);
    return profile ?? this.empty(organizationId);
  }

  async updateSettings(
    ctx: RequestContext,
    input: UpdateOpenDataSettingsInput,
  ): Promise<OpenDataProfile> {
    if (
      input.grantIdPrefix !== undefined &&
      input.grantIdPrefix !== null &&
      input.grantIdPrefix !== '' &&
      ctx.organizationKind !== OrganizationKind.FUNDER
    )
      throw openDataErrors.badInput(
        OpenDataReason.FUNDERS_ONLY,
        [{ field: 'grantIdPrefix', message: 'only a funder sets a 360Giving prefix' }],
        {},
      );
    return this.db.transaction(ctx, async (tx) => {
      const repo = this.db.repo(tx, OpenDataProfile);
      // Lock the organisation's row so concurrent changes apply one after the other.
      await this.db
        .repo(tx, Organization)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = :id', { id: tx.orgId })
        .getOne();
      const before = (await repo.findOneBy({ organizationId: tx.orgId })) ?? this.empty(tx.orgId);
      const changes: Partial<OpenDataProfile> = {};
      if (input.orgIdentifier !== undefined) changes.orgIdentifier = input.orgIdentifier || null;
      if (input.grantIdPrefix !== undefined) changes.grantIdPrefix = input.grantIdPrefix || null;
      const unchanged = Object.entries(changes).every(
        ([key, value]) => before[key as keyof OpenDataProfile] === value,
      );
      if (unchanged) return before;
      await repo.upsert({ organizationId: tx.orgId, ...changes }, ['organizationId']);
      const after = await repo.findOneByOrFail({ organizationId: tx.orgId });
      await this.audit.record(tx, {
        action: 'open_data.settings_updated',
        subjectType: 'Organization',
        subjectId: tx.orgId,
        before: { orgIdentifier: before.orgIdentifier, grantIdPrefix: before.grantIdPrefix },
        after: { orgIdentifier: after.orgIdentifier, grantIdPrefix: after.grantIdPrefix },
      });
      return after;
    });
  }

  /** Whether and how a grant is published (not publishable until its funder says so). */
  async publication(ctx: RequestContext, grantId: string): Promise<GrantPublication> {
    const row = await oneBy(this.db, ctx, 'opendata.publication', GrantPublication, 'grantId').load(
      grantId,
    );
    return (
      row ??
      Object.assign(new GrantPublication(), { grantId, publishable: false, description: null })
    );
  }

  /** The funder marks one of its grants publishable (or not); others get NOT_FOUND. */
  async setPublication(
    ctx: RequestContext,
    grantId: string,
    input: GrantPublicationInput,
  ): Promise<Grant> {
    const grant = await this.grants.get(ctx, grantId);
    if (grant.funderOrganizationId !== ctx.orgId) throw new NotFoundError('Grant', grantId);
    await this.db.transaction(ctx, async (tx) => {
      const repo = this.db.repo(tx, GrantPublication);
      const before = await repo
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.grant_id = :grantId', { grantId })
        .getOne();
      const next = { publishable: input.publishable, description: input.description || null };
      if (
        before &&
        before.publishable === next.publishable &&
        before.description === next.description
      )
        return;
      await repo.upsert({ grantId, ...next }, ['grantId']);
      await this.audit.record(tx, {
        action: 'grant.publication_changed',
        subjectType: 'Grant',
        subjectId: grantId,
        before: before
          ? { publishable: before.publishable, description: before.description }
          : { publishable: false, description: null },
        after: next,
      });
    });
    return grant;
  }

  /** A short-lived link that downloads the programme's open grant data in `format`. */
  async downloadLink(
    ctx: RequestContext,
    programmeId: string,
    format: OpenGrantDataFormat,
  ): Promise<SignedLink> {
    await this.source(ctx, programmeId);
    return this.links.issue({
      purpose: PURPOSE[format],
      subjectId: programmeId,
      organizationId: ctx.orgId,
      organizationKind: ctx.organizationKind ?? '',
      personId: ctx.userId ?? null,
      apiKeyId: ctx.apiKeyId ?? null,
    });
  }

  /** The programme's published grants as a 360Giving package (funder only). */
  async package(ctx: RequestContext, programmeId: string): Promise<ThreeSixtyGivingPackage> {
    return toPackage(await this.source(ctx, programmeId));
  }

  private async file(
    ctx: RequestContext,
    programmeId: string,
    format: OpenGrantDataFormat,
  ): Promise<DownloadableFile> {
    const pkg = await this.package(ctx, programmeId);
    const body =
      format === OpenGrantDataFormat.JSON
        ? Buffer.from(JSON.stringify(pkg, null, 2))
        : await toWorkbook(pkg);
    await this.db.transaction(ctx, (tx) =>
      this.audit.record(tx, {
        action: 'open_data.exported',
        subjectType: 'Programme',
        subjectId: programmeId,
        after: { format, grants: pkg.grants.map((g) => g.id) },
      }),
    );
    const day = pkg.issued.slice(0, 10);
    return format === OpenGrantDataFormat.JSON
      ? {
          stream: Readable.from([body]),
          contentType: 'application/json; charset=utf-8',
          fileName: `360giving-${day}.json`,
          size: body.length,
        }
      : {
          stream: Readable.from([body]),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          fileName: `360giving-${day}.xlsx`,
          size: body.length,
        };
  }

  /** Everything the export needs, read for the programme's funder; refusals before any file. */
  private async source(ctx: RequestContext, programmeId: string): Promise<OpenGrantDataSource> {
    const programme = await this.db.repo(ctx, Programme).findOneBy({ id: programmeId });
    if (!programme || programme.funderOrganizationId !== ctx.orgId)
      throw new NotFoundError('Programme', programmeId);
    const funder = await this.db.repo(ctx, Organization).findOneByOrFail({ id: ctx.orgId });
    const profile = await this.db
      .repo(ctx, OpenDataProfile)
      .findOneBy({ organizationId: ctx.orgId });
    const missing = [
      ...(profile?.orgIdentifier ? [] : ['orgIdentifier']),
      ...(profile?.grantIdPrefix ? [] : ['grantIdPrefix']),
    ];
    if (missing.length) throw openDataErrors.conflict(OpenDataReason.SETTINGS_MISSING, { missing });
    const prefix = profile!.grantIdPrefix!;
    const rows = await this.db.manager(ctx).query<PublishedRow[]>(
      `SELECT g.id, g.reference, g.title, g.currency, g.awarded_amount_minor, g.created_at,
              to_char(g.start_date, 'YYYY-MM-DD') AS start_date,
              to_char(g.end_date, 'YYYY-MM-DD') AS end_date,
              g.updated_at, p.updated_at AS publication_updated_at, p.description,
              a.summary, o.id AS grantee_id, o.name AS grantee_name,
              r.org_identifier AS grantee_identifier
         FROM "grant" g
         JOIN grant_publication p ON p.grant_id = g.id AND p.publishable
         JOIN application a ON a.id = g.application_id
         JOIN organization o ON o.id = g.grantee_organization_id
         LEFT JOIN open_data_profile r ON r.organization_id = o.id
        WHERE g.programme_id = $1 AND g.funder_organization_id = $2
        ORDER BY g.reference`,
      [programmeId, ctx.orgId],
    );
    if (!rows.length) throw openDataErrors.conflict(OpenDataReason.NOTHING_PUBLISHABLE, {});
    const tranches = await this.db
      .repo(ctx, Tranche)
      .createQueryBuilder('t')
      .where('t.grant_id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .andWhere('t.status = :released', { released: TrancheStatus.RELEASED })
      .orderBy('t.number', 'ASC')
      .getMany();
    const grants: PublishedGrant[] = rows.map((row) => {
      const updated = [row.updated_at, row.publication_updated_at].reduce((a, b) =>
        a > b ? a : b,
      );
      return {
        reference: row.reference,
        title: row.title,
        description: row.description || row.summary || row.title,
        currency: row.currency,
        awardedMinor: BigInt(row.awarded_amount_minor),
        awardDate: calendarDay(row.created_at, programme.timeZone),
        startDate: row.start_date,
        endDate: row.end_date,
        updatedAt: updated,
        recipient: {
          id: row.grantee_identifier ?? fallbackRecipientId(prefix, row.grantee_id),
          name: row.grantee_name,
        },
        releasedTranches: tranches
          .filter((t) => t.grantId === row.id && t.releasedAt)
          .map((t) => ({
            number: t.number,
            amountMinor: t.amountMinor,
            releasedOn: calendarDay(t.releasedAt!, programme.timeZone),
          })),
      };
    });
    return {
      funder: { id: profile!.orgIdentifier!, name: funder.name },
      grantIdPrefix: prefix,
      programme: { code: programme.id, title: programme.title },
      grants,
      issuedAt: new Date(),
    };
  }

  private empty(organizationId: string): OpenDataProfile {
    return Object.assign(new OpenDataProfile(), {
      organizationId,
      orgIdentifier: null,
      grantIdPrefix: null,
    });
  }
}
