import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadLetter } from './dead-letter.entity';
import { DeadLetterService } from './dead-letter.service';
import { FairShare } from './fair-share';
import { QueueRegistry } from './queue.registry';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([DeadLetter])],
  providers: [QueueRegistry, DeadLetterService, FairShare],
  exports: [QueueRegistry, DeadLetterService, FairShare],
})
export class QueueModule {}
