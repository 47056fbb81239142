import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BudgetModule } from '../budget/budget.module';
import { GrantsModule } from '../grants/grants.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { IdentityModule } from '../identity/identity.module';
import { LearningsModule } from '../learnings/learnings.module';
import { ChangeNotice } from './change-notice.entity';
import { ScheduleShift } from './schedule-shift.entity';
import { ChangeNoticeService } from './change-notice.service';
import {
  ChangeNoticeResolver,
  GrantCycleResolver,
  PlanChangeResolver,
  ReviewCommentResolver,
  ReviewDecisionResolver,
  SprintCycleResolver,
  SprintReviewResolver,
  SprintReviewVersionResolver,
} from './sprint-review.resolver';
import {
  PlanChange,
  ReviewComment,
  ReviewDecision,
  SprintReview,
  SprintReviewVersion,
} from './sprint-review.entity';
import { SprintReviewService } from './sprint-review.service';
import { SprintLoaders } from './sprint.loaders';
import { TimelineService } from './timeline.service';
import { SprintDueService } from './sprint-due.service';
import { SprintNotificationsJob } from './sprint-notifications.job';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      SprintReview,
      SprintReviewVersion,
      ReviewDecision,
      ReviewComment,
      PlanChange,
      ChangeNotice,
      ScheduleShift,
    ]),
    IdentityModule,
    GrantsModule,
    BudgetModule,
    LearningsModule,
    ProgrammesModule,
  ],
  providers: [
    SprintReviewService,
    ChangeNoticeService,
    TimelineService,
    SprintLoaders,
    SprintDueService,
    SprintNotificationsJob,
    SprintReviewResolver,
    SprintReviewVersionResolver,
    ReviewDecisionResolver,
    ReviewCommentResolver,
    ChangeNoticeResolver,
    PlanChangeResolver,
    SprintCycleResolver,
    GrantCycleResolver,
  ],
  exports: [SprintReviewService, ChangeNoticeService, SprintDueService, TimelineService],
})
export class SprintsModule {}
