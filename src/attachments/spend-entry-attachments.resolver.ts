// The receipts of a spend entry, as fields of the entry. They live here, not in the budget module,
// because the attachments module already depends on the budget module (through the sprints); a
// spend entry the caller holds was already checked against the grant's tenant rules.
import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { SpendEntry } from '../budget/spend-entry.entity';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Attachment } from './attachment.entity';
import { AttachmentParent } from './attachment.enums';
import { AttachmentLoaders } from './attachment.loaders';

@Resolver(() => SpendEntry)
export class SpendEntryAttachmentsResolver {
  constructor(private readonly loaders: AttachmentLoaders) {}

  @ResolveField(() => [Attachment], {
    description:
      'Receipts attached to it, oldest first (few per entry; upload with POST /attachments/SPEND_ENTRY/{id}).',
  })
  attachments(@Ctx() ctx: RequestContext, @Parent() entry: SpendEntry): Promise<Attachment[]> {
    return this.loaders.byParent(ctx, AttachmentParent.SPEND_ENTRY).load(entry.id);
  }

  @ResolveField(() => Int, { description: 'How many receipts are attached.' })
  async attachmentCount(@Ctx() ctx: RequestContext, @Parent() entry: SpendEntry): Promise<number> {
    const rows = await this.loaders.byParent(ctx, AttachmentParent.SPEND_ENTRY).load(entry.id);
    return rows.length;
  }
}
