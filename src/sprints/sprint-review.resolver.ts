import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { FUNDER_DECIDES, GRANTEE } from '../identity/access/policies';
import { PlannedSprint } from '../applications/dto/application.types';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Money } from '../core/money/money';
import { Connection, PageArgs, paginateList } from '../core/pagination/connection';
import { MoneyType } from '../core/money/money.graphql';
import { uuidArg } from '../core/validation/uuid-arg';
import { Grant, Sprint } from '../grants/grant.entity';
import { SprintStatus } from '../grants/grant.enums';
import { GrantLoaders } from '../grants/grant.loaders';
import { Organization } from '../identity/entities/organization.entity';
import { Person } from '../identity/entities/person.entity';
import { IdentityLoaders } from '../identity/identity.loaders';
import { OrganizationKind, Role } from '../identity/roles';
import { ChangeNotice } from './change-notice.entity';
import { ChangeNoticeService } from './change-notice.service';
import { DecideChangeNoticeInput, FileChangeNoticeInput } from './dto/notice.inputs';
import {
  CommentOnSprintReviewInput,
  DecideSprintReviewInput,
  SaveSprintReviewInput,
  SubmitSprintReviewInput,
} from './dto/review.inputs';
import { contentView, PlanDiff, ReviewContentView } from './dto/review.types';
import { GrantTimelineArgs, TimelineEntry } from './dto/timeline.types';
import { planDiff } from './review-rules';
import {
  PlanChange,
  ReviewComment,
  ReviewDecision,
  SprintReview,
  SprintReviewVersion,
} from './sprint-review.entity';
import { SprintReviewService } from './sprint-review.service';
import { SprintReviewStatus } from './sprint.enums';
import { SprintLoaders } from './sprint.loaders';
import { TimelineService } from './timeline.service';

/** Everyone of either side but auditors (who read only). */
const DISCUSSES = { roles: [Role.OWNER, Role.MANAGER, Role.REVIEWER, Role.FINANCE, Role.MEMBER] };

export const TimelineEntryConnection = Connection(TimelineEntry);
export const ReviewCommentConnection = Connection(ReviewComment);
export const ChangeNoticeConnection = Connection(ChangeNotice);

const isGrantee = (ctx: RequestContext) => ctx.organizationKind === OrganizationKind.GRANTEE;

@Resolver(() => SprintReview)
export class SprintReviewResolver {
  constructor(
    private readonly reviews: SprintReviewService,
    private readonly notices: ChangeNoticeService,
    private readonly timeline: TimelineService,
    private readonly loaders: SprintLoaders,
    private readonly grants: GrantLoaders,
  ) {}

  @Allow()
  @Query(() => SprintReview, {
    description: 'One sprint review (the funder sees it once a version was submitted).',
  })
  sprintReview(
    @Ctx() ctx: RequestContext,
    @Args('reviewId', { type: () => ID, description: 'The review.' }) id: string,
  ) {
    return this.reviews.get(ctx, uuidArg(id, 'SprintReview'));
  }

  @Allow()
  @Query(() => TimelineEntryConnection, {
    description:
      "A grant's history in order, oldest first: reviews, decisions, comments, pivots, reallocations, tranches, notices, learnings.",
  })
  async grantTimeline(@Ctx() ctx: RequestContext, @Args() args: GrantTimelineArgs) {
    const { grantId: id, ...page } = args;
    // Assembled from several tables in time order; new entries only ever come last, so the
    // position (with the entry's kind and subject) is a stable cursor.
    const entries = await this.timeline.forGrant(ctx, uuidArg(id, 'Grant'));
    return paginateList(entries, page, (e, i) => `${i}:${e.kind}:${e.subjectId}`);
  }

  @Allow(GRANTEE)
  @Mutation(() => SprintReview, {
    description:
      'Save the draft of a sprint review (grantee). Ids, currency and answer types are checked; completeness at submission.',
  })
  saveSprintReview(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The sprint and the parts of the review to save.' })
    input: SaveSprintReviewInput,
  ) {
    return this.reviews.save(ctx, input);
  }

  @Allow(GRANTEE)
  @Mutation(() => SprintReview, {
    description:
      'Submit the saved draft as the next version: the sprint goes to review, spend is booked, learnings are shared.',
  })
  submitSprintReview(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The sprint.' }) input: SubmitSprintReviewInput,
  ) {
    return this.reviews.submit(ctx, input);
  }

  @Allow(FUNDER_DECIDES)
  @Mutation(() => SprintReview, {
    description:
      'Accept a submitted review (next tranche, next-sprint plan, next sprint — or completion) or request changes.',
  })
  decideSprintReview(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The review, decision and comment.' })
    input: DecideSprintReviewInput,
  ) {
    return this.reviews.decide(ctx, input);
  }

  @Allow(DISCUSSES)
  @Mutation(() => ReviewComment, {
    description: 'Write in the thread of a submitted review (funder and grantee).',
  })
  commentOnSprintReview(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The review and the comment.' })
    input: CommentOnSprintReviewInput,
  ) {
    return this.reviews.comment(ctx, input);
  }

  @Allow(GRANTEE)
  @Mutation(() => ChangeNotice, {
    description:
      'Tell the funder of a pivot, delay, other funding, unreachable goal — or stop the grant (with the saved draft as final review).',
  })
  fileChangeNotice(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The notice.' }) input: FileChangeNoticeInput,
  ) {
    return this.notices.file(ctx, input);
  }

  @Allow(FUNDER_DECIDES)
  @Mutation(() => ChangeNotice, {
    description: 'Answer a change notice: approve or reject a DELAY, acknowledge the others.',
  })
  decideChangeNotice(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The notice and the answer.' }) input: DecideChangeNoticeInput,
  ) {
    return this.notices.decide(ctx, input);
  }

  @ResolveField(() => Sprint, { description: 'The sprint reviewed.' })
  async sprint(@Ctx() ctx: RequestContext, @Parent() review: SprintReview) {
    return this.grants.sprint(ctx).load(review.sprintId);
  }

  @ResolveField(() => SprintReviewStatus, { description: 'Where the review stands.' })
  async status(
    @Ctx() ctx: RequestContext,
    @Parent() review: SprintReview,
  ): Promise<SprintReviewStatus> {
    const sprint = await this.grants.sprint(ctx).load(review.sprintId);
    switch (sprint!.status) {
      case SprintStatus.IN_REVIEW:
        return SprintReviewStatus.SUBMITTED;
      case SprintStatus.ACCEPTED:
        return SprintReviewStatus.ACCEPTED;
      case SprintStatus.CHANGES_REQUESTED:
        return SprintReviewStatus.CHANGES_REQUESTED;
      default:
        return SprintReviewStatus.DRAFT;
    }
  }

  @ResolveField(() => ReviewContentView, {
    nullable: true,
    description: "The grantee's working draft (the grantee only).",
  })
  draft(@Ctx() ctx: RequestContext, @Parent() review: SprintReview) {
    return isGrantee(ctx) ? contentView(review.draft) : null;
  }

  @ResolveField(() => [SprintReviewVersion], { description: 'Submitted versions, oldest first.' })
  versions(@Ctx() ctx: RequestContext, @Parent() review: SprintReview) {
    return this.loaders.versions(ctx).load(review.id);
  }

  @ResolveField(() => SprintReviewVersion, {
    nullable: true,
    description: 'The latest submitted version.',
  })
  async latest(@Ctx() ctx: RequestContext, @Parent() review: SprintReview) {
    const versions = await this.loaders.versions(ctx).load(review.id);
    return versions[versions.length - 1] ?? null;
  }

  @ResolveField(() => [ReviewDecision], { description: "The funder's decisions, oldest first." })
  decisions(@Ctx() ctx: RequestContext, @Parent() review: SprintReview) {
    return this.loaders.decisions(ctx).load(review.id);
  }

  @ResolveField(() => ReviewCommentConnection, { description: 'The comment thread, oldest first.' })
  async comments(
    @Ctx() ctx: RequestContext,
    @Parent() review: SprintReview,
    @Args() page: PageArgs,
  ) {
    return paginateList(await this.loaders.comments(ctx).load(review.id), page, (c) => c.id);
  }
}

@Resolver(() => SprintReviewVersion)
export class SprintReviewVersionResolver {
  constructor(private readonly identity: IdentityLoaders) {}

  @ResolveField(() => ReviewContentView, { description: 'What this version says.' })
  content(@Parent() version: SprintReviewVersion) {
    return contentView(version.content);
  }

  @ResolveField(() => PlanDiff, {
    nullable: true,
    description:
      "How this version's next-sprint plan differs from the plan when it was submitted (none for the last sprint).",
  })
  planDiff(@Parent() version: SprintReviewVersion) {
    const after = version.content.nextSprint;
    return version.planBefore && after ? planDiff(version.planBefore, after) : null;
  }

  @ResolveField(() => Person, { nullable: true, description: 'Who submitted it.' })
  submittedBy(@Ctx() ctx: RequestContext, @Parent() version: SprintReviewVersion) {
    return version.submittedById ? this.identity.person(ctx).load(version.submittedById) : null;
  }
}

@Resolver(() => ReviewDecision)
export class ReviewDecisionResolver {
  constructor(private readonly identity: IdentityLoaders) {}

  @ResolveField(() => Person, { nullable: true, description: 'Who decided.' })
  decidedBy(@Ctx() ctx: RequestContext, @Parent() d: ReviewDecision) {
    return d.decidedById ? this.identity.person(ctx).load(d.decidedById) : null;
  }
}

@Resolver(() => ReviewComment)
export class ReviewCommentResolver {
  constructor(private readonly identity: IdentityLoaders) {}

  @ResolveField(() => Person, { nullable: true, description: 'Who wrote it.' })
  author(@Ctx() ctx: RequestContext, @Parent() c: ReviewComment) {
    return c.authorId ? this.identity.person(ctx).load(c.authorId) : null;
  }

  @ResolveField(() => Organization, { description: 'The side it was written for.' })
  organization(@Ctx() ctx: RequestContext, @Parent() c: ReviewComment) {
    return this.identity.organization(ctx).load(c.organizationId);
  }
}

@Resolver(() => ChangeNotice)
export class ChangeNoticeResolver {
  constructor(
    private readonly identity: IdentityLoaders,
    private readonly grants: GrantLoaders,
  ) {}

  @ResolveField(() => MoneyType, { nullable: true, description: 'OTHER_FUNDING: how much.' })
  otherFundingAmount(@Parent() n: ChangeNotice): Money | null {
    return n.otherFundingAmountMinor !== null && n.otherFundingCurrency
      ? Money.of(n.otherFundingAmountMinor, n.otherFundingCurrency)
      : null;
  }

  @ResolveField(() => Sprint, {
    nullable: true,
    description: 'The sprint running when it was filed.',
  })
  sprint(@Ctx() ctx: RequestContext, @Parent() n: ChangeNotice) {
    return n.sprintId ? this.grants.sprint(ctx).load(n.sprintId) : null;
  }

  @ResolveField(() => Person, { nullable: true, description: 'Who filed it.' })
  filedBy(@Ctx() ctx: RequestContext, @Parent() n: ChangeNotice) {
    return n.filedById ? this.identity.person(ctx).load(n.filedById) : null;
  }

  @ResolveField(() => Person, { nullable: true, description: 'Who answered it.' })
  decidedBy(@Ctx() ctx: RequestContext, @Parent() n: ChangeNotice) {
    return n.decidedById ? this.identity.person(ctx).load(n.decidedById) : null;
  }
}

@Resolver(() => PlanChange)
export class PlanChangeResolver {
  @ResolveField(() => PlannedSprint, { description: 'The plan before.' })
  before(@Parent() p: PlanChange) {
    return p.before;
  }

  @ResolveField(() => PlannedSprint, { description: 'The plan after.' })
  after(@Parent() p: PlanChange) {
    return p.after;
  }

  @ResolveField(() => PlanDiff, { description: 'The change as a readable diff.' })
  diff(@Parent() p: PlanChange) {
    return planDiff(p.before, p.after);
  }
}

/** Review-cycle fields on sprints and grants. */
@Resolver(() => Sprint)
export class SprintCycleResolver {
  constructor(private readonly loaders: SprintLoaders) {}

  @ResolveField(() => SprintReview, {
    nullable: true,
    description: 'The sprint review (the funder sees it once a version was submitted).',
  })
  async review(@Ctx() ctx: RequestContext, @Parent() sprint: Sprint) {
    const review = await this.loaders.reviewBySprint(ctx).load(sprint.id);
    if (!review) return null;
    return isGrantee(ctx) || review.submittedVersion > 0 ? review : null;
  }
}

@Resolver(() => Grant)
export class GrantCycleResolver {
  constructor(private readonly loaders: SprintLoaders) {}

  @ResolveField(() => ChangeNoticeConnection, { description: 'Change notices, oldest first.' })
  async changeNotices(@Ctx() ctx: RequestContext, @Parent() g: Grant, @Args() page: PageArgs) {
    return paginateList(await this.loaders.notices(ctx).load(g.id), page, (n) => n.id);
  }

  @ResolveField(() => [PlanChange], {
    description: 'Pivots: every change of a sprint plan made by an accepted review, oldest first.',
  })
  pivots(@Ctx() ctx: RequestContext, @Parent() g: Grant) {
    return this.loaders.planChanges(ctx).load(g.id);
  }
}
