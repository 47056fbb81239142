// The compiled content of a proof of use, as the API shows it: the financial statement per line,
// the list of receipts with their attachments, the tranches received and the reallocations
// applied in the period, and the grant's close-out figures.
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Attachment } from '../../attachments/attachment.entity';
import { Reallocation } from '../../budget/reallocation.entity';
import { Money } from '../../core/money/money';
import { MoneyType } from '../../core/money/money.graphql';
import { BudgetLine, Tranche } from '../../grants/grant.entity';
import { BudgetCategory } from '../../applications/application.enums';
import { RefundClaimStatus } from '../../grants/grant.enums';
import { ReceiptRule } from '../../programmes/programme.enums';
import { LocalDate } from '../../core/graphql/local-date.scalar';

@ObjectType({ description: 'One line of the financial statement (zahlenmäßiger Nachweis).' })
export class ProofOfUseLine {
  @Field(() => BudgetLine, { description: 'The budget line.' })
  line!: BudgetLine;

  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => BudgetCategory, { description: 'Its category.' })
  category!: BudgetCategory;

  @Field(() => MoneyType, { description: 'The original plan.' })
  original!: Money;

  @Field(() => MoneyType, { description: 'Moved to (positive) or away from it by reallocations.' })
  reallocated!: Money;

  @Field(() => MoneyType, { description: 'The allocation now (final at close-out).' })
  allocated!: Money;

  @Field(() => MoneyType, { description: 'Spent within the period.' })
  spentInPeriod!: Money;

  @Field(() => MoneyType, { description: 'Spent from the start up to the end of the period.' })
  spentToDate!: Money;

  @Field({
    description:
      'Spent to date against the original plan, in percent with two decimals (e.g. "12.50"; negative below plan).',
  })
  deviationPercent!: string;

  @Field(() => Int, { description: "The programme's tolerance in percent." })
  tolerancePercent!: number;

  @Field({ description: 'Whether the line went beyond its tolerance (then it is explained).' })
  beyondTolerance!: boolean;

  @Field(() => [String], {
    description: 'The explanations the team gave with its spend on this line.',
  })
  explanations!: string[];

  @Field(() => [String], {
    description: 'Reasons of reallocations beyond the tolerance that moved money to this line.',
  })
  reallocationReasons!: string[];
}

@ObjectType({ description: 'One entry of the list of receipts (Belegliste).' })
export class ProofOfUseReceipt {
  @Field(() => ID, { description: 'The spend entry.' })
  spendEntryId!: string;

  @Field(() => LocalDate, { description: 'When the money was spent.' })
  spentOn!: string;

  @Field(() => ID, { description: 'The budget line.' })
  lineId!: string;

  @Field({ description: "The line's name." })
  lineName!: string;

  @Field(() => Int, { nullable: true, description: 'The sprint it was booked in, if any.' })
  sprintNumber!: number | null;

  @Field(() => MoneyType, { description: 'The amount.' })
  amount!: Money;

  @Field({
    description:
      'What it was for, in the words of whoever booked it; empty for what a sprint review reported.',
  })
  note!: string;

  @Field({ description: 'Whether a sprint review reported it (rather than a person booking it).' })
  fromSprintReview!: boolean;

  @Field(() => String, { nullable: true, description: 'Receipt or invoice reference.' })
  receiptReference!: string | null;

  @Field(() => [Attachment], { description: 'The receipts attached to it.' })
  attachments!: Attachment[];

  @Field({
    description:
      'Whether it still needs a receipt attached before the proof of use can be submitted (programmes whose rule is ATTACHED).',
  })
  receiptMissing!: boolean;
}

@ObjectType({ description: 'What a proof of use compiles for its period from what was reported.' })
export class ProofOfUseFigures {
  @Field(() => LocalDate, { description: 'First day of the period.' })
  periodFrom!: string;

  @Field(() => LocalDate, { description: 'Last day of the period.' })
  periodTo!: string;

  @Field(() => MoneyType, { description: 'Awarded to the grant.' })
  awarded!: Money;

  @Field(() => MoneyType, { description: 'Tranches received within the period.' })
  received!: Money;

  @Field(() => MoneyType, { description: 'Spent within the period.' })
  spentInPeriod!: Money;

  @Field(() => MoneyType, { description: 'Spent from the start up to the end of the period.' })
  spentToDate!: Money;

  @Field(() => MoneyType, {
    description: 'Unreleased money returned to the programme at close-out.',
  })
  returned!: Money;

  @Field(() => MoneyType, { description: 'Released money not spent, claimed back at close-out.' })
  claimed!: Money;

  @Field(() => RefundClaimStatus, { nullable: true, description: 'Where the refund claim stands.' })
  claimStatus!: RefundClaimStatus | null;

  @Field(() => ReceiptRule, { description: "The programme's rule for receipts." })
  receiptRule!: ReceiptRule;

  @Field(() => Int, { description: 'Spend entries of the period that still need a receipt.' })
  missingReceipts!: number;

  @Field(() => [ProofOfUseLine], { description: 'The financial statement, one row per line.' })
  lines!: ProofOfUseLine[];

  @Field(() => [ProofOfUseReceipt], { description: 'The spend entries of the period.' })
  receipts!: ProofOfUseReceipt[];

  @Field(() => [Tranche], {
    description: 'Tranches released within the period (the final one: every tranche).',
  })
  tranches!: Tranche[];

  @Field(() => [Reallocation], { description: 'Reallocations applied within the period.' })
  reallocations!: Reallocation[];
}
