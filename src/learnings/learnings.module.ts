import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Learning } from './learning.entity';
import { LearningResolver } from './learning.resolver';
import { LearningService } from './learning.service';

@Module({
  imports: [TypeOrmModule.forFeature([Learning])],
  providers: [LearningService, LearningResolver],
  exports: [LearningService],
})
export class LearningsModule {}
