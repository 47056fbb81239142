import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Connection } from '../core/pagination/connection';
import {
  ChangeLearningVisibilityInput,
  DecideLearningShareRequestInput,
  LearningSearchArgs,
  LearningsArgs,
  PublicLearningsArgs,
  PublicLearningSearchArgs,
  RequestLearningVisibilityInput,
  SimilarLearningsArgs,
  TagSuggestionArgs,
  WriteLearningInput,
} from './dto/learning.inputs';
import {
  LearningPermissions,
  LearningSearchConnection,
  LearningSource,
  TagSuggestion,
} from './dto/learning.types';
import { Learning } from './learning.entity';
import { LearningLicence, LearningScope, LICENCES } from './learning.enums';
import { LearningSearchService } from './learning-search.service';
import { LearningService } from './learning.service';
import { LearningVisibility } from '../programmes/programme.enums';
import { Field, ObjectType } from '@nestjs/graphql';

export const LearningConnection = Connection(Learning);

@ObjectType({ description: 'A licence a learning is shared under.' })
export class LicenceInfo {
  @Field(() => LearningLicence, { description: 'The licence.' })
  id!: LearningLicence;

  @Field({ description: 'Its short name, e.g. CC BY 4.0.' })
  name!: string;

  @Field({ description: 'Where its terms are.' })
  url!: string;
}

const WRITE_ROLES = ['OWNER', 'MANAGER', 'MEMBER'] as const;

@Resolver(() => Learning)
export class LearningResolver {
  constructor(
    private readonly learningService: LearningService,
    private readonly search: LearningSearchService,
  ) {}

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

  @Allow()
  @Query(() => LearningSearchConnection, {
    description:
      'Searches what the caller may read: ranked by relevance when text is given (newest first otherwise), with highlighted snippets and facet counts.',
  })
  searchLearnings(@Ctx() ctx: RequestContext, @Args() args: LearningSearchArgs) {
    return this.search.search(ctx, args);
  }

  @Public()
  @Query(() => LearningSearchConnection, {
    description: 'Searches the public learnings (the commons). No sign-in needed.',
  })
  publicLearningSearch(@Ctx() ctx: RequestContext, @Args() args: PublicLearningSearchArgs) {
    return this.search.searchPublic(ctx, args);
  }

  @Public()
  @Query(() => Learning, {
    description:
      'One learning: a public one for everyone; signed in, any the caller may read. Otherwise NOT_FOUND.',
  })
  learning(
    @Ctx() ctx: RequestContext,
    @Args('learningId', { type: () => ID, description: 'The learning.' }) learningId: string,
  ) {
    return this.learningService.readable(ctx, learningId);
  }

  @Public()
  @Query(() => [String], {
    description:
      'Tags in use, most used first, among the learnings the caller may read (public ones without sign-in).',
  })
  async learningTagSuggestions(@Ctx() ctx: RequestContext, @Args() args: TagSuggestionArgs) {
    const rows: TagSuggestion[] = await this.search.tagSuggestions(
      ctx,
      ctx.organizationId
        ? { orgId: ctx.organizationId, scope: LearningScope.ALL }
        : { orgId: null },
      args,
    );
    return rows.map((r) => r.tag);
  }

  @Allow()
  @Query(() => [Learning], {
    description:
      'Learnings of others on the topic of a text being written (e.g. while drafting a sprint review), most relevant first; at most 10.',
  })
  similarLearnings(@Ctx() ctx: RequestContext, @Args() args: SimilarLearningsArgs) {
    return this.search.similarToText(
      ctx,
      { orgId: ctx.orgId, scope: LearningScope.ALL },
      args,
      null,
      true,
    );
  }

  @Public()
  @Query(() => [LicenceInfo], { description: 'The licences a public learning can carry.' })
  learningLicences(): LicenceInfo[] {
    return Object.values(LearningLicence).map((id) => ({ id, ...LICENCES[id] }));
  }

  @Allow({ roles: WRITE_ROLES })
  @Mutation(() => Learning, {
    description:
      "Sets who may read a learning (its author only): widening is the team's consent, narrowing withdraws it from programme and public views at once. Also sets licence and attribution.",
  })
  changeLearningVisibility(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The learning and who may read it from now on.' })
    input: ChangeLearningVisibilityInput,
  ) {
    return this.learningService.changeVisibility(ctx, input);
  }

  @Allow({ orgKinds: ['FUNDER'], roles: ['OWNER', 'MANAGER'] })
  @Mutation(() => Learning, {
    description:
      "The grant's funder asks the team to share a learning more widely; the team is notified and answers with decideLearningShareRequest.",
  })
  requestLearningVisibility(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The learning and the wider visibility asked for.' })
    input: RequestLearningVisibilityInput,
  ) {
    return this.learningService.requestVisibility(ctx, input);
  }

  @Allow({ roles: WRITE_ROLES })
  @Mutation(() => Learning, {
    description: "The team answers a funder's request to share its learning: CONSENT or DECLINE.",
  })
  decideLearningShareRequest(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: "The learning and the team's answer." })
    input: DecideLearningShareRequestInput,
  ) {
    return this.learningService.decideShareRequest(ctx, input);
  }

  @Allow({ orgKinds: ['FUNDER'], roles: ['OWNER', 'MANAGER'] })
  @Mutation(() => Learning, {
    description: "A funder writes a learning about its own programme, shown as the funder's.",
  })
  writeLearning(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: "The funder's learning." }) input: WriteLearningInput,
  ) {
    return this.learningService.write(ctx, input);
  }

  @Allow()
  @Mutation(() => Learning, {
    description: 'Marks a learning "this helped us" (one mark per organisation).',
  })
  markLearningHelpful(
    @Ctx() ctx: RequestContext,
    @Args('learningId', { type: () => ID, description: 'The learning.' }) learningId: string,
  ) {
    return this.learningService.mark(ctx, learningId, true);
  }

  @Allow()
  @Mutation(() => Learning, { description: 'Takes back the organisation\'s "this helped us".' })
  unmarkLearningHelpful(
    @Ctx() ctx: RequestContext,
    @Args('learningId', { type: () => ID, description: 'The learning.' }) learningId: string,
  ) {
    return this.learningService.mark(ctx, learningId, false);
  }

  @ResolveField(() => LearningSource, {
    description: 'Programme, funder and — where the reader may know — the team and grant.',
  })
  source(@Ctx() ctx: RequestContext, @Parent() l: Learning) {
    return this.learningService.source(ctx, l);
  }

  @ResolveField(() => LearningVisibility, {
    name: 'requestedVisibility',
    nullable: true,
    description:
      "A wider visibility the funder asked for and the team has not answered (only the grant's funder and team see it).",
  })
  requestedVisibility(@Ctx() ctx: RequestContext, @Parent() l: Learning) {
    return this.learningService.involved(ctx, l) ? l.requestedVisibility : null;
  }

  @ResolveField(() => Boolean, { description: "Whether the caller's organisation marked it." })
  markedHelpful(@Ctx() ctx: RequestContext, @Parent() l: Learning) {
    return this.learningService.markedByCaller(ctx, l);
  }

  @ResolveField(() => LearningPermissions, {
    description: 'What the caller may do with this learning (share it, ask, answer, mark it).',
  })
  viewerMay(@Ctx() ctx: RequestContext, @Parent() l: Learning) {
    return this.learningService.permissions(ctx, l);
  }

  @ResolveField(() => LicenceInfo, { description: 'Its licence, with name and terms.' })
  licenceInfo(@Parent() l: Learning): LicenceInfo {
    return { id: l.licence, ...LICENCES[l.licence] };
  }

  @ResolveField(() => [Learning], {
    description: 'Learnings on the same topic that the reader may read (at most 10).',
  })
  similar(
    @Ctx() ctx: RequestContext,
    @Parent() l: Learning,
    @Args('first', {
      type: () => Int,
      nullable: true,
      defaultValue: 5,
      description: 'At most this many (1–10).',
    })
    first: number,
  ) {
    return this.search.similarTo(
      ctx,
      ctx.organizationId
        ? { orgId: ctx.organizationId, scope: LearningScope.ALL }
        : { orgId: null },
      l,
      Math.min(Math.max(first, 1), 10),
    );
  }
}
