import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Money } from '../core/money/money';
import { MoneyType } from '../core/money/money.graphql';
import { uuidArg } from '../core/validation/uuid-arg';
import { OrganizationKind, Role } from '../identity/roles';
import { Organization } from '../identity/entities/organization.entity';
import { IdentityLoaders } from '../identity/identity.loaders';
import { ProgrammeInput, ProgrammesArgs } from './dto/programme.inputs';
import { Programme } from './programme.entity';
import { ProgrammeStatus } from './programme.enums';
import { ProgrammeService } from './programme.service';
import { Connection } from '../core/pagination/connection';

export const ProgrammeConnection = Connection(Programme);

const MANAGE = { orgKinds: [OrganizationKind.FUNDER], roles: [Role.OWNER, Role.MANAGER] };

@Resolver(() => Programme)
export class ProgrammeResolver {
  constructor(
    private readonly programmeService: ProgrammeService,
    private readonly identity: IdentityLoaders,
  ) {}

  @Public()
  @Query(() => ProgrammeConnection, {
    description: 'Open calls for applications, for everyone (no sign-in needed).',
  })
  openCalls(@Ctx() ctx: RequestContext, @Args() args: ProgrammesArgs) {
    return this.programmeService.openCalls(ctx, args);
  }

  @Public()
  @Query(() => Programme, {
    description:
      'One open call, for everyone (no sign-in needed): an OPEN programme still taking applications, else NOT_FOUND.',
  })
  openCall(
    @Ctx() ctx: RequestContext,
    @Args('programmeId', { type: () => ID, description: 'The programme.' }) id: string,
  ) {
    return this.programmeService.openCall(ctx, uuidArg(id, 'Programme'));
  }

  @Allow()
  @Query(() => ProgrammeConnection, {
    description:
      "Programmes the caller may see: a funder's own; for grantees, open calls and programmes they applied to.",
  })
  programmes(@Ctx() ctx: RequestContext, @Args() args: ProgrammesArgs) {
    return this.programmeService.list(ctx, args);
  }

  @Allow()
  @Query(() => Programme, { description: 'One programme the caller may see.' })
  programme(
    @Ctx() ctx: RequestContext,
    @Args('programmeId', { type: () => ID, description: 'The programme.' }) id: string,
  ) {
    return this.programmeService.get(ctx, uuidArg(id, 'Programme'));
  }

  @Allow(MANAGE)
  @Mutation(() => Programme, {
    description: 'Create a programme (as draft). Title, currency and total budget are required.',
  })
  createProgramme(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The programme settings; left-out settings keep their value.' })
    input: ProgrammeInput,
  ) {
    return this.programmeService.create(ctx, input);
  }

  @Allow(MANAGE)
  @Mutation(() => Programme, { description: "Change a programme's settings." })
  updateProgramme(
    @Ctx() ctx: RequestContext,
    @Args('programmeId', { type: () => ID, description: 'The programme.' }) id: string,
    @Args('input', { description: 'The programme settings; left-out settings keep their value.' })
    input: ProgrammeInput,
  ) {
    return this.programmeService.update(ctx, uuidArg(id, 'Programme'), input);
  }

  @Allow(MANAGE)
  @Mutation(() => Programme, {
    description:
      'Move a programme along DRAFT → OPEN → CLOSED → ARCHIVED (a closed call may reopen). Opening needs a call window and criteria.',
  })
  changeProgrammeStatus(
    @Ctx() ctx: RequestContext,
    @Args('programmeId', { type: () => ID, description: 'The programme.' }) id: string,
    @Args('status', { type: () => ProgrammeStatus, description: 'The new status.' })
    status: ProgrammeStatus,
  ) {
    return this.programmeService.changeStatus(ctx, uuidArg(id, 'Programme'), status);
  }

  @ResolveField(() => MoneyType, { description: 'Total budget of the programme.' })
  totalBudget(@Parent() programme: Programme): Money {
    return Money.of(programme.totalBudgetMinor, programme.currency);
  }

  @ResolveField(() => Organization, { description: 'The funder running the programme.' })
  funder(@Ctx() ctx: RequestContext, @Parent() programme: Programme) {
    return this.identity.organization(ctx).load(programme.funderOrganizationId);
  }
}
