// Emails about a programme, application or grant come from the funder: its name in the sender
// ("Stiftung Beispiel via Meilenstein") and at the foot of the email, its logo at the top. The
// address stays the installation's (MAIL_FROM): mail sent from the funder's own domain would fail
// SPF/DKIM/DMARC, so services that send for others (calendar invitations, shared documents) name
// the other party in the display name and keep their own address — as this does.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttachmentParent } from '../attachments/attachment.enums';
import { AppConfig } from '../core/config/app-config.service';
import { FileStorage } from '../core/storage/file-storage';
import { emailTexts } from './email-texts';

export interface FunderBrand {
  name: string;
  /** The latest uploaded logo, when it is no larger than MAIL_LOGO_MAX_BYTES. */
  logo: { content: Buffer; contentType: string; fileName: string } | null;
}

/** Logos kept in memory: a fan-out of a few hundred emails reads the same file once, not per job. */
const LOGO_CACHE_SIZE = 64;

@Injectable()
export class FunderBrands {
  /**
   * Logo content by attachment id. An attachment's content never changes (a new logo is a new
   * row), so the entry stays right for as long as that row is the funder's latest; the name and
   * which logo is the latest are read on every call, so a change shows in the next email.
   */
  private readonly logos = new Map<string, FunderBrand['logo']>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
  ) {}

  /** The funder's name and logo; null when the organisation does not exist. */
  async of(organizationId: string): Promise<FunderBrand | null> {
    // Name and latest logo in one statement.
    const [row] = await this.dataSource.query<
      {
        name: string;
        logo_id: string | null;
        size_bytes: number | null;
        content_type: string | null;
        storage_key: string | null;
      }[]
    >(
      `SELECT o.name, a.id AS logo_id, a.size_bytes, a.content_type, a.storage_key
         FROM organization o
         LEFT JOIN LATERAL (
           SELECT id, size_bytes, content_type, storage_key FROM attachment
            WHERE parent_type = $2 AND parent_id = o.id
            ORDER BY created_at DESC, id DESC LIMIT 1) a ON true
        WHERE o.id = $1`,
      [organizationId, AttachmentParent.ORGANIZATION_LOGO],
    );
    if (!row) return null;
    // A large logo would make every email heavy: it is left out, and the funder's name heads the
    // email instead.
    if (!row.logo_id || row.size_bytes! > this.config.get('MAIL_LOGO_MAX_BYTES'))
      return { name: row.name, logo: null };
    return {
      name: row.name,
      logo: await this.logo(row.logo_id, row.storage_key!, row.content_type!),
    };
  }

  private async logo(
    id: string,
    storageKey: string,
    contentType: string,
  ): Promise<FunderBrand['logo']> {
    const cached = this.logos.get(id);
    if (cached) return cached;
    const stored = await this.storage.open(storageKey);
    // Not cached when missing: a file that appears later (a slow store) is used then.
    if (!stored) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
    const logo = {
      content: Buffer.concat(chunks),
      contentType,
      fileName: contentType === 'image/png' ? 'logo.png' : 'logo.jpg',
    };
    if (this.logos.size >= LOGO_CACHE_SIZE) this.logos.delete(this.logos.keys().next().value!);
    this.logos.set(id, logo);
    return logo;
  }
}

/** "<Funder> via Meilenstein" (English) or "<Funder> über Meilenstein" (German). */
export function senderName(funder: string, product: string, de: boolean): string {
  // Quotes, angle brackets and line breaks have no place in a display name.
  const clean = funder.replace(/["<>\r\n]/g, '').trim();
  return emailTexts({ de, du: false })('mail.senderName', { funder: clean, product });
}
