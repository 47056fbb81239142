// Uploads and downloads over plain HTTP. An upload is the file itself as the request body
// (any Content-Type; the type is read from the content), with its name in `?fileName=`: no multipart
// parsing, no GraphQL multipart spec — and no cookie, so no cross-site request can send one; the
// access token travels in the Authorization header only.
import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { BadUserInputError } from '../core/errors/app-error';
import { sendFile } from '../core/signed-links/send-file';
import { uuidArg } from '../core/validation/uuid-arg';
import { AttachmentParent } from './attachment.enums';
import { AttachmentService } from './attachment.service';

@Controller('attachments')
export class AttachmentController {
  constructor(private readonly attachments: AttachmentService) {}

  /** POST /attachments/{parentType}/{parentId}?fileName=… with the file as the body. */
  @Allow()
  @Post(':parentType/:parentId')
  async upload(
    @Ctx() ctx: RequestContext,
    @Param('parentType') parentType: string,
    @Param('parentId') parentId: string,
    @Query('fileName') fileName: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const type = parentTypeArg(parentType);
    const id = uuidArg(parentId, 'Parent');
    const content = await readBody(req, this.attachments.maxBytes).catch((error: unknown) => {
      if (error instanceof TooLarge) {
        res.setHeader('connection', 'close');
        throw this.attachments.tooLarge();
      }
      throw error;
    });
    const attachment = await this.attachments.upload(ctx, {
      parentType: type,
      parentId: id,
      fileName: typeof fileName === 'string' ? fileName : '',
      content,
    });
    res.status(201).json({
      id: attachment.id,
      parentType: attachment.parentType,
      parentId: attachment.parentId,
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      sizeBytes: attachment.sizeBytes,
      sha256: attachment.sha256,
      createdAt: attachment.createdAt,
    });
  }

  /** GET /attachments/{id}/download with the access token (browsers use signed links). */
  @Allow()
  @Get(':id/download')
  async download(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.attachments.download(ctx, uuidArg(id, 'Attachment'));
    await sendFile(res, file, `attachment ${id}`);
  }
}

class TooLarge extends Error {}

function parentTypeArg(value: string): AttachmentParent {
  const type = value.toUpperCase().replace(/-/g, '_');
  if (!Object.values<string>(AttachmentParent).includes(type))
    throw BadUserInputError.forField(
      'parentType',
      `must be one of ${Object.values(AttachmentParent).join(', ')}`,
      `muss einer von ${Object.values(AttachmentParent).join(', ')} sein`,
    );
  return type as AttachmentParent;
}

/** The request body, refused as soon as it passes `limit` bytes (never read whole into memory). */
async function readBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
