import { Controller, Get, GoneException, Logger, Param, Res } from '@nestjs/common';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { uuidArg } from '../core/validation/uuid-arg';
import { ReportGone, ReportService } from './report.service';

/** Report files over authenticated HTTP: the requesting organisation's people only. */
@Controller('reports')
export class ReportController {
  private readonly logger = new Logger(ReportController.name);

  constructor(private readonly reports: ReportService) {}

  @Allow()
  @Get(':id/download')
  async download(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.reports.download(ctx, uuidArg(id, 'Report')).catch((e: unknown) => {
      if (e instanceof ReportGone) throw new GoneException('The report has expired.');
      throw e;
    });
    res.setHeader('content-type', file.contentType);
    res.setHeader(
      'content-disposition',
      `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    );
    if (file.size !== null) res.setHeader('content-length', String(file.size));
    res.setHeader('cache-control', 'private, no-store');
    // pipeline closes the file when the client goes away and turns read errors into a closed response.
    await pipeline(file.stream, res).catch((error: Error) =>
      this.logger.warn(`download of report ${id} ended early: ${error.message}`),
    );
  }
}
