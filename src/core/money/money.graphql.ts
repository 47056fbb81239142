import { Field, InputType, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Ctx } from '../context/ctx.decorator';
import { RequestContext } from '../context/request-context';
import { IsCurrency } from './is-currency.validator';
import { Money } from './money';

@ObjectType('Money', {
  description:
    'An amount of money: an integer count of minor units (cents) with an ISO-4217 currency.',
})
export class MoneyType {
  @Field(() => GraphQLSafeInt, {
    description: 'Amount in minor units, e.g. 12345 for 123.45 EUR. Never a float.',
  })
  amount!: number;

  @Field({ description: 'ISO-4217 currency code, e.g. EUR.' })
  currency!: string;

  @Field({
    description: "The amount formatted for people in the caller's language, e.g. 1.234,56 €.",
  })
  formatted!: string;
}

@InputType('MoneyInput', { description: 'An amount of money in minor units with its currency.' })
export class MoneyInput {
  @Field(() => GraphQLSafeInt, { description: 'Amount in minor units (cents); an integer.' })
  @IsInt({ message: 'must be an integer number of minor units (cents)' })
  @Min(Number.MIN_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @Field({ description: 'ISO-4217 currency code, e.g. EUR.' })
  @IsCurrency()
  currency!: string;

  toMoney(): Money {
    return Money.of(this.amount, this.currency);
  }
}

/**
 * Resolves `Money` fields straight from the domain value type: `amount` and `currency` are plain
 * properties of Money (read by GraphQL's default resolver, no per-field work); only `formatted`
 * needs the caller's language.
 */
@Resolver(() => MoneyType)
export class MoneyResolver {
  @ResolveField(() => String)
  formatted(@Parent() money: Money, @Ctx() ctx: RequestContext): string {
    return money.format(ctx.language);
  }
}
