import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsIdempotencyKey } from '../../core/idempotency/idempotency-key.validator';
import { Money } from '../../core/money/money';
import { MoneyType } from '../../core/money/money.graphql';
import { Trim } from '../../core/validation/trim.decorator';
import { RefundDecision } from '../grant.enums';
import { RefundClaim } from '../refund-claim.entity';

@ObjectType({
  description:
    "A grant's money at the end (Verwendungsnachweis in figures): awarded = released + returned (+ still scheduled while it runs); claimed = released − spent when it ended.",
})
export class GrantSettlement {
  @Field(() => MoneyType, { description: 'Awarded amount (after amendments).' })
  awarded!: Money;

  @Field(() => MoneyType, { description: 'Paid out in released tranches.' })
  released!: Money;

  @Field(() => MoneyType, { description: 'Reported spend.' })
  spent!: Money;

  @Field(() => MoneyType, {
    description: 'Never released, given back to the programme budget when the grant ended.',
  })
  returned!: Money;

  @Field(() => MoneyType, {
    description: 'Released but not spent, claimed back when the grant ended (0 when nothing is).',
  })
  claimed!: Money;

  @Field(() => RefundClaim, { nullable: true, description: 'The refund claim, if there is one.' })
  refundClaim!: RefundClaim | null;
}

@InputType({ description: 'Settle or waive a refund claim.' })
export class DecideRefundClaimInput {
  @Field(() => ID, { description: 'The refund claim.' })
  @IsUUID()
  claimId!: string;

  @Field(() => RefundDecision, { description: 'Settled (the money came back) or waived.' })
  @IsEnum(RefundDecision)
  decision!: RefundDecision;

  @Field({
    nullable: true,
    description: 'Why the claim is waived (required for WAIVE), or a note on the settlement.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  comment?: string;

  @Field({ nullable: true, description: 'Idempotency key.' })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}
