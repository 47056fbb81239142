// Attachments: files on spend entries, applications, sprint reviews and change notices, and an
// organisation's logo. Checked by content (type from the first bytes, size, virus-scan hook) before
// they are stored; listed and downloaded by whoever may see the parent, under the parent's rules.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { NotFoundError } from '../core/errors/app-error';
import { DownloadableFile, DownloadSources } from '../core/signed-links/download-sources';
import { SignedLink, SignedLinks } from '../core/signed-links/signed-links';
import { FileStorage } from '../core/storage/file-storage';
import { AttachmentParents } from './attachment-parents';
import { Attachment } from './attachment.entity';
import { AttachmentParent } from './attachment.enums';
import { AttachmentReason, attachmentErrors } from './attachment.errors';
import { DOCUMENT_TYPES, LOGO_TYPES, sniffType } from './content-type';
import { VirusScanner } from './virus-scanner';

export interface Upload {
  parentType: AttachmentParent;
  parentId: string;
  fileName: string;
  content: Buffer;
}

@Injectable()
export class AttachmentService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly parents: AttachmentParents,
    private readonly scanner: VirusScanner,
    private readonly config: AppConfig,
    private readonly links: SignedLinks,
    private readonly sources: DownloadSources,
  ) {}

  onModuleInit(): void {
    this.sources.register('attachment', { open: (ctx, id) => this.download(ctx, id) });
  }

  get maxBytes(): number {
    return this.config.get('ATTACHMENT_MAX_BYTES');
  }

  /** Refuses an upload larger than the limit (the HTTP route stops reading at the limit, too). */
  tooLarge(): Error {
    return attachmentErrors.badInput(
      AttachmentReason.TOO_LARGE,
      [{ field: 'file', message: `larger than ${this.maxBytes} bytes` }],
      { maxBytes: this.maxBytes },
      (this.maxBytes / 1024 / 1024).toFixed(1).replace(/\.0$/, ''),
    );
  }

  async upload(ctx: RequestContext, upload: Upload): Promise<Attachment> {
    await this.parents.attachable(ctx, upload.parentType, upload.parentId);
    const { content } = upload;
    if (content.length === 0)
      throw attachmentErrors.badInput(
        AttachmentReason.EMPTY,
        [{ field: 'file', message: 'is empty' }],
        {},
      );
    if (content.length > this.maxBytes) throw this.tooLarge();
    const accepted =
      upload.parentType === AttachmentParent.ORGANIZATION_LOGO ? LOGO_TYPES : DOCUMENT_TYPES;
    const type = sniffType(content);
    if (!type || !accepted.includes(type)) {
      const labels = accepted.map((t) => t.label).join(', ');
      throw attachmentErrors.badInput(
        AttachmentReason.UNSUPPORTED_TYPE,
        [{ field: 'file', message: `content is not ${labels}` }],
        { accepted: accepted.map((t) => t.mime) },
        labels,
      );
    }
    const scan = await this.scanner.scan(content);
    if (scan.infected)
      throw attachmentErrors.badInput(
        AttachmentReason.INFECTED,
        [{ field: 'file', message: 'refused by the virus scan' }],
        { signature: scan.signature ?? null },
      );

    const id = randomUUID();
    const storageKey = `attachments/${ctx.orgId}/${id}`;
    // Stored first, recorded second: a row never names a missing file; a failed commit removes it.
    await this.storage.put(storageKey, content, { contentType: type.mime });
    try {
      await this.db.transaction(ctx, async (tx) => {
        const row = await this.db.repo(tx, Attachment).save({
          id,
          parentType: upload.parentType,
          parentId: upload.parentId,
          organizationId: ctx.orgId,
          uploadedById: ctx.userId ?? null,
          fileName: cleanFileName(upload.fileName, type.extension),
          contentType: type.mime,
          sizeBytes: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          storageKey,
        });
        await this.audit.record(tx, {
          action: 'attachment.uploaded',
          subjectType: 'Attachment',
          subjectId: id,
          after: { ...row, storageKey: undefined },
        });
      });
    } catch (error) {
      await this.storage.delete(storageKey).catch(() => undefined);
      throw error;
    }
    return this.db.repo(ctx, Attachment).findOneByOrFail({ id });
  }

  /** One attachment whose parent the caller may see. */
  async get(ctx: RequestContext, id: string): Promise<Attachment> {
    const attachment = await this.db.repo(ctx, Attachment).findOneBy({ id });
    if (!attachment) throw new NotFoundError('Attachment', id);
    await this.parents.visible(ctx, attachment.parentType, attachment.parentId).catch(() => {
      throw new NotFoundError('Attachment', id);
    });
    return attachment;
  }

  async list(ctx: RequestContext, type: AttachmentParent, parentId: string): Promise<Attachment[]> {
    await this.parents.visible(ctx, type, parentId);
    return this.listUnchecked(ctx, type, parentId);
  }

  /** The attachments of a parent the caller already holds (reports, field resolvers). */
  listUnchecked(ctx: RequestContext, type: AttachmentParent, parentId: string) {
    return this.db
      .repo(ctx, Attachment)
      .find({ where: { parentType: type, parentId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The attachments of several parents of one kind the caller already holds, in one query. */
  async listForParents(
    ctx: RequestContext,
    type: AttachmentParent,
    parentIds: string[],
  ): Promise<Map<string, Attachment[]>> {
    const out = new Map<string, Attachment[]>(parentIds.map((id) => [id, []]));
    if (!parentIds.length) return out;
    const rows = await this.db.repo(ctx, Attachment).find({
      where: { parentType: type, parentId: In(parentIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const row of rows) out.get(row.parentId)?.push(row);
    return out;
  }

  /** An organisation's latest logo, for its reports; null when it has none. */
  async logoOf(ctx: RequestContext, organizationId: string): Promise<Buffer | null> {
    const logo = await this.db.repo(ctx, Attachment).findOne({
      where: { parentType: AttachmentParent.ORGANIZATION_LOGO, parentId: organizationId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const stored = logo && (await this.storage.open(logo.storageKey));
    if (!stored) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** A short-lived link that downloads the attachment without an access token. */
  async downloadLink(ctx: RequestContext, id: string): Promise<SignedLink> {
    await this.get(ctx, id);
    return this.links.issue({
      purpose: 'attachment',
      subjectId: id,
      organizationId: ctx.orgId,
      organizationKind: ctx.organizationKind ?? '',
      personId: ctx.userId ?? null,
      apiKeyId: ctx.apiKeyId ?? null,
    });
  }

  async download(ctx: RequestContext, id: string): Promise<DownloadableFile> {
    const attachment = await this.get(ctx, id);
    const stored = await this.storage.open(attachment.storageKey);
    if (!stored) throw new NotFoundError('Attachment', id);
    await this.db.transaction(ctx, (tx) =>
      this.audit.record(tx, {
        action: 'attachment.downloaded',
        subjectType: 'Attachment',
        subjectId: id,
      }),
    );
    return {
      stream: stored.stream,
      contentType: attachment.contentType,
      fileName: attachment.fileName,
      size: stored.size,
    };
  }

  /** Removes an attachment the caller's organisation uploaded. */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const attachment = await this.get(ctx, id);
    if (attachment.organizationId !== ctx.orgId)
      throw attachmentErrors.forbidden(AttachmentReason.NOT_YOURS, {});
    await this.db.transaction(ctx, async (tx) => {
      await this.db.repo(tx, Attachment).delete({ id });
      await this.audit.record(tx, {
        action: 'attachment.deleted',
        subjectType: 'Attachment',
        subjectId: id,
        before: { ...attachment, storageKey: undefined },
      });
    });
    await this.storage.delete(attachment.storageKey);
    return id;
  }
}

/** The name as given, without any path, control characters or excess length; never empty. */
export function cleanFileName(given: string, extension: string): string {
  const base = (given.split(/[\\/]/).pop() ?? '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(-200);
  return base || `attachment.${extension}`;
}
