import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { GrantsModule } from '../grants/grants.module';
import { LearningsModule } from '../learnings/learnings.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { SprintsModule } from '../sprints/sprints.module';
import { NodeResolver } from './node.resolver';
import { NodeService } from './node.service';

/** Relay `node(id)` across the bounded contexts: a composition root, imported only by the API. */
@Module({
  imports: [ProgrammesModule, ApplicationsModule, GrantsModule, SprintsModule, LearningsModule],
  providers: [NodeService, NodeResolver],
})
export class NodeModule {}
