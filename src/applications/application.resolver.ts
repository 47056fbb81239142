import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { FUNDER_DECIDES, GRANTEE } from '../identity/access/policies';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Money } from '../core/money/money';
import { MoneyType } from '../core/money/money.graphql';
import { MAX_PAGE_SIZE } from '../core/pagination/connection';
import { BadUserInputError } from '../core/errors/app-error';
import { uuidArg } from '../core/validation/uuid-arg';
import { Grant } from '../grants/grant.entity';
import { GrantLoaders } from '../grants/grant.loaders';
import { Organization } from '../identity/entities/organization.entity';
import { Person } from '../identity/entities/person.entity';
import { IdentityLoaders } from '../identity/identity.loaders';
import { OrganizationKind, Role } from '../identity/roles';
import { Programme } from '../programmes/programme.entity';
import { ProgrammeLoaders } from '../programmes/programme.loaders';
import { Application, ApplicationReview } from './application.entity';
import { ApplicationLoaders } from './application.loaders';
import { ApplicationService, weightedAverage } from './application.service';
import {
  ApplicationsArgs,
  DecideApplicationInput,
  SaveApplicationInput,
  ScoreApplicationInput,
} from './dto/application.inputs';
import {
  ApplicationConnection,
  ApplicationVersionType,
  CriterionScoreType,
  PlannedBudgetLine,
  PlannedSprint,
} from './dto/application.types';

@Resolver(() => Application)
export class ApplicationResolver {
  constructor(
    private readonly applicationService: ApplicationService,
    private readonly loaders: ApplicationLoaders,
    private readonly identity: IdentityLoaders,
    private readonly grants: GrantLoaders,
    private readonly programmes: ProgrammeLoaders,
  ) {}

  @Allow()
  @Query(() => ApplicationConnection, {
    description:
      'Applications the caller may see: a grantee its own; a funder submitted ones to its programmes (never drafts).',
  })
  applications(@Ctx() ctx: RequestContext, @Args() args: ApplicationsArgs) {
    return this.applicationService.list(ctx, args);
  }

  @Allow()
  @Query(() => Application, { description: 'One application the caller may see.' })
  application(
    @Ctx() ctx: RequestContext,
    @Args('applicationId', { type: () => ID, description: 'The application.' }) id: string,
  ) {
    return this.applicationService.get(ctx, uuidArg(id, 'Application'));
  }

  @Allow(GRANTEE)
  @Mutation(() => Application, {
    description:
      'Start or update a draft application; incomplete drafts are fine until submission.',
  })
  saveApplicationDraft(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The fields to save; left-out fields keep their value.' })
    input: SaveApplicationInput,
  ) {
    return this.applicationService.save(ctx, input);
  }

  @Allow(GRANTEE)
  @Mutation(() => Application, {
    description:
      'Submit inside the call window; the error lists every missing or wrong field. Each submission is kept as a version.',
  })
  submitApplication(
    @Ctx() ctx: RequestContext,
    @Args('applicationId', { type: () => ID, description: 'The application.' }) id: string,
  ) {
    return this.applicationService.submit(ctx, uuidArg(id, 'Application'));
  }

  @Allow(GRANTEE)
  @Mutation(() => Application, { description: 'Withdraw an application before a decision.' })
  withdrawApplication(
    @Ctx() ctx: RequestContext,
    @Args('applicationId', { type: () => ID, description: 'The application.' }) id: string,
  ) {
    return this.applicationService.withdraw(ctx, uuidArg(id, 'Application'));
  }

  @Allow({
    orgKinds: [OrganizationKind.FUNDER],
    roles: [Role.OWNER, Role.MANAGER, Role.REVIEWER],
    humansOnly: true,
  })
  @Mutation(() => ApplicationReview, {
    description:
      'Score a submitted application on every criterion (1–5, with a comment); scoring again replaces your scores.',
  })
  scoreApplication(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Your scores, one per criterion.' }) input: ScoreApplicationInput,
  ) {
    return this.applicationService.score(ctx, input);
  }

  @Allow(FUNDER_DECIDES)
  @Mutation(() => Application, {
    description:
      'Approve (creates the grant, perhaps with a lower amount and adjusted lines), reject with feedback, or ask for information.',
  })
  decideApplication(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The decision, with feedback for the grantee.' })
    input: DecideApplicationInput,
  ) {
    return this.applicationService.decide(ctx, input);
  }

  @ResolveField(() => MoneyType, { nullable: true, description: 'Amount requested.' })
  requestedAmount(@Parent() a: Application): Money | null {
    return a.requestedAmountMinor === null || !a.currency
      ? null
      : Money.of(a.requestedAmountMinor, a.currency);
  }

  @ResolveField(() => [PlannedBudgetLine], { description: 'Planned budget lines.' })
  budgetLines(@Parent() a: Application): PlannedBudgetLine[] {
    return a.budgetLines.map((l) => ({
      category: l.category,
      name: l.name,
      amount: Money.of(BigInt(l.amountMinor), a.currency ?? 'EUR'),
    }));
  }

  @ResolveField(() => [PlannedSprint], { description: 'First sprint plan.' })
  sprintPlan(@Parent() a: Application): PlannedSprint[] {
    return a.sprintPlan;
  }

  @ResolveField(() => Programme, { description: 'The programme applied to.' })
  programme(@Ctx() ctx: RequestContext, @Parent() a: Application) {
    return this.programmes.byId(ctx).load(a.programmeId);
  }

  @ResolveField(() => Organization, { description: 'The applying grantee organisation.' })
  grantee(@Ctx() ctx: RequestContext, @Parent() a: Application) {
    return this.identity.organization(ctx).load(a.granteeOrganizationId);
  }

  @ResolveField(() => [ApplicationReview], {
    description:
      "Reviewers' scores: managers and auditors see all; a reviewer sees the others' only after scoring; grantees see none.",
  })
  async reviews(
    @Ctx() ctx: RequestContext,
    @Parent() a: Application,
  ): Promise<ApplicationReview[]> {
    return this.applicationService.visibleReviews(ctx, await this.loaders.reviews(ctx).load(a.id));
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Weighted average of all scores, exact to two places (e.g. "3.75"); for managers and auditors only.',
  })
  async weightedScore(
    @Ctx() ctx: RequestContext,
    @Parent() a: Application,
  ): Promise<string | null> {
    if (!this.applicationService.mayReadAverages(ctx)) return null;
    const [reviews, programme] = await Promise.all([
      this.loaders.reviews(ctx).load(a.id),
      this.programmes.byId(ctx).load(a.programmeId),
    ]);
    return weightedAverage(reviews, programme?.criteria ?? []);
  }

  @ResolveField(() => [ApplicationVersionType], {
    description: 'Every submitted version, oldest first.',
  })
  async versions(
    @Ctx() ctx: RequestContext,
    @Parent() a: Application,
  ): Promise<ApplicationVersionType[]> {
    const versions = await this.loaders.versions(ctx).load(a.id);
    return versions.map((v) => ({
      version: v.version,
      submittedAt: v.submittedAt,
      content: v.snapshot,
    }));
  }

  @ResolveField(() => Grant, { nullable: true, description: 'The grant, once approved.' })
  grant(@Ctx() ctx: RequestContext, @Parent() a: Application) {
    return this.grants.byApplication(ctx).load(a.id);
  }
}

@Resolver(() => ApplicationReview)
export class ApplicationReviewResolver {
  constructor(private readonly identity: IdentityLoaders) {}

  @ResolveField(() => Person, { nullable: true, description: 'The reviewer.' })
  reviewer(@Ctx() ctx: RequestContext, @Parent() r: ApplicationReview) {
    return this.identity.person(ctx).load(r.reviewerPersonId);
  }

  @ResolveField(() => [CriterionScoreType], { description: 'One score per criterion.' })
  scores(@Parent() r: ApplicationReview): CriterionScoreType[] {
    return r.scores;
  }
}

/** Nested applications of a programme: the first page batched across the programmes of a page. */
@Resolver(() => Programme)
export class ProgrammeApplicationsResolver {
  constructor(
    private readonly loaders: ApplicationLoaders,
    private readonly service: ApplicationService,
  ) {}

  @ResolveField(() => ApplicationConnection, {
    description: 'Applications to this programme the caller may see, newest first.',
  })
  applications(
    @Ctx() ctx: RequestContext,
    @Parent() programme: Programme,
    @Args('first', {
      type: () => Int,
      defaultValue: 20,
      description: `How many (1–${MAX_PAGE_SIZE}).`,
    })
    first: number,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: 'Return items after this cursor.',
    })
    after?: string,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw BadUserInputError.forField(
        'first',
        `must be 1 to ${MAX_PAGE_SIZE}`,
        `muss zwischen 1 und ${MAX_PAGE_SIZE} liegen`,
      );
    }
    // Later pages are asked for one programme at a time; only the first page is batched.
    if (after) {
      if (after.length > 512)
        throw BadUserInputError.forField(
          'cursor',
          'is not a cursor this list gave out',
          'ist kein Cursor dieser Liste',
        );
      return this.service.list(ctx, { programmeId: programme.id, first, after });
    }
    return this.loaders.byProgramme(ctx, first).load(programme.id);
  }
}
