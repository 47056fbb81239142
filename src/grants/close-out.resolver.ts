import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Money } from '../core/money/money';
import { MoneyType } from '../core/money/money.graphql';
import { OrganizationKind, Role } from '../identity/roles';
import { CloseOutService } from './close-out.service';
import { DecideRefundClaimInput, GrantSettlement } from './dto/close-out.types';
import { Grant } from './grant.entity';
import { GrantLoaders } from './grant.loaders';
import { RefundClaim } from './refund-claim.entity';

@Resolver(() => Grant)
export class GrantSettlementResolver {
  constructor(
    private readonly closeOut: CloseOutService,
    private readonly loaders: GrantLoaders,
  ) {}

  @ResolveField(() => GrantSettlement, {
    description:
      'Money in figures: awarded, released, spent, returned to the programme and claimed back (final once the grant ended).',
  })
  async settlement(@Ctx() ctx: RequestContext, @Parent() g: Grant): Promise<GrantSettlement> {
    const [tranches, lines, claim] = await Promise.all([
      this.loaders.tranches(ctx).load(g.id),
      this.loaders.budgetLines(ctx).load(g.id),
      this.loaders.refundClaim(ctx).load(g.id),
    ]);
    return this.closeOut.settlement(g, tranches, lines, claim);
  }

  @ResolveField(() => RefundClaim, {
    nullable: true,
    description: 'Released money not spent when the grant ended, claimed back (Rückforderung).',
  })
  refundClaim(@Ctx() ctx: RequestContext, @Parent() g: Grant) {
    return this.loaders.refundClaim(ctx).load(g.id);
  }
}

@Resolver(() => RefundClaim)
export class RefundClaimResolver {
  constructor(private readonly closeOut: CloseOutService) {}

  @ResolveField(() => MoneyType, { description: 'Amount claimed back.' })
  amount(@Parent() c: RefundClaim): Money {
    return Money.of(c.amountMinor, c.currency);
  }

  @Allow({
    orgKinds: [OrganizationKind.FUNDER],
    roles: [Role.OWNER, Role.MANAGER, Role.FINANCE],
    humansOnly: true,
  })
  @Mutation(() => RefundClaim, {
    description:
      'Settle (the money came back) or waive (with a reason) the refund claim of an ended grant; once.',
  })
  decideRefundClaim(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The claim and the decision.' }) input: DecideRefundClaimInput,
  ) {
    return this.closeOut.decide(ctx, input);
  }
}
