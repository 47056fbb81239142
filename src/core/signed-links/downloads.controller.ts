import { Controller, Get, GoneException, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { Ctx } from '../context/ctx.decorator';
import { RequestContext } from '../context/request-context';
import { DownloadSources } from './download-sources';
import { sendFile } from './send-file';
import { SignedLinkRefused, SignedLinks } from './signed-links';

/** GET /downloads/{token}: the file a signed link names, for whoever holds the link until it expires. */
@Controller('downloads')
export class DownloadsController {
  constructor(
    private readonly links: SignedLinks,
    private readonly sources: DownloadSources,
  ) {}

  @Public()
  @Get(':token')
  async download(
    @Ctx() ctx: RequestContext,
    @Param('token') token: string,
    @Res() res: Response,
  ): Promise<void> {
    let claims;
    try {
      claims = this.links.verify(token);
    } catch (error) {
      if (error instanceof SignedLinkRefused && error.why === 'expired')
        throw new GoneException('This download link has expired; ask for a new one.');
      throw new NotFoundException('This download link is not valid.');
    }
    const source = this.sources.get(claims.purpose);
    if (!source) throw new NotFoundException('This download link is not valid.');
    const actor = claims.personId
      ? {
          kind: 'user' as const,
          userId: claims.personId,
          organizationId: claims.organizationId,
          organizationKind: claims.organizationKind,
          roles: [],
        }
      : {
          kind: 'apiKey' as const,
          apiKeyId: claims.apiKeyId ?? '',
          organizationId: claims.organizationId,
          organizationKind: claims.organizationKind,
          scopes: [],
          roles: [],
        };
    const file = await source.open(ctx.withActor(actor), claims.subjectId);
    await sendFile(res, file, `${claims.purpose} ${claims.subjectId}`);
  }
}
