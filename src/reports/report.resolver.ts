import { RateLimit, RateLimitKind } from '../core/rate-limit/rate-limit';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Connection, PageArgs } from '../core/pagination/connection';
import { DownloadLink } from '../core/signed-links/download-link.type';
import { uuidArg } from '../core/validation/uuid-arg';
import { RequestReportInput } from './dto/report.inputs';
import { Report } from './report.entity';
import { ReportService } from './report.service';

export const ReportConnection = Connection(Report);

@Resolver(() => Report)
export class ReportResolver {
  constructor(private readonly service: ReportService) {}

  @Allow()
  @Mutation(() => Report, {
    description:
      'Ask for a report; the worker makes it (status QUEUED → RUNNING → READY | FAILED). Download it with GET /reports/{id}/download (with the access token) or through createReportDownloadLink.',
  })
  @RateLimit(RateLimitKind.REPORT)
  requestReport(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Kind, format and scope.' }) input: RequestReportInput,
  ) {
    return this.service.request(ctx, input);
  }

  @Allow()
  @Mutation(() => DownloadLink, {
    description:
      'A short-lived link that downloads a ready report without an access token, for browsers and for handing a file to a tool. Refused (CONFLICT) while the report is not READY and once it has expired.',
  })
  createReportDownloadLink(
    @Ctx() ctx: RequestContext,
    @Args('reportId', { type: () => ID, description: 'The report.' }) id: string,
  ) {
    return this.service.downloadLink(ctx, uuidArg(id, 'Report'));
  }

  @Allow()
  @Query(() => Report, { description: 'One report of the caller’s organisation.' })
  report(
    @Ctx() ctx: RequestContext,
    @Args('reportId', { type: () => ID, description: 'The report.' }) id: string,
  ) {
    return this.service.get(ctx, uuidArg(id, 'Report'));
  }

  @Allow()
  @Query(() => ReportConnection, { description: "The organisation's reports, newest first." })
  reports(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.service.list(ctx, page);
  }
}
