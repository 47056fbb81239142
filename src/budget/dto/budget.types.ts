import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Money } from '../../core/money/money';
import { Connection } from '../../core/pagination/connection';
import { MoneyType } from '../../core/money/money.graphql';
import { BudgetLine } from '../../grants/grant.entity';
import { BudgetReason } from '../budget.errors';
import { Reallocation } from '../reallocation.entity';
import { SpendEntry } from '../spend-entry.entity';

@ObjectType({ description: 'One budget line in figures.' })
export class LineBudget {
  @Field(() => BudgetLine, { description: 'The line.' })
  line!: BudgetLine;

  @Field(() => MoneyType, { description: 'Planned at award.' })
  original!: Money;

  @Field(() => MoneyType, {
    description: 'Current allocation: plan ± reallocations and amendments.',
  })
  allocated!: Money;

  @Field(() => MoneyType, { description: 'Reported spend.' })
  spent!: Money;

  @Field(() => MoneyType, { description: 'Allocated minus spent.' })
  remaining!: Money;

  @Field({
    description:
      'Deviation of the allocation from the plan in percent, exact to two places, e.g. "12.50".',
  })
  deviationPercent!: string;

  @Field({ description: "Whether the allocation is within the programme's tolerance." })
  withinTolerance!: boolean;
}

@ObjectType({ description: 'Spend in one sprint.' })
export class SprintBurn {
  @Field(() => Int, { description: 'Sprint number.' })
  sprintNumber!: number;

  @Field(() => MoneyType, { description: 'Spend reported for the sprint.' })
  spent!: Money;
}

@ObjectType({ description: 'A grant in figures: awarded, allocated, released, spent, remaining.' })
export class GrantBudget {
  @Field(() => MoneyType, { description: 'Awarded amount.' })
  awarded!: Money;

  @Field(() => MoneyType, { description: 'Sum of the line allocations (always equals the award).' })
  allocated!: Money;

  @Field(() => MoneyType, { description: 'Paid out in released tranches.' })
  released!: Money;

  @Field(() => MoneyType, { description: 'Reported spend.' })
  spent!: Money;

  @Field(() => MoneyType, { description: 'Allocated minus spent.' })
  remaining!: Money;

  @Field(() => MoneyType, { description: 'Still held back until the final review.' })
  holdback!: Money;

  @Field(() => [LineBudget], { description: 'Per line.' })
  lines!: LineBudget[];

  @Field(() => [SprintBurn], { description: 'Spend per sprint (burn).' })
  burnBySprint!: SprintBurn[];

  @Field(() => Int, { description: 'Lines whose allocation is outside the tolerance.' })
  linesOutsideTolerance!: number;

  /** Oldest first; served page by page as `pendingReallocations` (GrantBudgetResolver). */
  pendingReallocations!: Reallocation[];

  @Field({
    description:
      'Whether the cached balances equal the ledger (always true unless something is badly wrong).',
  })
  ledgerConsistent!: boolean;
}

@ObjectType({ description: 'A grant in a programme overview.' })
export class GrantBudgetSummary {
  @Field(() => ID, { description: 'Grant id.' })
  grantId!: string;

  @Field({ description: 'Reference number.' })
  reference!: string;

  @Field(() => MoneyType, { description: 'Awarded.' })
  awarded!: Money;

  @Field(() => MoneyType, { description: 'Released.' })
  released!: Money;

  @Field(() => MoneyType, { description: 'Spent.' })
  spent!: Money;

  @Field(() => MoneyType, { description: 'Awarded minus spent.' })
  remaining!: Money;

  @Field(() => Int, { description: 'Lines outside tolerance.' })
  linesOutsideTolerance!: number;

  @Field(() => Int, { description: 'Reallocations waiting for the funder.' })
  pendingReallocations!: number;
}

@ObjectType({
  description: "A programme's money: its budget, what was awarded, released and spent.",
})
export class ProgrammeBudget {
  @Field(() => MoneyType, { description: 'Total budget of the programme.' })
  totalBudget!: Money;

  @Field(() => MoneyType, { description: 'Awarded to grants.' })
  awarded!: Money;

  @Field(() => MoneyType, {
    description:
      'Not committed to grants: the total less awards, plus what ended grants gave back.',
  })
  available!: Money;

  @Field(() => MoneyType, {
    description: 'Never released by ended grants and given back to the programme (now available).',
  })
  returned!: Money;

  @Field(() => MoneyType, { description: 'Paid out.' })
  released!: Money;

  @Field(() => MoneyType, { description: 'Reported spend.' })
  spent!: Money;

  /** Per grant, by reference; served page by page as `grants` (ProgrammeBudgetResolver). */
  grants!: GrantBudgetSummary[];
}

export const GrantBudgetSummaryConnection = Connection(GrantBudgetSummary);
export const ReallocationConnection = Connection(Reallocation);
export const SpendEntryConnection = Connection(SpendEntry);

export enum ReallocationPreviewOutcome {
  APPLIES_AT_ONCE = 'APPLIES_AT_ONCE',
  NEEDS_FUNDER_DECISION = 'NEEDS_FUNDER_DECISION',
  REFUSED = 'REFUSED',
}

registerEnumType(ReallocationPreviewOutcome, {
  name: 'ReallocationPreviewOutcome',
  description: 'What `requestReallocation` would do with a move, as things stand now.',
  valuesMap: {
    APPLIES_AT_ONCE: { description: 'Within the tolerance: applied as soon as it is sent.' },
    NEEDS_FUNDER_DECISION: {
      description: 'Beyond the tolerance: it would wait for a funder manager to approve it.',
    },
    REFUSED: { description: 'Not possible; `reason` and `message` say why.' },
  },
});

@ObjectType({ description: 'One line of a move, before and after.' })
export class LineMovePreview {
  @Field(() => BudgetLine, { description: 'The line.' })
  line!: BudgetLine;

  @Field(() => MoneyType, { description: 'Planned at award.' })
  original!: Money;

  @Field(() => MoneyType, { description: 'Current allocation.' })
  allocatedBefore!: Money;

  @Field(() => MoneyType, { description: 'Allocation once the move is applied.' })
  allocatedAfter!: Money;

  @Field(() => MoneyType, { description: 'Reported spend (the floor of a source line).' })
  spent!: Money;

  @Field(() => MoneyType, {
    description: 'Most the line may hold without approval: original plus the tolerance.',
  })
  ceiling!: Money;
}

@ObjectType({
  description:
    'The verdict on a move before it is sent, from the same rule `requestReallocation` applies.',
})
export class ReallocationPreview {
  @Field(() => ReallocationPreviewOutcome, { description: 'What sending would do.' })
  outcome!: ReallocationPreviewOutcome;

  @Field(() => BudgetReason, {
    nullable: true,
    description: 'Why it would be refused (only when `outcome` is REFUSED).',
  })
  reason!: BudgetReason | null;

  @Field(() => String, {
    nullable: true,
    description: "The refusal as the mutation would word it, in the caller's language.",
  })
  message!: string | null;

  @Field(() => Int, { description: "The programme's tolerance in percent." })
  tolerancePercent!: number;

  @Field(() => MoneyType, {
    description: 'Most the source line can give: its allocation less what was spent on it.',
  })
  available!: Money;

  @Field(() => LineMovePreview, { description: 'The source line, before and after.' })
  from!: LineMovePreview;

  @Field(() => LineMovePreview, { description: 'The receiving line, before and after.' })
  to!: LineMovePreview;
}
