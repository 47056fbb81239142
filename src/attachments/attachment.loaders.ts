import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { Attachment } from './attachment.entity';
import { AttachmentParent } from './attachment.enums';

/** Per-request batch loaders: the attachments of many parents of one kind in one query. */
@Injectable()
export class AttachmentLoaders {
  constructor(private readonly db: Database) {}

  /** The attachments of each parent, oldest first — for parents the caller already may see. */
  byParent(ctx: RequestContext, type: AttachmentParent): DataLoader<string, Attachment[]> {
    return ctx.loader(
      `attachments.byParent.${type}`,
      () =>
        new DataLoader(async (parentIds: readonly string[]) => {
          const rows = await this.db.repo(ctx, Attachment).find({
            where: { parentType: type, parentId: In([...parentIds]) },
            order: { createdAt: 'ASC', id: 'ASC' },
          });
          const byParent = new Map<string, Attachment[]>();
          for (const row of rows)
            byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row]);
          return parentIds.map((id) => byParent.get(id) ?? []);
        }),
    );
  }
}
