import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Learning, LearningMark } from './learning.entity';
import { LearningNotificationsJob } from './learning-notifications.job';
import { LearningPublicController } from './learning-public.controller';
import { LearningResolver } from './learning.resolver';
import { LearningSearchService } from './learning-search.service';
import { LearningService } from './learning.service';

@Module({
  imports: [TypeOrmModule.forFeature([Learning, LearningMark])],
  controllers: [LearningPublicController],
  providers: [LearningService, LearningSearchService, LearningResolver, LearningNotificationsJob],
  exports: [LearningService, LearningSearchService],
})
export class LearningsModule {}
