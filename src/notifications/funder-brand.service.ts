// Emails about a programme, application or grant come from the funder: its name in the sender
// ("Stiftung Beispiel via Meilenstein") and at the foot of the email, its logo at the top. The
// address stays the installation's (MAIL_FROM): mail sent from the funder's own domain would fail
// SPF/DKIM/DMARC, so services that send for others (calendar invitations, shared documents) name
// the other party in the display name and keep their own address — as this does.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import { AttachmentParent } from '../attachments/attachment.enums';
import { AppConfig } from '../core/config/app-config.service';
import { FileStorage } from '../core/storage/file-storage';

export interface FunderBrand {
  name: string;
  /** The latest uploaded logo, when it is no larger than MAIL_LOGO_MAX_BYTES. */
  logo: { content: Buffer; contentType: string; fileName: string } | null;
}

@Injectable()
export class FunderBrands {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
  ) {}

  /** The funder's name and logo; null when the organisation does not exist. */
  async of(organizationId: string): Promise<FunderBrand | null> {
    const [organization] = await this.dataSource.query<{ name: string }[]>(
      `SELECT name FROM organization WHERE id = $1`,
      [organizationId],
    );
    if (!organization) return null;
    return { name: organization.name, logo: await this.logo(organizationId) };
  }

  private async logo(organizationId: string): Promise<FunderBrand['logo']> {
    const row = await this.dataSource.getRepository(Attachment).findOne({
      where: { parentType: AttachmentParent.ORGANIZATION_LOGO, parentId: organizationId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    // A large logo would make every email heavy: it is left out, and the funder's name heads the
    // email instead.
    if (!row || row.sizeBytes > this.config.get('MAIL_LOGO_MAX_BYTES')) return null;
    const stored = await this.storage.open(row.storageKey);
    if (!stored) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
    return {
      content: Buffer.concat(chunks),
      contentType: row.contentType,
      fileName: row.contentType === 'image/png' ? 'logo.png' : 'logo.jpg',
    };
  }
}

/** "<Funder> via Meilenstein" (English) or "<Funder> über Meilenstein" (German). */
export function senderName(funder: string, product: string, de: boolean): string {
  // Quotes, angle brackets and line breaks have no place in a display name.
  const clean = funder.replace(/["<>\r\n]/g, '').trim();
  return `${clean} ${de ? 'über' : 'via'} ${product}`;
}
