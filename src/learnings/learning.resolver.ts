import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Connection } from '../core/pagination/connection';
import { LearningsArgs, PublicLearningsArgs } from './dto/learning.inputs';
import { Learning } from './learning.entity';
import { LearningService } from './learning.service';

export const LearningConnection = Connection(Learning);

@Resolver(() => Learning)
export class LearningResolver {
  constructor(private readonly learningService: LearningService) {}

  @Allow()
  @Query(() => LearningConnection, {
    description:
      'Learnings the caller may read (own grants; PROGRAMME-wide ones of programmes it takes part in; PUBLIC ones), newest first.',
  })
  learnings(@Ctx() ctx: RequestContext, @Args() args: LearningsArgs) {
    return this.learningService.list(ctx, args);
  }

  @Public()
  @Query(() => LearningConnection, {
    description: 'Learnings shared publicly by funded teams, newest first. No sign-in needed.',
  })
  publicLearnings(@Ctx() ctx: RequestContext, @Args() args: PublicLearningsArgs) {
    return this.learningService.listPublic(ctx, args);
  }
}
