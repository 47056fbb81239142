import { Controller, Get, GoneException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { sendFile } from '../core/signed-links/send-file';
import { uuidArg } from '../core/validation/uuid-arg';
import { ReportGone, ReportService } from './report.service';

/** Report files over authenticated HTTP (API clients); browsers use signed links (/downloads). */
@Controller('reports')
export class ReportController {
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
    await sendFile(res, file, `report ${id}`);
  }
}
