import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Connection } from '../core/pagination/connection';
import { uuidArg } from '../core/validation/uuid-arg';
import { Organization } from '../identity/entities/organization.entity';
import { IdentityLoaders } from '../identity/identity.loaders';
import { Programme } from '../programmes/programme.entity';
import { ProgrammeLoaders } from '../programmes/programme.loaders';
import { GrantsArgs } from './dto/grant.inputs';
import { BudgetLine, Grant, Milestone, Sprint, Tranche } from './grant.entity';
import { GrantLoaders } from './grant.loaders';
import { GrantService } from './grant.service';

export const GrantConnection = Connection(Grant);

@Resolver(() => Grant)
export class GrantResolver {
  constructor(
    private readonly grantService: GrantService,
    private readonly loaders: GrantLoaders,
    private readonly identity: IdentityLoaders,
    private readonly programmes: ProgrammeLoaders,
  ) {}

  @Allow()
  @Query(() => GrantConnection, {
    description: "Grants the caller's organisation is funder or grantee of.",
  })
  grants(@Ctx() ctx: RequestContext, @Args() args: GrantsArgs) {
    return this.grantService.list(ctx, args);
  }

  @Allow()
  @Query(() => Grant, { description: 'One grant of the caller’s organisation.' })
  grant(
    @Ctx() ctx: RequestContext,
    @Args('grantId', { type: () => ID, description: 'The grant.' }) id: string,
  ) {
    return this.grantService.get(ctx, uuidArg(id, 'Grant'));
  }

  @ResolveField(() => [BudgetLine], { description: 'Budget lines, in order.' })
  budgetLines(@Ctx() ctx: RequestContext, @Parent() g: Grant) {
    return this.loaders.budgetLines(ctx).load(g.id);
  }

  @ResolveField(() => [Sprint], { description: 'Sprints, in order.' })
  sprints(@Ctx() ctx: RequestContext, @Parent() g: Grant) {
    return this.loaders.sprints(ctx).load(g.id);
  }

  @ResolveField(() => [Tranche], { description: 'Tranche schedule, in order.' })
  tranches(@Ctx() ctx: RequestContext, @Parent() g: Grant) {
    return this.loaders.tranches(ctx).load(g.id);
  }

  @ResolveField(() => Programme, { description: 'The programme.' })
  programme(@Ctx() ctx: RequestContext, @Parent() g: Grant) {
    return this.programmes.byId(ctx).load(g.programmeId);
  }

  @ResolveField(() => Organization, { description: 'The funder.' })
  funder(@Ctx() ctx: RequestContext, @Parent() g: Grant) {
    return this.identity.organization(ctx).load(g.funderOrganizationId);
  }

  @ResolveField(() => Organization, { description: 'The grantee.' })
  grantee(@Ctx() ctx: RequestContext, @Parent() g: Grant) {
    return this.identity.organization(ctx).load(g.granteeOrganizationId);
  }
}

@Resolver(() => Sprint)
export class SprintResolver {
  constructor(private readonly loaders: GrantLoaders) {}

  @ResolveField(() => [Milestone], { description: 'Milestones, in order.' })
  milestones(@Ctx() ctx: RequestContext, @Parent() sprint: Sprint) {
    return this.loaders.milestones(ctx).load(sprint.id);
  }
}
