import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyInput } from '../../core/money/money.graphql';
import { PageArgs } from '../../core/pagination/connection';
import { IsCalendarDate } from '../../core/validation/calendar-date.validator';
import { IsIdempotencyKey } from '../../core/idempotency/idempotency-key.validator';
import { Trim } from '../../core/validation/trim.decorator';
import {
  ApplicationOrder,
  ApplicationStatus,
  BudgetCategory,
  DecisionKind,
} from '../application.enums';
import { LocalDate } from '../../core/graphql/local-date.scalar';

@InputType({ description: 'A planned budget line.' })
export class BudgetLineInput {
  @Field(() => BudgetCategory, { description: 'Kind of cost.' })
  @IsEnum(BudgetCategory)
  category!: BudgetCategory;

  @Field({
    description:
      'Name of the line, e.g. "Entwicklung" (a draft may leave it empty; submitting and approving need it).',
  })
  @Trim()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field(() => MoneyInput, { description: 'Planned amount (positive, in the programme currency).' })
  @ValidateNested()
  @Type(() => MoneyInput)
  amount!: MoneyInput;
}

@InputType({ description: 'One sprint of the first plan.' })
export class SprintPlanInput {
  @Field({
    description:
      'What the team wants to build or learn in this sprint (a draft may leave it empty; submitting needs it).',
  })
  @Trim()
  @IsString()
  @MaxLength(2000)
  goal!: string;

  @Field(() => [String], { description: 'Milestones of the sprint (at least one to submit).' })
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? (value as unknown[]).map((m) => (typeof m === 'string' ? m.trim() : m))
      : value,
  )
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  milestones!: string[];
}

@InputType({
  description: 'An application as draft: every field may be left out until submission.',
})
export class SaveApplicationInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The draft to update; leave out to start a new one.',
  })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The programme applied to (needed for a new draft).',
  })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @Field({ nullable: true, description: 'Project title, up to 200 characters.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  title?: string;

  @Field({ nullable: true, description: 'Summary, up to 2,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @Field({ nullable: true, description: 'The problem, up to 10,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  problem?: string;

  @Field({ nullable: true, description: 'The approach, up to 10,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  approach?: string;

  @Field(() => MoneyInput, { nullable: true, description: 'Amount requested.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  requestedAmount?: MoneyInput;

  @Field(() => [BudgetLineInput], {
    nullable: true,
    description: 'Budget lines; they must add up to the request (replaces the list).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineInput)
  budgetLines?: BudgetLineInput[];

  @Field(() => [SprintPlanInput], {
    nullable: true,
    description: 'First sprint plan (replaces the list).',
  })
  @IsOptional()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => SprintPlanInput)
  sprintPlan?: SprintPlanInput[];

  @Field({ nullable: true, description: 'Contact person.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  contactName?: string;

  @Field({
    nullable: true,
    description: 'Contact email (a draft keeps what was typed; submitting needs a valid address).',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(254)
  contactEmail?: string;
}

@InputType({ description: "A reviewer's score for one criterion." })
export class CriterionScoreInput {
  @Field({ description: 'Key of the programme criterion.' })
  @IsString()
  @MaxLength(40)
  criterionKey!: string;

  @Field(() => Int, { description: 'Score from 1 (weak) to 5 (excellent).' })
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @Field({ description: 'Why this score, up to 5,000 characters.' })
  @IsString()
  @MaxLength(5000)
  comment!: string;
}

@InputType({ description: "A reviewer's scores for an application: one per criterion." })
export class ScoreApplicationInput {
  @Field(() => ID, { description: 'The application.' })
  @IsUUID()
  applicationId!: string;

  @Field(() => [CriterionScoreInput], { description: 'One score per criterion of the programme.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreInput)
  scores!: CriterionScoreInput[];
}

@InputType({ description: "A manager's decision on an application." })
export class DecideApplicationInput {
  @Field(() => ID, { description: 'The application.' })
  @IsUUID()
  applicationId!: string;

  @Field(() => DecisionKind, { description: 'Approve, reject or ask for information.' })
  @IsEnum(DecisionKind)
  decision!: DecisionKind;

  @Field(() => String, {
    nullable: true,
    description:
      'Feedback or questions for the grantee, up to 10,000 characters (required to reject or ask for information).',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10_000)
  comment?: string;

  @Field(() => MoneyInput, {
    nullable: true,
    description: 'APPROVE: the awarded amount if lower than requested.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  awardedAmount?: MoneyInput;

  @Field(() => [BudgetLineInput], {
    nullable: true,
    description:
      'APPROVE with a lower amount: the adjusted budget lines, adding up to the awarded amount.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineInput)
  budgetLines?: BudgetLineInput[];

  @Field(() => LocalDate, {
    nullable: true,
    description: "APPROVE: first day of the grant (YYYY-MM-DD); default the programme's today.",
  })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string;

  @Field({
    nullable: true,
    description: 'Idempotency key: a retry with the same key answers the first result.',
  })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@ArgsType()
export class ApplicationsArgs extends PageArgs {
  @Field(() => ApplicationStatus, {
    nullable: true,
    description: 'Only applications in this state.',
  })
  @IsOptional()
  @IsEnum(ApplicationStatus)
  status?: ApplicationStatus;

  @Field(() => ID, { nullable: true, description: 'Only applications to this programme.' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @Field({ nullable: true, description: 'Words in title or summary.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field(() => ApplicationOrder, {
    nullable: true,
    description: 'The order (NEWEST if not given).',
  })
  @IsOptional()
  @IsEnum(ApplicationOrder)
  orderBy?: ApplicationOrder;
}
