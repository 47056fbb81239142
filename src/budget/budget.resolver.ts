import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { FUNDER_DECIDES, FUNDER_RELEASES, GRANTEE } from '../identity/access/policies';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Money } from '../core/money/money';
import { MoneyType } from '../core/money/money.graphql';
import { uuidArg } from '../core/validation/uuid-arg';
import { PageArgs, paginateList } from '../core/pagination/connection';
import { BudgetLine, Tranche } from '../grants/grant.entity';
import { GrantLoaders } from '../grants/grant.loaders';
import { Person } from '../identity/entities/person.entity';
import { IdentityLoaders } from '../identity/identity.loaders';
import { OrganizationKind } from '../identity/roles';
import { Amendment } from './amendment.entity';
import { BudgetService } from './budget.service';
import {
  AmendGrantInput,
  DecideReallocationInput,
  ReallocationsArgs,
  ReallocationPreviewInput,
  ReleaseTrancheInput,
  ReportSpendInput,
  SpendEntriesArgs,
  RequestReallocationInput,
} from './dto/budget.inputs';
import {
  GrantBudget,
  GrantBudgetSummaryConnection,
  ProgrammeBudget,
  ReallocationConnection,
  ReallocationPreview,
  SpendEntryConnection,
} from './dto/budget.types';
import { Reallocation } from './reallocation.entity';
import { SpendEntry } from './spend-entry.entity';

@Resolver()
export class BudgetResolver {
  constructor(private readonly budget: BudgetService) {}

  @Allow()
  @Query(() => GrantBudget, {
    description:
      'A grant in figures: awarded, per line, released, spent, remaining, burn per sprint, pending requests.',
  })
  grantBudget(
    @Ctx() ctx: RequestContext,
    @Args('grantId', { type: () => ID, description: 'The grant.' }) id: string,
  ) {
    return this.budget.grantBudget(ctx, uuidArg(id, 'Grant'));
  }

  @Allow({ orgKinds: [OrganizationKind.FUNDER] })
  @Query(() => ProgrammeBudget, {
    description: "A programme's money across its grants (for its funder).",
  })
  programmeBudget(
    @Ctx() ctx: RequestContext,
    @Args('programmeId', { type: () => ID, description: 'The programme.' }) id: string,
  ) {
    return this.budget.programmeBudget(ctx, uuidArg(id, 'Programme'));
  }

  @Allow()
  @Query(() => ReallocationConnection, { description: "A grant's reallocations, newest first." })
  reallocations(@Ctx() ctx: RequestContext, @Args() args: ReallocationsArgs) {
    const { grantId, ...page } = args;
    return this.budget.reallocations(ctx, uuidArg(grantId, 'Grant'), page);
  }

  @Allow()
  @Query(() => SpendEntryConnection, {
    description:
      "A grant's spend entries (all lines, or one), latest spending date first, with their receipts.",
  })
  spendEntries(@Ctx() ctx: RequestContext, @Args() args: SpendEntriesArgs) {
    const { grantId, lineId, ...page } = args;
    return this.budget.spendEntries(
      ctx,
      uuidArg(grantId, 'Grant'),
      lineId === undefined || lineId === null ? undefined : uuidArg(lineId, 'BudgetLine'),
      page,
    );
  }

  @Allow(GRANTEE)
  @Query(() => ReallocationPreview, {
    description:
      'Dry run of `requestReallocation`: whether the move would apply at once, wait for the funder or be refused, with the two lines before and after. Changes nothing.',
  })
  reallocationPreview(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Lines and amount.' }) input: ReallocationPreviewInput,
  ) {
    return this.budget.previewReallocation(ctx, input);
  }

  @Allow(GRANTEE)
  @Mutation(() => Reallocation, {
    description:
      'Move money between two lines. Within the tolerance it applies at once; beyond it, it waits for the funder.',
  })
  requestReallocation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Lines, amount and reason.' }) input: RequestReallocationInput,
  ) {
    return this.budget.requestReallocation(ctx, input);
  }

  @Allow(FUNDER_DECIDES)
  @Mutation(() => Reallocation, {
    description: 'Approve (re-checked against the balances now) or reject a pending reallocation.',
  })
  decideReallocation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The decision.' }) input: DecideReallocationInput,
  ) {
    return this.budget.decideReallocation(ctx, input);
  }

  @Allow(FUNDER_DECIDES)
  @Mutation(() => Amendment, {
    description: "Raise or lower a grant's awarded amount; never below what was paid out.",
  })
  amendGrant(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'New amount, line changes and reason.' }) input: AmendGrantInput,
  ) {
    return this.budget.amend(ctx, input);
  }

  @Allow(FUNDER_RELEASES)
  @Mutation(() => Tranche, {
    description:
      'Release a scheduled tranche by hand (at most once; the holdback only after the final review).',
  })
  releaseTranche(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The tranche.' }) input: ReleaseTrancheInput,
  ) {
    return this.budget.releaseTranche(ctx, input);
  }

  @Allow(GRANTEE)
  @Mutation(() => SpendEntry, {
    description:
      'Report spend on a line; spend beyond the tolerance is accepted, flagged and needs an explanation.',
  })
  reportSpend(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The spend.' }) input: ReportSpendInput,
  ) {
    return this.budget.reportSpend(ctx, input);
  }
}

@Resolver(() => Reallocation)
export class ReallocationResolver {
  constructor(
    private readonly grants: GrantLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @ResolveField(() => MoneyType, { description: 'Amount moved.' })
  amount(@Parent() r: Reallocation): Money {
    return Money.of(r.amountMinor, r.currency);
  }

  @ResolveField(() => BudgetLine, { description: 'The line the money comes from.' })
  async fromLine(@Ctx() ctx: RequestContext, @Parent() r: Reallocation) {
    return this.grants.budgetLine(ctx).load(r.fromLineId);
  }

  @ResolveField(() => BudgetLine, { description: 'The line the money goes to.' })
  async toLine(@Ctx() ctx: RequestContext, @Parent() r: Reallocation) {
    return this.grants.budgetLine(ctx).load(r.toLineId);
  }

  @ResolveField(() => Person, { nullable: true, description: 'Who asked for the move.' })
  requestedBy(@Ctx() ctx: RequestContext, @Parent() r: Reallocation) {
    return r.requestedById ? this.identity.person(ctx).load(r.requestedById) : null;
  }

  @ResolveField(() => Person, {
    nullable: true,
    description: 'Who approved or rejected it (none while pending or when applied at once).',
  })
  decidedBy(@Ctx() ctx: RequestContext, @Parent() r: Reallocation) {
    return r.decidedById ? this.identity.person(ctx).load(r.decidedById) : null;
  }
}

@Resolver(() => GrantBudget)
export class GrantBudgetResolver {
  @ResolveField(() => ReallocationConnection, {
    description: 'Reallocations waiting for the funder, oldest first.',
  })
  pendingReallocations(@Parent() budget: GrantBudget, @Args() page: PageArgs) {
    return paginateList(budget.pendingReallocations, page, (r) => r.id);
  }
}

@Resolver(() => ProgrammeBudget)
export class ProgrammeBudgetResolver {
  @ResolveField(() => GrantBudgetSummaryConnection, {
    description: 'Per grant, by reference (the totals above count every grant).',
  })
  grants(@Parent() budget: ProgrammeBudget, @Args() page: PageArgs) {
    return paginateList(budget.grants, page, (g) => g.grantId);
  }
}

@Resolver(() => SpendEntry)
export class SpendEntryResolver {
  constructor(private readonly grants: GrantLoaders) {}

  @ResolveField(() => BudgetLine, { description: 'The budget line the money was spent on.' })
  async line(@Ctx() ctx: RequestContext, @Parent() s: SpendEntry) {
    return this.grants.budgetLine(ctx).load(s.lineId);
  }

  @ResolveField(() => MoneyType, { description: 'Amount spent.' })
  amount(@Parent() s: SpendEntry): Money {
    return Money.of(s.amountMinor, s.currency);
  }
}

@Resolver(() => Amendment)
export class AmendmentResolver {
  @ResolveField(() => MoneyType, { description: 'Award before.' })
  previousAmount(@Parent() a: Amendment): Money {
    return Money.of(a.previousAmountMinor, a.currency);
  }

  @ResolveField(() => MoneyType, { description: 'Award after.' })
  newAmount(@Parent() a: Amendment): Money {
    return Money.of(a.newAmountMinor, a.currency);
  }
}
