import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadLetter } from './dead-letter.entity';
import { DeadLetterService } from './dead-letter.service';
import { QueueRegistry } from './queue.registry';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([DeadLetter])],
  providers: [QueueRegistry, DeadLetterService],
  exports: [QueueRegistry, DeadLetterService],
})
export class QueueModule {}
