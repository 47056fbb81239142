import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { DownloadLink } from '../core/signed-links/download-link.type';
import { uuidArg } from '../core/validation/uuid-arg';
import { AttachmentLimits } from './attachment-limits.type';
import { Attachment } from './attachment.entity';
import { DOCUMENT_TYPES, LOGO_TYPES } from './content-type';
import { AttachmentParent } from './attachment.enums';
import { AttachmentService } from './attachment.service';

@Resolver(() => Attachment)
export class AttachmentResolver {
  constructor(private readonly service: AttachmentService) {}

  @Allow()
  @Query(() => [Attachment], {
    description:
      'The files attached to a parent the caller may see, oldest first. Upload with POST /attachments/{parentType}/{parentId}?fileName=… (the file as the body).',
  })
  attachments(
    @Ctx() ctx: RequestContext,
    @Args('parentType', { type: () => AttachmentParent, description: 'What they belong to.' })
    parentType: AttachmentParent,
    @Args('parentId', { type: () => ID, description: 'Its id.' }) parentId: string,
  ) {
    return this.service.list(ctx, parentType, uuidArg(parentId, 'Parent'));
  }

  @Allow()
  @Query(() => AttachmentLimits, {
    description: 'The size limit and accepted types of uploads, to check a file before sending it.',
  })
  attachmentLimits(): AttachmentLimits {
    return {
      maxBytes: this.service.maxBytes,
      documentTypes: DOCUMENT_TYPES.map((t) => t.mime),
      logoTypes: LOGO_TYPES.map((t) => t.mime),
    };
  }

  @Allow()
  @Mutation(() => DownloadLink, {
    description: 'A short-lived link that downloads an attachment without an access token.',
  })
  createAttachmentDownloadLink(
    @Ctx() ctx: RequestContext,
    @Args('attachmentId', { type: () => ID, description: 'The attachment.' }) id: string,
  ) {
    return this.service.downloadLink(ctx, uuidArg(id, 'Attachment'));
  }

  @Allow()
  @Mutation(() => ID, {
    description: 'Remove an attachment your organisation uploaded; answers its id.',
  })
  deleteAttachment(
    @Ctx() ctx: RequestContext,
    @Args('attachmentId', { type: () => ID, description: 'The attachment.' }) id: string,
  ) {
    return this.service.delete(ctx, uuidArg(id, 'Attachment'));
  }
}
