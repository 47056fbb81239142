import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { BudgetModule } from '../budget/budget.module';
import { GrantsModule } from '../grants/grants.module';
import { LearningsModule } from '../learnings/learnings.module';
import { ProofOfUseModule } from '../proof-of-use/proof-of-use.module';
import { SprintsModule } from '../sprints/sprints.module';
import { GenerateReportJob } from './generate-report.job';
import { PruneReportsJob } from './prune-reports.job';
import { ReportBuilder } from './report-builder';
import { ReportController } from './report.controller';
import { Report } from './report.entity';
import { ReportResolver } from './report.resolver';
import { ReportService } from './report.service';
import { SweepStuckReportsJob } from './sweep-stuck-reports.job';
import { WeeklyDigestJob } from './weekly-digest.job';

/** Reports: requested in the API, made by the worker, downloaded over HTTP. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Report]),
    GrantsModule,
    BudgetModule,
    SprintsModule,
    LearningsModule,
    AttachmentsModule,
    ProofOfUseModule,
  ],
  controllers: [ReportController],
  providers: [
    ReportService,
    ReportResolver,
    ReportBuilder,
    GenerateReportJob,
    PruneReportsJob,
    WeeklyDigestJob,
    SweepStuckReportsJob,
  ],
})
export class ReportsModule {}
